/**
 * The sweep behind Figure 2 (Section 4.1): success rate against m/n for DPR on the paper's
 * Gaussian-signal setup (G = relu(W2 relu(W1 x)), k = 10, n1 = 500, n = 1000, W_i, A, x0 iid N(0,1))
 * and for SPARTA on K-sparse y0 ∈ R^1000 (non-zeros iid N(0,1)), on one m grid. A trial is one
 * (solver, m, instance seed): the instance is rebuilt from the seed (gaussianPriorInstance /
 * sparseInstance), solved, and judged by the relative error (up to sign for SPARTA) ≤ 1e-3.
 * This module is what the worker threads import: it holds no plotting code.
 * @see PAPER.md, "Experiments the paper reports", item 1.
 */
import { selectBackend, type Backend } from '@dpr/linalg';
import { InstanceCache, dpr, gaussianPriorInstance, relativeError, relativeErrorUpToSign, sparseInstance, sparta } from '@dpr/phase-retrieval';
import type { Experiment, Metrics, Params } from '@dpr/sweep';

/** The configuration of the Figure 2 sweep (hashed into config.json). */
export interface Fig2Config {
  /** Generator widths [k, n1, n]. */
  dims: number[];
  /** Signal length n (= the generator's output for DPR, the sparse signal's length for SPARTA). */
  n: number;
  /** Instances per (series, m). */
  instances: number;
  /** Measurement counts m (the x axis is m / n). */
  ms: number[];
  /** DPR series: random restarts (1 = a single run of Algorithm 1). */
  restarts: number[];
  /** SPARTA series: sparsity levels K. */
  sparsity: number[];
  /** Success: relative error ≤ threshold. */
  threshold: number;
  /** Compute backend of the workers. */
  backend: 'wasm' | 'js';
}

/** m/n = 0.01 … 0.20 in steps of 0.01, then beyond until every series reaches 100%. */
const FULL_MS = [...Array.from({ length: 20 }, (_, i) => 10 * (i + 1)), 250, 300, 350, 400, 500, 600, 700, 800];

/** The paper's configuration, or (`quick`) the same shape on a coarser grid with fewer instances. */
export function fig2Config(quick: boolean): Fig2Config {
  return {
    dims: [10, 500, 1000],
    n: 1000,
    instances: quick ? 10 : 25,
    ms: quick ? [20, 40, 60, 80, 100, 120, 140, 160, 180, 200, 300, 400, 600, 800] : FULL_MS,
    restarts: [1, 5],
    sparsity: [3, 5, 10],
    threshold: 1e-3,
    backend: 'wasm',
  };
}

/** The seed of instance `i` (0-based) at `m`: distinct for every (m, i), shared by the series at that m. */
export function fig2Seed(m: number, i: number): number {
  return 1000 * m + i + 1;
}

/**
 * Per-worker state of the fig2 experiment. Instances are rebuilt per trial from their seed; the
 * series of one (m, seed) share A (and DPR's two series G), which the worker's cache keeps while
 * consecutive trials use them, so each is drawn and uploaded once per worker, not per trial.
 */
export interface Fig2State {
  backend: Backend;
  cache: InstanceCache;
}

function dprTrial(m: number, restarts: number, seed: number, config: Fig2Config, { backend, cache }: Fig2State): Metrics {
  const { problem } = gaussianPriorInstance({ dims: config.dims, m, seed, backend, cache });
  const r = dpr.solve(problem, { restarts, seed });
  const relError = relativeError(r.estimate, problem.truth);
  return { relError, success: relError <= config.threshold, iterations: r.iterations, stopReason: r.stopReason, solveMs: r.timeMs, error: null };
}

function spartaTrial(m: number, K: number, seed: number, config: Fig2Config, { backend, cache }: Fig2State): Metrics {
  const { problem } = sparseInstance({ n: config.n, m, sparsity: K, seed, backend, cache });
  try {
    const r = sparta.solve(problem, { sparsity: K, seed });
    const relError = relativeErrorUpToSign(r.estimate, problem.truth);
    return { relError, success: relError <= config.threshold, iterations: r.iterations, stopReason: r.stopReason, solveMs: r.timeMs, error: null };
  } catch (e) {
    // SPARTA can blow up (non-finite iterates) when m is far too small: a failed recovery
    return { relError: null, success: false, iterations: null, stopReason: 'error', solveMs: null, error: (e as Error).message };
  }
}

/** The Figure 2 sweep: for each m, each instance, each series. */
export const fig2Experiment: Experiment<Fig2Config, Fig2State> = {
  id: 'fig2',
  module: { url: import.meta.url, exportName: 'fig2Experiment' },
  grid(config) {
    const out: Array<{ params: Params; seed: number }> = [];
    for (const m of config.ms) {
      for (let i = 0; i < config.instances; i++) {
        const seed = fig2Seed(m, i);
        for (const restarts of config.restarts) out.push({ params: { solver: 'dpr', restarts, m }, seed });
        for (const sparsity of config.sparsity) out.push({ params: { solver: 'sparta', sparsity, m }, seed });
      }
    }
    return out;
  },
  async setup(config) {
    const backend = await selectBackend({ backend: config.backend }); // a fallback shows in each trial's recorded backend
    return { backend: backend.name, state: { backend, cache: new InstanceCache(3) } };
  },
  run({ params, seed }, config, state) {
    const m = Number(params['m']);
    if (params['solver'] === 'dpr') return dprTrial(m, Number(params['restarts']), seed, config, state);
    return spartaTrial(m, Number(params['sparsity']), seed, config, state);
  },
  teardown({ backend, cache }) {
    cache.clear();
    backend.dispose();
  },
};
