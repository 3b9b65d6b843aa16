/**
 * What DPR's step (`dpr.ts`) asks of f, v and the linearisation at R latent codes, and the two
 * engines that answer: {@link residentDprEngine} (`dpr-resident.ts`: codes, layers, residuals and
 * masks resident on the backend for the whole solve, fused products, no matrix-sized host work)
 * whenever G has a resident form and A is a dense matrix on G's backend, and {@link hostDprEngine}
 * (host matrices, one GEMM per layer; any generator, any operator) otherwise. Both evaluate the
 * same formulas. The resident engine evaluates every candidate together with its negation (2R
 * columns, one pass over each matrix), so the negation check of the next iteration costs no pass.
 */
import { DenseOperator, applyBatch, mat, type Mat, type Vec } from '@dpr/linalg';
import type { Problem } from '../problem.js';
import { column, columnNorms2, descentBatch, evaluateBatch, objectiveBatch, type BatchPoint } from './latent-batch.js';
import { residentDprEngine } from './dpr-resident.js';

/** f, v and the local model of DPR at R latent codes (the columns of a k × R matrix). */
export interface DprEngine {
  readonly R: number;
  /** Bits of precision of the products (32 where A or G runs in float32). */
  readonly precision: 32 | 64;
  /** The current codes, k × R (host). */
  readonly X: Mat;
  /** f at the current codes. */
  readonly f: Float64Array;
  /** f at the negated current codes (evaluated with them). */
  readonly fNegated: Float64Array;
  /** x_r ← −x_r for the given runs (their point is re-evaluated). */
  negate(runs: readonly number[]): void;
  /** The descent directions v(x_r) at the current codes, k × R (valid until the next call). */
  descent(): Mat;
  /** ‖A J_r v_r‖² per run for the V of the last {@link descent} (J_r: G's Jacobian at x_r). */
  curvature(): Float64Array;
  /** Evaluate candidate codes Xc (k × R) and their negations, linearised; returns f(Xc) (valid until the next call). */
  propose(Xc: Mat): Float64Array;
  /** The last proposal becomes the current point. */
  commit(): void;
  /** f at the columns of C (k × c), nothing kept: the backtracking trials. */
  objective(C: Mat): Float64Array;
  /** G(x_r). */
  estimate(r: number): Vec;
  dispose(): void;
}

/**
 * The engine for a problem: resident where G and A allow it, host matrices otherwise. Without
 * `negations` (DPR-Adam) the resident engine does not evaluate the negated codes.
 */
export function dprEngine(problem: Problem, X0: Mat, negations = true): DprEngine {
  return residentDprEngine(problem, X0, negations) ?? hostDprEngine(problem, X0);
}

/** The engine on host matrices (`latent-batch.ts`): any generator, any operator; f(−x) on demand. */
export function hostDprEngine(problem: Problem, X0: Mat): DprEngine {
  const R = X0.cols;
  let cur: BatchPoint = evaluateBatch(problem, X0);
  let next = cur;
  let negated: Float64Array | undefined;
  let V: Mat | undefined;
  const backends = [problem.A instanceof DenseOperator ? problem.A.backend : undefined, (problem.prior as { backend?: { precision?: number } }).backend];
  return {
    R,
    precision: backends.some((b) => b?.precision === 32) ? 32 : 64,
    get X() {
      return cur.X;
    },
    get f() {
      return cur.f;
    },
    get fNegated() {
      negated ??= objectiveBatch(problem, mat(cur.X.rows, R, cur.X.data.map((v) => -v)));
      return negated;
    },
    negate(runs) {
      const X = mat(cur.X.rows, R, cur.X.data);
      for (const r of runs) for (let i = 0; i < X.rows; i++) X.data[i * R + r] = -(X.data[i * R + r] as number);
      cur = evaluateBatch(problem, X);
      negated = undefined;
    },
    descent() {
      V = descentBatch(problem, cur);
      return V;
    },
    curvature() {
      return columnNorms2(applyBatch(problem.A, cur.lin.jvp(V!)));
    },
    propose(Xc) {
      next = evaluateBatch(problem, mat(Xc.rows, R, Xc.data.slice()));
      return next.f;
    },
    commit() {
      cur = next;
      negated = undefined;
    },
    objective(C) {
      return objectiveBatch(problem, C);
    },
    estimate(r) {
      return column(cur.lin.value, r);
    },
    dispose() {},
  };
}
