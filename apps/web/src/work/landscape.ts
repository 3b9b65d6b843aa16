/**
 * The landscape view (Figure 1, k = 2): the expected objective f̄ (closed form, theory-checks) and
 * the empirical f(x) = ½‖|A G(x)| − b‖² of one random instance with x0 = [1, 0] (fan-in weights
 * N(0, 1/n_i) and A ~ N(0, 1/m), the scaling f̄ is the limit of) on the same grid, and DPR paths
 * on that instance from a clicked start.
 */
import { deriveSeed, type Backend } from '@dpr/linalg';
import { ReluNetwork } from '@dpr/generative-prior';
import { dpr, dprObjective, gaussianMeasurements, magnitudes, relativeError, type Problem } from '@dpr/phase-retrieval';
import { expectedLandscapeGrid, rho } from '@dpr/theory-checks';
import type { LabSettings } from '../url-state.js';
import type { LandscapeRequestMessage, PathRequestMessage, WorkerEvent } from '../protocol.js';
import { workerBackend } from './backend.js';

/** The network of the landscape: the settings' prior when it is `gaussian:2,...`, else 2-250-500. */
export function landscapeDims(prior: string): number[] {
  const dims = /^gaussian:(\d+(?:,\d+)+)$/.exec(prior)?.[1]?.split(',').map(Number);
  return dims && dims[0] === 2 ? dims : [2, 250, 500];
}

const X0: [number, number] = [1, 0];
let cached: { key: string; problem: Problem; release: () => void } | undefined;

/**
 * The landscape's instance for the settings, kept for the next request (this module owns it); the
 * one it replaces is freed. A build that fails frees what it made and forgets the old instance too
 * (released first, so that a large instance is never held twice).
 */
function instance(s: LabSettings, backend: Backend): Problem {
  const dims = landscapeDims(s.prior);
  const key = `${dims.join(',')}|${s.m}|${s.seed}|${backend.name}`;
  if (cached?.key !== key) {
    cached?.release();
    cached = undefined;
    const prior = ReluNetwork.random({ dims, seed: deriveSeed(s.seed, 1), scale: 'fan-in', backend });
    try {
      const A = gaussianMeasurements({ m: s.m, n: prior.outputDim, seed: deriveSeed(s.seed, 2), scale: 'inverse-m', backend });
      const truth = prior.forward(Float64Array.from(X0));
      cached = { key, problem: { A, b: magnitudes(A, truth), prior, truth }, release: () => { A.dispose(); prior.dispose(); } };
    } catch (e) {
      prior.dispose();
      throw e;
    }
  }
  return cached.problem;
}

export async function runLandscape(msg: LandscapeRequestMessage, post: (e: WorkerEvent) => void): Promise<void> {
  const backend = await workerBackend(msg.settings.backend, post);
  const d = landscapeDims(msg.settings.prior).length - 1;
  const grid = expectedLandscapeGrid({ d, extent: msg.extent, size: msg.size, x0: X0 });
  const problem = instance(msg.settings, backend);
  const empirical = new Float64Array(msg.size * msg.size);
  const x = new Float64Array(2);
  for (let j = 0; j < msg.size; j++) {
    for (let i = 0; i < msg.size; i++) {
      x[0] = grid.xs[i]!;
      x[1] = grid.ys[j]!;
      empirical[j * msg.size + i] = dprObjective(problem, x);
    }
  }
  const r = rho(d);
  post({ type: 'landscape', size: msg.size, extent: msg.extent, expected: grid.values, empirical, x0: X0, negRho: [-r * X0[0], -r * X0[1]] });
}

/** cos of the largest angle between x_t and −x_{t−1} that counts as DPR's negation x → −x (then one step). */
const NEGATION_COS = 0.8;

/** The iterations t where x_t points (within about 37°) along −x_{t−1}: DPR took the negation. */
export function negationJumps(points: ReadonlyArray<readonly [number, number]>): number[] {
  const jumps: number[] = [];
  for (let t = 1; t < points.length; t++) {
    const [a, b] = points[t - 1]!, [c, e] = points[t]!;
    const norms = Math.hypot(a, b) * Math.hypot(c, e);
    if (norms > 0 && -(a * c + b * e) > NEGATION_COS * norms) jumps.push(t);
  }
  return jumps;
}

export async function runPath(msg: PathRequestMessage, post: (e: WorkerEvent) => void): Promise<void> {
  const backend = await workerBackend(msg.settings.backend, post);
  const problem = instance(msg.settings, backend);
  const points: Array<[number, number]> = [msg.start];
  const r = dpr.solve(problem, {
    init: Float64Array.from(msg.start),
    seed: msg.settings.seed,
    ...(msg.settings.maxIters === null ? {} : { maxIters: msg.settings.maxIters }),
    onIteration: (info) => {
      const x = info.current().latent!;
      points.push([x[0]!, x[1]!]);
    },
  });
  post({ type: 'path', points, jumps: negationJumps(points), relError: relativeError(r.estimate, problem.truth!) });
}
