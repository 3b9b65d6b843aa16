/**
 * The runs of `dpr demo`: MNIST test digits recovered from m magnitudes with DPR-Adam under the
 * shipped VAE and with plain-signal baselines on the pixels (and the picture grid of them), and
 * DPR on the paper's Section 4.1 Gaussian setup. Each row is reported to a callback as it is done.
 */
import { OptionError, deriveSeed, nrm2, type Backend, type Vec } from '@dpr/linalg';
import { createPrior } from '@dpr/generative-prior';
import { SOLVERS, SUCCESS_THRESHOLD, dpr, gaussianMeasurements, gaussianPriorInstance, magnitudes, perPixelError, recoverImage, relativeError } from '@dpr/phase-retrieval';
import { composeGrid, encodePng } from '@dpr/render/image';
import type { SolveSources } from './solve.js';

/** Options of {@link runMnistDemo}. */
export interface MnistDemoOptions {
  digits: number;
  m: number;
  restarts: number;
  maxIters: number;
  /** Plain-signal solver ids. */
  baselines: readonly string[];
}

/** What {@link runMnistDemo} returns. */
export interface MnistDemoResult {
  methods: string[];
  /** Per method, the per-pixel error of each digit. */
  errors: number[][];
  means: number[];
  /** Per method, how many digits every start diverged on. */
  diverged: number[];
  /** originals, then one row per method. */
  picture: Uint8Array;
  seconds: number;
}

/** Recover `digits` MNIST test digits with DPR-Adam and the baselines; what it puts on `backend` (the prior, each digit's A) it frees, also when it throws. */
export function runMnistDemo(o: MnistDemoOptions, backend: Backend, sources: Required<Pick<SolveSources, 'loadPretrained' | 'testImage'>>, onDigit?: (index: number, errors: number[]) => void): MnistDemoResult {
  for (const b of o.baselines) {
    const s = SOLVERS[b];
    if (!s || s.capabilities.prior) throw new OptionError('baselines', `'${b}' is not a plain-signal solver (e.g. sparta, fienup, gerchberg-saxton, wirtinger-flow)`);
  }
  const methods = ['dpr-adam', ...o.baselines];
  const prior = createPrior('mnist-vae', { backend, loadPretrained: sources.loadPretrained });
  const rows: Float64Array[][] = [[], ...methods.map(() => [])];
  const errors: number[][] = methods.map(() => []);
  const diverged = methods.map(() => 0);
  const t0 = performance.now();
  try {
    for (let index = 0; index < o.digits; index++) {
      const truth = sources.testImage('mnist', index);
      const A = gaussianMeasurements({ m: o.m, n: 784, seed: deriveSeed(index, 2), scale: 'inverse-m', backend });
      try {
        const b = magnitudes(A, truth);
        rows[0]!.push(truth);
        methods.forEach((algorithm, j) => {
          const r = recoverImage({ algorithm, A, b, prior, height: 28, width: 28, seed: index, restarts: algorithm === 'dpr-adam' ? o.restarts : 1, maxIters: o.maxIters });
          rows[j + 1]!.push(r.estimate);
          if (r.stopReason === 'diverged') diverged[j]!++;
          errors[j]!.push(perPixelError(r.estimate, truth));
        });
      } finally {
        A.dispose(); // also when a recovery throws (e.g. a bad maxIters)
      }
      onDigit?.(index, methods.map((_, j) => errors[j]![index]!));
    }
  } finally {
    prior.dispose();
  }
  const picture = encodePng(composeGrid(rows, { width: 28, height: 28, scale: 3, gap: 4 }));
  return { methods, errors, means: errors.map((e) => e.reduce((s, v) => s + v, 0) / e.length), diverged, picture, seconds: (performance.now() - t0) / 1000 };
}

/** One solve of the Gaussian demo. */
export interface GaussianDemoRecord {
  seed: number;
  restarts: number;
  relError: number;
  success: boolean;
  iterations: number;
  timeMs: number;
  stopReason: string;
  /** ‖x*‖ and ‖x0‖. */
  latentNorm: number;
  truthNorm: number;
}

/** DPR on `instances` seeded Section 4.1 instances (k = 10, 500, 1000). */
export function runGaussianDemo(o: { instances: number; m: number; restarts: number }, backend: Backend, onRecord?: (r: GaussianDemoRecord) => void): GaussianDemoRecord[] {
  const records: GaussianDemoRecord[] = [];
  for (let seed = 1; seed <= o.instances; seed++) {
    const { problem, x0 } = gaussianPriorInstance({ dims: [10, 500, 1000], m: o.m, seed, backend });
    try {
      const r = dpr.solve(problem, { seed, restarts: o.restarts });
      const e = relativeError(r.estimate, problem.truth);
      const rec = { seed, restarts: o.restarts, relError: e, success: e <= SUCCESS_THRESHOLD, iterations: r.iterations, timeMs: r.timeMs, stopReason: r.stopReason, latentNorm: nrm2(r.latent as Vec), truthNorm: nrm2(x0) };
      records.push(rec);
      onRecord?.(rec);
    } finally {
      problem.prior.dispose();
      problem.A.dispose();
    }
  }
  return records;
}
