/**
 * DPR, Algorithm 1 of the paper: gradient steps x ← x − α v(x) on f(x) = ½‖|A G(x)| − b‖², with the
 * negation check `if f(−x) < f(x): x ← −x` at every iteration. With `restarts: R`, R seeded random
 * starts run together (one GEMM per layer) and the run with the lowest f is returned.
 *
 * Step size (no per-problem tuning): G is piecewise linear, so around x, with the ReLU masks and the
 * measurement signs frozen, f is exactly quadratic along −v: f(x − αv) = f(x) − α‖v‖² +
 * ½α²‖A J v‖² (J = W_{d,+,x} ⋯ W_{1,+,x}). We take the minimiser α = ‖v‖² / ‖A J v‖² (exact line
 * search on the local model; J v is one masked forward pass) and halve α while f does not decrease,
 * which covers a change of masks or signs along the step. The rule is invariant to the scales of
 * A, W_i and b.
 *
 * Stopping: the relative step ‖x_{t+1} − x_t‖/‖x_t‖ of every run ≤ tol, or an exact fit
 * (‖|AG(x)| − b‖ ≤ 1e-14‖b‖) of the best run.
 * @see PAPER.md, "Algorithm 1 (DPR gradient method)".
 */
import { ArgumentError, mat, type Mat } from '@dpr/linalg';
import { defineSolver } from './run-solver.js';
import { argmin, column, columnNorms2, descentBatch, evaluateBatch, objectiveBatch, startingCodes, type BatchPoint } from './latent-batch.js';
import { applyBatch } from '@dpr/linalg';

/** Options of the `dpr` solver. */
export interface DprOptions {
  /** Number of random starts run together; the lowest f wins (default 1). */
  restarts: number;
  /** Apply the negation check f(−x) < f(x) ⇒ x ← −x every iteration (default true). */
  negationCheck: boolean;
  /** Maximum halvings of the step per iteration (default 30). */
  maxBacktracks: number;
}

interface DprState {
  p: BatchPoint;
  R: number;
  normB2: number;
  flips: number;
  backtracks: number;
  lastChange: Float64Array;
  /** The step accepted in the previous iteration (0 before the first). */
  lastAlpha: Float64Array;
}

const EXACT_FIT = 1e-28; // (1e-14)^2, relative squared residual

export const dpr = defineSolver<DprOptions, DprState>({
  id: 'dpr',
  summary: 'Deep Phase Retrieval: Algorithm 1 (gradient steps with the negation check), batched restarts',
  needsPrior: true,
  capabilities: { restarts: true, complex: true },
  defaults: { restarts: 1, negationCheck: true, maxBacktracks: 30 },
  sharedDefaults: { maxIters: 500, tol: 1e-10 },
  validate(o) {
    if (!Number.isSafeInteger(o.restarts) || o.restarts < 1) throw new ArgumentError('options.restarts', 'a positive integer', o.restarts);
    if (typeof o.negationCheck !== 'boolean') throw new ArgumentError('options.negationCheck', 'a boolean', o.negationCheck);
    if (!Number.isSafeInteger(o.maxBacktracks) || o.maxBacktracks < 0) throw new ArgumentError('options.maxBacktracks', 'a non-negative integer', o.maxBacktracks);
  },
  init({ problem, options, rng }) {
    const R = options.restarts;
    const X = startingCodes(problem, rng, R, options.init);
    let normB2 = 0;
    for (const v of problem.b) normB2 += v * v;
    return { p: evaluateBatch(problem, X), R, normB2, flips: 0, backtracks: 0, lastChange: new Float64Array(R).fill(Number.POSITIVE_INFINITY), lastAlpha: new Float64Array(R) };
  },
  step(s, { problem, options }) {
    const { R } = s;
    const k = s.p.X.rows;
    // 1. negation check: x ← −x where f(−x) < f(x)
    if (options.negationCheck) {
      const Xneg = mat(k, R, s.p.X.data.map((v) => -v));
      const fneg = objectiveBatch(problem, Xneg);
      let flipped = false;
      for (let r = 0; r < R; r++) {
        if ((fneg[r] as number) < (s.p.f[r] as number)) {
          flipped = true;
          s.flips++;
          for (let i = 0; i < k; i++) s.p.X.data[i * R + r] = Xneg.data[i * R + r] as number;
        }
      }
      if (flipped) s.p = evaluateBatch(problem, s.p.X);
    }
    // 2. descent directions and the exact step of the local quadratic model
    const V = descentBatch(problem, s.p);
    const vv = columnNorms2(V);
    const AJv = columnNorms2(applyBatch(problem.A, s.p.lin.jvp(V)));
    const alpha = new Float64Array(R);
    // a run whose last step was at most tol (relative) has converged: it stays where it is
    for (let r = 0; r < R; r++) {
      alpha[r] = (s.lastChange[r] as number) <= options.tol || !((AJv[r] as number) > 0) ? 0 : (vv[r] as number) / (AJv[r] as number);
      // after a backtracked step, grow back at most 4x per iteration instead of halving again from the model step
      if (s.lastAlpha[r]! > 0) alpha[r] = Math.min(alpha[r]!, 4 * s.lastAlpha[r]!);
    }
    // 3. backtrack per run until f does not increase: retries evaluate f alone, and only on the
    //    runs that need them; the accepted points are then linearised once
    const Xc: Mat = mat(k, R);
    const setColumn = (r: number) => {
      for (let i = 0; i < k; i++) Xc.data[i * R + r] = (s.p.X.data[i * R + r] as number) - (alpha[r] as number) * (V.data[i * R + r] as number);
    };
    for (let r = 0; r < R; r++) setColumn(r);
    let cand = evaluateBatch(problem, Xc);
    let bad = [...Array(R).keys()].filter((r) => (cand.f[r] as number) > (s.p.f[r] as number) && (alpha[r] as number) > 0);
    if (bad.length > 0) {
      for (let bt = 0; bad.length > 0; bt++) {
        s.backtracks++;
        for (const r of bad) {
          alpha[r] = bt < options.maxBacktracks ? (alpha[r] as number) / 2 : 0;
          setColumn(r);
        }
        const sub = mat(k, bad.length);
        bad.forEach((r, j) => {
          for (let i = 0; i < k; i++) sub.data[i * bad.length + j] = Xc.data[i * R + r] as number;
        });
        const fsub = objectiveBatch(problem, sub);
        bad = bad.filter((r, j) => (fsub[j] as number) > (s.p.f[r] as number) && (alpha[r] as number) > 0);
      }
      cand = evaluateBatch(problem, Xc);
    }
    s.lastAlpha.set(alpha);
    // 4. accept, measure the relative change of every run
    const xx = columnNorms2(s.p.X);
    for (let r = 0; r < R; r++) {
      const step = (alpha[r] as number) * Math.sqrt(vv[r] as number);
      s.lastChange[r] = (xx[r] as number) > 0 ? step / Math.sqrt(xx[r] as number) : step;
    }
    s.p = cand;
    const best = argmin(s.p.f);
    return {
      objective: s.p.f[best] as number,
      change: Math.max(...s.lastChange),
      converged: 2 * (s.p.f[best] as number) <= EXACT_FIT * s.normB2,
    };
  },
  current(s) {
    const best = argmin(s.p.f);
    return { estimate: column(s.p.lin.value, best), latent: column(s.p.X, best), objective: s.p.f[best] as number };
  },
  info(s) {
    return { restarts: s.R, bestRun: argmin(s.p.f), negations: s.flips, backtracks: s.backtracks };
  },
});
