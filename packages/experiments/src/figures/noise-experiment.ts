/**
 * The sweep behind the noise figure (issue 16): relative error against the SNR of additive
 * Gaussian noise on the magnitudes (`gaussian:SNR_DB`, see `addNoise`), for DPR and for the
 * baselines that act on the signal directly, all on the Section 4.1 signal y0 = G(x0)
 * (G = relu(W2 relu(W1 x)), k = 10, n1 = 500, n = 1000; W_i, A, x0 iid N(0, 1)).
 *
 * Two panels, one per m: at m = 200 (m/n = 0.2, the paper's regime) only the prior can recover
 * y0, so DPR runs alone; at m = 4000 (m/n = 4, where every PhasePack-family reference run
 * recovers a dense real signal noiselessly, see `REFERENCE_CURVES`) DPR runs beside the
 * PhasePack family and SPARTA (given the true sparsity K = ‖y0‖₀, about n/2 after the ReLU).
 * A trial is one (m, method, SNR, instance): the instance is rebuilt from its seed, shared by every
 * method and SNR at that m (paired comparisons), and the noise is drawn with the seed
 * `deriveSeed(seed, 4)`, as `dpr solve --seed S --noise gaussian:SNR` draws it.
 * This module is what the worker threads import: it holds no plotting code.
 */
import { deriveSeed, selectBackend, type Backend } from '@dpr/linalg';
import { addNoise, dpr, gaussianPriorInstance, getSolver, relativeError, relativeErrorUpToSign, sparta, type Problem, type SolverResult } from '@dpr/phase-retrieval';
import type { Experiment, Metrics, Params } from '@dpr/sweep';

/** The `snr` parameter of a noiseless trial (the other trials carry the SNR in dB). */
export const NOISELESS = 'noiseless';

/** One panel: a measurement count, the methods run at it and its number of instances. */
export interface NoisePanel {
  m: number;
  /** Solver ids: `dpr` (once per entry of `restarts`), `sparta`, or a PhasePack-family solver. */
  methods: string[];
  /** Instances per SNR, each shared by the methods and the SNRs. */
  instances: number;
}

/** The configuration of the noise sweep (hashed into config.json). */
export interface NoiseConfig {
  /** Generator widths [k, n1, n]. */
  dims: number[];
  panels: NoisePanel[];
  /** SNRs in dB of `gaussian:SNR_DB` on the magnitudes; a noiseless point is added when `noiseless`. */
  snrs: number[];
  noiseless: boolean;
  /** DPR series: random restarts (1 = a single run of Algorithm 1; the lowest f of R wins). */
  restarts: number[];
  /**
   * maxIters of the PhasePack-family solvers (theirs is 10000): on noisy data their relative-residual
   * test (tol 1e-6) may never be met, and a run then iterates ~20 ms per step at m = 4000 for
   * minutes; the records say which runs stopped on the cap (`stopReason: maxIters`).
   */
  baselineMaxIters: number;
  /** Compute backend of the workers. */
  backend: 'wasm' | 'js';
}

/** The PhasePack family (the dense plain-signal baselines of `solversWith({ prior: false, sparsity: false })`). */
export const PHASEPACK_FAMILY = ['wirtinger-flow', 'twf', 'rwf', 'amplitude-flow', 'taf', 'raf', 'gerchberg-saxton', 'fienup'];

/**
 * The full figure, or (`quick`, seconds) its m = 200 panel alone with DPR's best of 5 restarts,
 * four SNRs and three instances (the baselines need m = 4000, a few seconds per trial).
 */
export function noiseConfig(quick: boolean): NoiseConfig {
  return {
    dims: [10, 500, 1000],
    panels: quick
      ? [{ m: 200, methods: ['dpr'], instances: 3 }]
      : [{ m: 200, methods: ['dpr'], instances: 10 }, { m: 4000, methods: ['dpr', 'sparta', ...PHASEPACK_FAMILY], instances: 3 }],
    snrs: quick ? [0, 10, 20, 30] : [0, 5, 10, 15, 20, 25, 30, 40],
    noiseless: true,
    restarts: quick ? [5] : [1, 5],
    baselineMaxIters: 1000,
    backend: 'wasm',
  };
}

/** The seed of instance `i` (0-based) at `m`: shared by every method and SNR at that m. */
export function noiseSeed(m: number, i: number): number {
  return 1000 * m + i + 1;
}

/** Per-worker state of the noise experiment. */
export interface NoiseState {
  backend: Backend;
}

/** The noisy magnitudes of an instance (the clean ones for `noiseless`), with the realized SNR. */
function noisyProblem(problem: Problem, snr: number | typeof NOISELESS, seed: number): { problem: Problem; snrDb: number | null } {
  if (snr === NOISELESS) return { problem, snrDb: null };
  const noisy = addNoise(problem.b, { model: 'gaussian', snrDb: snr }, deriveSeed(seed, 4));
  return { problem: { ...problem, b: noisy.b }, snrDb: Number.isFinite(noisy.snrDb) ? noisy.snrDb : null };
}

function countNonZeros(y: ArrayLike<number>): number {
  let K = 0;
  for (let i = 0; i < y.length; i++) if (y[i] !== 0) K++;
  return K;
}

/** One trial: build the instance, add the noise, solve, and measure the error (up to sign for the baselines). */
function noiseTrial(params: Params, seed: number, config: NoiseConfig, backend: Backend): Metrics {
  const m = Number(params['m']), solver = String(params['solver']);
  const snr = params['snr'] === NOISELESS ? NOISELESS : Number(params['snr']);
  const { problem: clean } = gaussianPriorInstance({ dims: config.dims, m, seed, backend });
  try {
    const { problem, snrDb } = noisyProblem(clean, snr, seed);
    const truth = clean.truth;
    const signalOnly: Problem = { A: problem.A, b: problem.b };
    let r: SolverResult;
    let sparsity: number | null = null;
    if (solver === 'dpr') r = dpr.solve(problem, { restarts: Number(params['restarts']), seed });
    else if (solver === 'sparta') r = sparta.solve(signalOnly, { sparsity: (sparsity = countNonZeros(truth)), seed });
    else r = getSolver(solver).solve(signalOnly, { seed, maxIters: config.baselineMaxIters });
    const finite = r.estimate.every(Number.isFinite);
    const relError = !finite ? null : solver === 'dpr' ? relativeError(r.estimate, truth) : relativeErrorUpToSign(r.estimate, truth);
    return { relError, snrDb, sparsity, iterations: r.iterations, stopReason: r.stopReason, solveMs: r.timeMs, error: null };
  } catch (e) {
    // a baseline can blow up (non-finite iterates) on very noisy data: a failed recovery, recorded
    return { relError: null, snrDb: null, sparsity: null, iterations: null, stopReason: 'error', solveMs: null, error: (e as Error).message };
  } finally {
    clean.prior.dispose();
    clean.A.dispose();
  }
}

/** The noise sweep: for each panel, instance, SNR and method. */
export const noiseExperiment: Experiment<NoiseConfig, NoiseState> = {
  id: 'noise',
  module: { url: import.meta.url, exportName: 'noiseExperiment' },
  grid(config) {
    const out: Array<{ params: Params; seed: number }> = [];
    const snrs: Array<number | string> = [...config.snrs, ...(config.noiseless ? [NOISELESS] : [])];
    for (const { m, methods, instances } of config.panels) {
      for (let i = 0; i < instances; i++) {
        const seed = noiseSeed(m, i);
        for (const snr of snrs) {
          for (const solver of methods) {
            if (solver === 'dpr') for (const restarts of config.restarts) out.push({ params: { m, solver, restarts, snr }, seed });
            else out.push({ params: { m, solver, snr }, seed });
          }
        }
      }
    }
    return out;
  },
  async setup(config) {
    const backend = await selectBackend({ backend: config.backend }); // a fallback shows in each trial's recorded backend
    return { backend: backend.name, state: { backend } };
  },
  run({ params, seed }, config, { backend }) {
    return noiseTrial(params, seed, config, backend);
  },
  teardown({ backend }) {
    backend.dispose();
  },
};
