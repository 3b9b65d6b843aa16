/**
 * DPR-Adam, the image-experiment variant of DPR (Section 4.2): Adam on the latent code with the
 * descent direction v(x) as gradient; every restart runs from x_1 and from −x_1 (instead of the
 * per-step negation check), R random restarts, and the run with the lowest f is kept. The choice is
 * made by f alone — never by the truth (the authors' code peeks at the true image to pick the sign;
 * this implementation does not). All 2R runs advance together, one GEMM per layer.
 *
 * Learning rate: `learningRate` is relative to the scale of the starting codes,
 * η = learningRate · rms(x_1), so it needs no per-problem tuning; each run also keeps its best
 * iterate (Adam is not monotone). Stops when every run's relative step falls to tol. f and v come
 * from a {@link DprEngine} (resident on the backend where G and A allow it; `dpr-engine.ts`).
 * @see PAPER.md, "Algorithm 1" (the image-experiment paragraph) and "Experiments" 2–3.
 */
import { ArgumentError, adamUpdate, mat, type Mat } from '@dpr/linalg';
import { defineSolver } from './run-solver.js';
import { argmin, column, columnNorms2, startingCodes } from './latent-batch.js';
import { dprWorkspace, type DprEngine, type DprWorkspace } from './dpr-engine.js';

/** Options of `dpr-adam`. */
export interface DprAdamOptions {
  /** Random restarts R; each runs from x_1 and −x_1, so 2R runs in all (default 10). */
  restarts: number;
  /** Step size relative to rms(x_1) (default 0.05). */
  learningRate: number;
  /** Adam's β₁ (default 0.9). */
  beta1: number;
  /** Adam's β₂ (default 0.999). */
  beta2: number;
  /** Adam's ε (default 1e-8). */
  epsilon: number;
}

interface AdamState {
  engine: DprEngine;
  X: Mat;
  M: Mat;
  V2: Mat;
  f: Float64Array;
  bestX: Mat;
  bestF: Float64Array;
  lr: number;
  eps: number;
  t: number;
  runs: number;
}

export const dprAdam = defineSolver<DprAdamOptions, AdamState, DprWorkspace>({
  id: 'dpr-adam',
  summary: 'DPR with Adam, runs from x1 and -x1 and R random restarts (the image-experiment variant)',
  needsPrior: true,
  capabilities: { restarts: true, complex: true },
  defaults: { restarts: 10, learningRate: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
  sharedDefaults: { maxIters: 500, tol: 1e-7 },
  validate(o) {
    if (!Number.isSafeInteger(o.restarts) || o.restarts < 1) throw new ArgumentError('options.restarts', 'a positive integer', o.restarts);
    if (!(o.learningRate > 0) || !Number.isFinite(o.learningRate)) throw new ArgumentError('options.learningRate', 'a positive number', o.learningRate);
    for (const key of ['beta1', 'beta2'] as const) {
      if (!(o[key] >= 0 && o[key] < 1)) throw new ArgumentError(`options.${key}`, 'a number in [0, 1)', o[key]);
    }
    if (!(o.epsilon > 0)) throw new ArgumentError('options.epsilon', 'a positive number', o.epsilon);
  },
  prepare({ problem, options }) {
    return dprWorkspace(problem, 2 * options.restarts, false);
  },
  init({ problem, options, rng }, workspace) {
    const R = options.restarts, k = problem.prior!.latentDim, runs = 2 * R;
    const X1 = startingCodes(problem, rng, R, options.init);
    const X = mat(k, runs);
    for (let i = 0; i < k; i++) {
      for (let r = 0; r < R; r++) {
        const v = X1.data[i * R + r] as number;
        X.data[i * runs + 2 * r] = v;
        X.data[i * runs + 2 * r + 1] = -v;
      }
    }
    let ss = 0;
    for (const v of X1.data) ss += v * v;
    const engine = workspace.start(X, false);
    return {
      engine, X, M: mat(k, runs), V2: mat(k, runs), f: engine.f.slice(),
      bestX: mat(k, runs, X.data.slice()), bestF: engine.f.slice(),
      lr: options.learningRate * Math.sqrt(ss / X1.data.length), eps: options.epsilon, t: 0, runs,
    };
  },
  step(s, { options }) {
    const { beta1, beta2 } = options;
    const { engine } = s;
    // f and the linearisation at the current X (init evaluated the first one)
    if (s.t > 0) {
      engine.propose(s.X);
      engine.commit();
    }
    const f = engine.f;
    const g = engine.descent();
    // keep each run's best iterate (f was just evaluated at the current X)
    for (let r = 0; r < s.runs; r++) {
      if ((f[r] as number) < (s.bestF[r] as number)) {
        s.bestF[r] = f[r] as number;
        for (let i = 0; i < s.X.rows; i++) s.bestX.data[i * s.runs + r] = s.X.data[i * s.runs + r] as number;
      }
    }
    s.t++;
    const before = columnNorms2(s.X);
    const step = new Float64Array(g.data.length);
    adamUpdate(s.X.data, g.data, s.M.data, s.V2.data, s.t, { learningRate: s.lr, beta1, beta2, epsilon: s.eps }, step);
    const moved = new Float64Array(s.runs);
    for (let i = 0; i < step.length; i++) moved[i % s.runs] = (moved[i % s.runs] as number) + (step[i] as number) ** 2;
    s.f = f.slice();
    let change = 0;
    for (let r = 0; r < s.runs; r++) change = Math.max(change, Math.sqrt((moved[r] as number) / Math.max(before[r] as number, 1e-300)));
    return { objective: Math.min(...s.bestF), change };
  },
  current(s, { problem }) {
    const best = argmin(s.bestF);
    const latent = column(s.bestX, best);
    return { estimate: problem.prior!.forward(latent), latent, objective: s.bestF[best] as number };
  },
  info(s) {
    return { restarts: s.runs / 2, runs: s.runs, bestRun: argmin(s.bestF), learningRate: s.lr };
  },
  dispose(s) {
    s.engine.dispose();
  },
});
