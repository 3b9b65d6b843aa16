/**
 * DPR, Algorithm 1 of the paper: gradient steps x ← x − α v(x) on f(x) = ½‖|A G(x)| − b‖², with the
 * negation check `if f(−x) < f(x): x ← −x` at every iteration. With `restarts: R`, R seeded random
 * starts run together (one GEMM per layer) and the run with the lowest f is returned.
 *
 * Step size (no per-problem tuning; the paper leaves α to the implementation): the Barzilai–Borwein
 * step α = ‖s‖² / ⟨s, y⟩ with s = x_t − x_{t−1}, y = v(x_t) − v(x_{t−1}) (v is the gradient of f
 * where f is smooth, so y ≈ H s and α is the inverse of a Rayleigh quotient of the local Hessian);
 * it costs no product. Where it is not defined — the first iteration, a run just negated (the
 * difference across a sign flip means nothing), ⟨s, y⟩ ≤ 0 — the exact step of the local model is
 * taken: G is piecewise linear, so with the ReLU masks and the measurement signs frozen f is exactly
 * quadratic along −v, f(x − αv) = f(x) − α‖v‖² + ½α²‖A J v‖² (J = W_{d,+,x} ⋯ W_{1,+,x}), minimised
 * by α = ‖v‖² / ‖A J v‖² (J v is one masked forward pass). α grows at most 4x from one iteration
 * to the next; it is halved while f does not decrease, which covers a change of masks or signs
 * along the step, so every run's f is monotone.
 * Both rules are invariant to the scales of A, W_i and b. On the 25 numpy-written Section 4.1
 * instances of BENCHMARKS.md (m = 200) the Barzilai–Borwein step took a median of 19 iterations
 * instead of 25 with the model step alone, and recovered 22 instead of 21 from one start (m = 120:
 * 18 instead of 17; m = 80: 18 instead of 16; m = 40: 7 instead of 5; m = 25: 2 instead of 0).
 *
 * Backtracking tries the next halvings of a run together (one batch of trial codes, the first
 * that does not increase f wins), which accepts the same step as halving one at a time.
 *
 * Restarts: the R runs advance together while none is near a fit; once the best run's relative
 * residual ‖|AG(x)| − b‖/‖b‖ is at most 0.1 ({@link SOLO_RESIDUAL}) the batch goes on with that run
 * alone. By the landscape of f (PAPER.md, Theorem 2) the only other basin is the one of −ρ_d x0,
 * where f stays near its starting size (the runs that stall there on the Section 4.1 instances
 * hold ‖|AG(x)| − b‖/‖b‖ ≈ 0.6, f 30–45 times the switching level; random starts begin at
 * 0.3–0.7); a run that close to the data is in the basin of the fit, and f is monotone along
 * every run, so the runs left behind could at best tie with it. This saves the products of R − 1
 * runs for the rest of the solve (on the 25 Section 4.1 instances of BENCHMARKS.md, 4.5 of 16
 * iterations per solve run batched); the returned run is the one with the lowest f as before
 * (`bestRun` counts the runs from 0 in the order they were drawn). Measured: 25/25 with R = 5 at
 * m = 200, 120 and 80 as before, 15/25 at m = 40 (as before), 6/25 at m = 25 (4/25 before).
 *
 * Stopping: the relative step ‖x_{t+1} − x_t‖/‖x_t‖ of every run ≤ tol, or an exact fit of the
 * best run to the working precision: ‖|AG(x)| − b‖ ≤ 1e-14‖b‖ when the products run in float64,
 * ≤ 2⁻²⁰‖b‖ (16 float32 unit roundoffs, a few times the floor float32 products reach) in float32. f, v and the local model come from a
 * {@link DprEngine} (`dpr-engine.ts`), resident on the backend where G and A allow it.
 * @see PAPER.md, "Algorithm 1 (DPR gradient method)".
 */
import { ArgumentError, mat, type Mat } from '@dpr/linalg';
import { defineSolver } from './run-solver.js';
import { argmin, column, columnNorms2, drawCodes } from './latent-batch.js';
import { dprWorkspace, type DprEngine, type DprWorkspace } from './dpr-engine.js';
import { TRIAL_COLUMNS } from './dpr-resident.js';

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
  engine: DprEngine;
  /** Runs in the batch (R, then 1 once one is within {@link SOLO_RESIDUAL} of a fit). */
  R: number;
  /** The drawn index of each run in the batch. */
  runs: number[];
  /** Restarts drawn. */
  restarts: number;
  normB2: number;
  flips: number;
  backtracks: number;
  lastChange: Float64Array;
  /** The step accepted in the previous iteration (0 before the first). */
  lastAlpha: Float64Array;
  /** x and v of the previous iteration (k × R), for the Barzilai–Borwein step where `hasPrevious`. */
  prevX: Float64Array;
  prevV: Float64Array;
  hasPrevious: Uint8Array;
  alpha: Float64Array;
  /** The candidate codes x − αv, k × R. */
  Xc: Mat;
}

/** Relative residual ‖|AG(x)| − b‖/‖b‖ of the best run from which the batch goes on with it alone. */
export const SOLO_RESIDUAL = 0.1;

/** Squared relative residual of an exact fit, by the precision of the products. */
const EXACT_FIT = { 64: 1e-28, 32: 2 ** -40 } as const;

/**
 * Halve α_r of the runs in `bad` until f(x_r − α_r v_r) ≤ f(x_r) (α_r = 0 after `maxBacktracks`
 * halvings), trying several halvings per run in one batch of trial codes; returns the rounds a
 * one-at-a-time search would have taken.
 */
function backtrack(s: DprState, V: Mat, bad: number[], maxBacktracks: number): number {
  const { engine, alpha, R } = s, X = engine.X, f = engine.f, k = X.rows;
  const alpha0 = Float64Array.from(alpha);
  let done = 0, rounds = 0;
  while (bad.length > 0) {
    const block = Math.max(1, Math.floor((done === 0 ? TRIAL_COLUMNS / 2 : TRIAL_COLUMNS) / bad.length));
    const tries = Math.max(0, Math.min(block, maxBacktracks - done));
    const C = mat(k, bad.length * tries);
    bad.forEach((r, j) => {
      for (let h = 0; h < tries; h++) {
        const a = (alpha0[r] as number) / 2 ** (done + h + 1);
        for (let i = 0; i < k; i++) C.data[i * C.cols + j * tries + h] = (X.data[i * R + r] as number) - a * (V.data[i * R + r] as number);
      }
    });
    const fc = tries > 0 ? engine.objective(C) : new Float64Array(0);
    bad = bad.filter((r, j) => {
      for (let h = 0; h < tries; h++) {
        if (!((fc[j * tries + h] as number) > (f[r] as number))) {
          alpha[r] = (alpha0[r] as number) / 2 ** (done + h + 1);
          rounds = Math.max(rounds, done + h + 1);
          return false;
        }
      }
      if (done + tries < maxBacktracks) return true;
      alpha[r] = 0;
      rounds = Math.max(rounds, maxBacktracks + 1);
      return false;
    });
    done += tries;
  }
  return rounds;
}

/** Go on with run `best` alone: the engine and the per-run state keep its column. */
function keepOnly(s: DprState, best: number): void {
  const k = s.Xc.rows, R = s.R;
  s.engine.restrict([best]);
  s.runs = [s.runs[best] as number];
  s.R = 1;
  s.lastChange = Float64Array.of(s.lastChange[best] as number);
  s.lastAlpha = Float64Array.of(s.lastAlpha[best] as number);
  s.prevX = Float64Array.from({ length: k }, (_, i) => s.prevX[i * R + best] as number);
  s.prevV = Float64Array.from({ length: k }, (_, i) => s.prevV[i * R + best] as number);
  s.hasPrevious = Uint8Array.of(s.hasPrevious[best] as number);
  s.alpha = new Float64Array(1);
  s.Xc = mat(k, 1);
}

/**
 * The Barzilai–Borwein step ‖s‖²/⟨s, y⟩ of every run into `alpha` (0 where it is not defined);
 * returns whether some run has none. Then x and v become the previous ones.
 */
function barzilaiBorwein(s: DprState, X: Mat, V: Mat): boolean {
  const { R, alpha, prevX, prevV, hasPrevious } = s, k = X.rows;
  let missing = false;
  for (let r = 0; r < R; r++) {
    let ss = 0, sy = 0;
    for (let i = 0, j = r; i < k; i++, j += R) {
      const dx = (X.data[j] as number) - (prevX[j] as number);
      ss += dx * dx;
      sy += dx * ((V.data[j] as number) - (prevV[j] as number));
    }
    alpha[r] = hasPrevious[r] && sy > 0 ? ss / sy : 0;
    if (!((alpha[r] as number) > 0)) missing = true;
  }
  prevX.set(X.data);
  prevV.set(V.data);
  hasPrevious.fill(1);
  return missing;
}

export const dpr = defineSolver<DprOptions, DprState, DprWorkspace>({
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
  prepare({ problem, options }) {
    return dprWorkspace(problem, options.restarts);
  },
  init({ problem, options, rng }, workspace) {
    const R = options.restarts;
    const { X, rescale } = drawCodes(problem, rng, R, options.init);
    let normB2 = 0;
    for (const v of problem.b) normB2 += v * v;
    return {
      engine: workspace.start(X, rescale), R, restarts: R, runs: Array.from({ length: R }, (_, r) => r), normB2, flips: 0, backtracks: 0,
      lastChange: new Float64Array(R).fill(Number.POSITIVE_INFINITY), lastAlpha: new Float64Array(R), alpha: new Float64Array(R), Xc: mat(X.rows, R),
      prevX: new Float64Array(X.rows * R), prevV: new Float64Array(X.rows * R), hasPrevious: new Uint8Array(R),
    };
  },
  step(s, { options }) {
    const { R, engine, alpha, Xc } = s;
    // 1. negation check: x ← −x where f(−x) < f(x) (f(−x) was evaluated with x)
    if (options.negationCheck) {
      const f = engine.f, fneg = engine.fNegated;
      const flip: number[] = [];
      for (let r = 0; r < R; r++) if ((fneg[r] as number) < (f[r] as number)) flip.push(r);
      if (flip.length > 0) {
        s.flips += flip.length;
        engine.negate(flip);
        for (const r of flip) s.hasPrevious[r] = 0;
      }
    }
    // 2. descent directions; the Barzilai–Borwein step, else the exact step of the local model
    const V = engine.descent();
    const vv = columnNorms2(V);
    const AJv = barzilaiBorwein(s, engine.X, V) ? engine.curvature() : undefined;
    for (let r = 0; r < R; r++) {
      if (AJv && !((alpha[r] as number) > 0)) alpha[r] = (AJv[r] as number) > 0 ? (vv[r] as number) / (AJv[r] as number) : 0;
      // after a backtracked step, grow back at most 4x per iteration instead of halving again from a long step
      if ((s.lastAlpha[r] as number) > 0) alpha[r] = Math.min(alpha[r] as number, 4 * (s.lastAlpha[r] as number));
      // a run whose last step was at most tol (relative) has converged: it stays where it is
      if ((s.lastChange[r] as number) <= options.tol) alpha[r] = 0;
    }
    // 3. the candidates, then backtracking per run until f does not increase: trials evaluate f
    //    alone, on the runs that need them; the accepted points are then evaluated once more
    const X = engine.X, f = engine.f, k = X.rows;
    const setCandidates = () => {
      for (let i = 0; i < k; i++) for (let r = 0; r < R; r++) Xc.data[i * R + r] = (X.data[i * R + r] as number) - (alpha[r] as number) * (V.data[i * R + r] as number);
    };
    setCandidates();
    const fc = engine.propose(Xc);
    const bad: number[] = [];
    for (let r = 0; r < R; r++) if ((fc[r] as number) > (f[r] as number) && (alpha[r] as number) > 0) bad.push(r);
    if (bad.length > 0) {
      s.backtracks += backtrack(s, V, bad, options.maxBacktracks);
      setCandidates();
      engine.propose(Xc);
    }
    s.lastAlpha.set(alpha);
    // 4. accept, measure the relative change of every run
    const xx = columnNorms2(X);
    for (let r = 0; r < R; r++) {
      const step = (alpha[r] as number) * Math.sqrt(vv[r] as number);
      s.lastChange[r] = (xx[r] as number) > 0 ? step / Math.sqrt(xx[r] as number) : step;
    }
    engine.commit();
    const best = argmin(engine.f);
    const fBest = engine.f[best] as number;
    if (R > 1 && 2 * fBest <= SOLO_RESIDUAL ** 2 * s.normB2) keepOnly(s, best);
    return {
      objective: fBest,
      change: Math.max(...s.lastChange),
      converged: 2 * fBest <= EXACT_FIT[engine.precision] * s.normB2,
    };
  },
  current(s) {
    const best = argmin(s.engine.f);
    return { estimate: s.engine.estimate(best), latent: column(s.engine.X, best), objective: s.engine.f[best] as number };
  },
  objective(s) {
    return s.engine.f[argmin(s.engine.f)] as number;
  },
  info(s) {
    return { restarts: s.restarts, bestRun: s.runs[argmin(s.engine.f)] as number, negations: s.flips, backtracks: s.backtracks };
  },
  dispose(s) {
    s.engine.dispose();
  },
});
