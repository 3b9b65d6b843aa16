/**
 * What DPR's step (`dpr.ts`) asks of f, v and the linearisation at R latent codes, and the two
 * engines that answer: {@link residentDprWorkspace} (`dpr-resident.ts`: codes, layers, residuals
 * and masks resident on the backend for the whole solve, fused products, no matrix-sized host
 * work) whenever G has a resident form and A is a dense matrix on G's backend, and
 * {@link hostDprWorkspace} (host matrices, one GEMM per layer; any generator, any operator)
 * otherwise. Both evaluate the same formulas. The resident engine evaluates every candidate
 * together with its negation (2R columns, one pass over each matrix), so the negation check of the
 * next iteration costs no pass.
 *
 * An engine comes in two steps: a {@link DprWorkspace} allocated from G, A and R alone (never b
 * or the codes: the solver allocates it before its clock starts, `SolverDefinition.prepare`),
 * then {@link DprWorkspace.start} at the starting codes, which uploads b and evaluates them.
 */
import { DenseOperator, applyBatch, mat, type Mat, type Vec } from '@dpr/linalg';
import type { Problem } from '../problem.js';
import { column, columnNorms2, descentBatch, evaluateBatch, objectiveBatch, rescaleCodes, selectColumns, type BatchPoint } from './latent-batch.js';
import { residentDprWorkspace } from './dpr-resident.js';

/** f, v and the local model of DPR at R latent codes (the columns of a k × R matrix). */
export interface DprEngine {
  /** The runs in the batch (R; fewer after {@link restrict}). */
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
  /** Keep only the given runs (in this order) in the batch; their points are re-evaluated. */
  restrict(runs: readonly number[]): void;
  /** f at the columns of C (k × c), nothing kept: the backtracking trials. */
  objective(C: Mat): Float64Array;
  /** G(x_r). */
  estimate(r: number): Vec;
  dispose(): void;
}

/** An engine's allocations for R runs, made before the codes and b are looked at. */
export interface DprWorkspace {
  /**
   * The engine at the codes X0 (k × R, taken over by the engine); first rescaled so that
   * ‖A G(x_r)‖ = ‖b‖ when `rescale` ({@link rescaleCodes}).
   */
  start(X0: Mat, rescale: boolean): DprEngine;
  /** Frees the allocations (also done by the started engine's `dispose`). */
  dispose(): void;
}

/**
 * The workspace for R runs on a problem: resident where G and A allow it, host matrices otherwise.
 * Without `negations` (DPR-Adam) the resident engine does not evaluate the negated codes.
 */
export function dprWorkspace(problem: Problem, R: number, negations = true): DprWorkspace {
  return residentDprWorkspace(problem, R, negations) ?? hostDprWorkspace(problem);
}

/** The engine on host matrices (`latent-batch.ts`): any generator, any operator; f(−x) on demand. Allocates nothing ahead. */
export function hostDprWorkspace(problem: Problem): DprWorkspace {
  return {
    start: (X0, rescale) => hostDprEngine(problem, rescale ? rescaleCodes(X0, columnNorms2(applyBatch(problem.A, problem.prior!.forwardBatch(X0))), problem.b) : X0),
    dispose() {},
  };
}

function hostDprEngine(problem: Problem, X0: Mat): DprEngine {
  let R = X0.cols;
  let cur: BatchPoint = evaluateBatch(problem, X0);
  let next = cur;
  let negated: Float64Array | undefined;
  let V: Mat | undefined;
  const backends = [problem.A instanceof DenseOperator ? problem.A.backend : undefined, (problem.prior as { backend?: { precision?: number } }).backend];
  return {
    get R() {
      return R;
    },
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
    restrict(runs) {
      R = runs.length;
      cur = evaluateBatch(problem, selectColumns(cur.X, runs));
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
