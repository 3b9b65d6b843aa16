/**
 * LSQR (Paige & Saunders, "LSQR: An algorithm for sparse linear equations and sparse least
 * squares", ACM TOMS 8(1), 1982): min_x ‖A x − b‖² + λ²‖x‖² for a {@link LinearOperator} A, by
 * Golub–Kahan bidiagonalisation. Mathematically equivalent to conjugate gradients on the normal
 * equations (CGLS), numerically more reliable; each iteration costs one product with A and one
 * with Aᵀ.
 */
import { ArgumentError, ShapeError } from '../errors.js';
import { assertFinite, assertVec, type Vec } from '../types.js';
import type { LinearOperator } from '../operator.js';

/** Options of {@link lsqr}. */
export interface LsqrOptions {
  /** Maximum iterations (default 2·n, twice the unknowns; exact arithmetic needs at most n). */
  maxIters?: number;
  /**
   * Relative tolerance (default 1e-10), Paige & Saunders' atol = btol: stop when
   * ‖r‖ ≤ tol (‖b‖ + ‖Ā‖‖x‖) (a consistent system is solved) or
   * ‖Āᵀ r‖ ≤ tol ‖Ā‖ ‖r‖ (a least-squares solution is reached), with Ā = [A; λI] and
   * ‖Ā‖ the running Frobenius-norm estimate of the bidiagonalisation.
   */
  tol?: number;
  /**
   * Warm start x₀ (default 0). LSQR then solves for the correction d = x − x₀ against the
   * residual b − A x₀; with damping, the penalty stays λ²‖x‖² (not ‖d‖²), see {@link lsqr}.
   */
  x0?: Vec;
  /** Damping λ ≥ 0 (default 0): adds λ²‖x‖² to the objective (Tikhonov / ridge). */
  damping?: number;
  /**
   * A x₀ when the caller already has it (an alternating-projection loop holds A g_k): saves the
   * product that forms the starting residual. It must be the product `A.apply(x0)` computes.
   */
  Ax0?: Vec;
  /**
   * Recompute ‖A x − b‖ at the end (default true; one more product with A). With false,
   * `residualNorm` is NaN: for callers that form A x themselves.
   */
  residual?: boolean;
}

/** Why {@link lsqr} stopped. */
export type LsqrStopReason =
  /** b − A x₀ = 0 (and no damping pull): x₀ is returned as the exact solution. */
  | 'exact'
  /** ‖r‖ ≤ tol (‖b‖ + ‖Ā‖‖x‖): the system is consistent and solved to tol. */
  | 'consistent'
  /** ‖Āᵀ r‖ ≤ tol ‖Ā‖ ‖r‖: a least-squares solution to tol. */
  | 'least-squares'
  | 'maxIters';

/** What {@link lsqr} returns. */
export interface LsqrResult {
  /** The solution estimate. */
  x: Vec;
  iterations: number;
  /** ‖A x − b‖ (recomputed from x at the end, not the recurrence; NaN with `residual: false`). */
  residualNorm: number;
  /**
   * The recurrence's estimate of ‖Āᵀ r̄‖, the gradient norm of ½(‖Ax − b‖² + λ²‖x‖²)
   * (0 at the exact minimiser).
   */
  normalResidualNorm: number;
  stopReason: LsqrStopReason;
}

function norm(x: Vec): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] as number) * (x[i] as number);
  return Math.sqrt(s);
}

/**
 * Least squares min_x ‖A x − b‖² + λ²‖x‖² by LSQR (Paige & Saunders 1982, Algorithm LSQR,
 * Section 4, with the stopping rules S1/S2 of Section 6 and atol = btol = tol).
 *
 * Warm start and damping are handled exactly by running the plain bidiagonalisation on the
 * stacked operator Ā = [A; λI] and the stacked right-hand side [b − A x₀; −λ x₀] for the
 * correction d = x − x₀: ‖Ā d − b̄‖² = ‖A x − b‖² + λ²‖x‖². Without damping the stacked part is
 * empty and this is the textbook algorithm.
 *
 * @example
 * ```ts
 * import { lsqr, DenseOperator, JsBackend } from '@dpr/linalg';
 * const A = DenseOperator.fromArray(new JsBackend(), [1, 0, 0, 1, 1, 1], 3, 2);
 * const { x } = lsqr(A, new Float64Array([1, 2, 3])); // x ≈ [1, 2]
 * ```
 */
export function lsqr(A: LinearOperator, b: Vec, options: LsqrOptions = {}): LsqrResult {
  const m = A.outputDim, n = A.inputDim;
  assertVec('b', b);
  if (b.length !== m) throw new ShapeError('b', `length ${m} (rows of A)`, b.length);
  assertFinite('b', b);
  const maxIters = options.maxIters ?? 2 * n;
  const tol = options.tol ?? 1e-10;
  const lambda = options.damping ?? 0;
  if (!Number.isSafeInteger(maxIters) || maxIters < 0) throw new ArgumentError('options.maxIters', 'a non-negative integer', maxIters);
  if (typeof tol !== 'number' || !(tol >= 0)) throw new ArgumentError('options.tol', 'a non-negative number', tol);
  if (typeof lambda !== 'number' || !(lambda >= 0) || !Number.isFinite(lambda)) throw new ArgumentError('options.damping', 'a finite non-negative number', lambda);
  const x0 = options.x0;
  if (x0 !== undefined) {
    assertVec('options.x0', x0, n);
    assertFinite('options.x0', x0);
  }
  const Ax0 = options.Ax0;
  if (Ax0 !== undefined) {
    if (x0 === undefined) throw new ArgumentError('options.Ax0', 'given only with options.x0');
    assertVec('options.Ax0', Ax0, m);
  }
  const withResidual = options.residual ?? true;

  // Stacked vectors: u = [u_A (m); u_λ (n, only when damped)].
  const damped = lambda > 0;
  const uA = new Float64Array(m);
  const uL = new Float64Array(damped ? n : 0);
  const Av = new Float64Array(m);
  const Atu = new Float64Array(n);
  const x = x0 ? Float64Array.from(x0) : new Float64Array(n);
  const d = new Float64Array(n); // the correction x − x₀

  // b̄ = [b − A x₀; −λ x₀]
  if (x0) {
    if (Ax0) Av.set(Ax0);
    else A.apply(x0, Av);
    for (let i = 0; i < m; i++) uA[i] = (b[i] as number) - (Av[i] as number);
    if (damped) for (let j = 0; j < n; j++) uL[j] = -lambda * (x0[j] as number);
  } else {
    uA.set(b);
  }
  const normB = norm(b);
  const applyBar = (v: Vec, alpha: number): number => {
    // u ← Ā v − α u, returns ‖u‖
    A.apply(v, Av);
    let s = 0;
    for (let i = 0; i < m; i++) {
      const t = (Av[i] as number) - alpha * (uA[i] as number);
      uA[i] = t;
      s += t * t;
    }
    for (let j = 0; j < uL.length; j++) {
      const t = lambda * (v[j] as number) - alpha * (uL[j] as number);
      uL[j] = t;
      s += t * t;
    }
    return Math.sqrt(s);
  };
  const adjointBar = (v: Vec, beta: number): number => {
    // v ← Āᵀ u − β v, returns ‖v‖
    A.adjoint(uA, Atu);
    let s = 0;
    for (let j = 0; j < n; j++) {
      const t = (Atu[j] as number) + (damped ? lambda * (uL[j] as number) : 0) - beta * (v[j] as number);
      v[j] = t;
      s += t * t;
    }
    return Math.sqrt(s);
  };
  const scaleU = (c: number) => {
    for (let i = 0; i < m; i++) uA[i] = (uA[i] as number) * c;
    for (let j = 0; j < uL.length; j++) uL[j] = (uL[j] as number) * c;
  };
  const finish = (iterations: number, stopReason: LsqrStopReason, normalResidualNorm: number): LsqrResult => {
    if (!withResidual) return { x, iterations, residualNorm: Number.NaN, normalResidualNorm, stopReason };
    A.apply(x, Av);
    let r2 = 0;
    for (let i = 0; i < m; i++) r2 += ((Av[i] as number) - (b[i] as number)) ** 2;
    return { x, iterations, residualNorm: Math.sqrt(r2), normalResidualNorm, stopReason };
  };

  // β₁ u₁ = b̄, α₁ v₁ = Āᵀ u₁
  let beta = Math.sqrt(norm(uA) ** 2 + norm(uL) ** 2);
  const v = new Float64Array(n);
  if (beta === 0) return finish(0, 'exact', 0);
  scaleU(1 / beta);
  let alpha = adjointBar(v, 0);
  if (alpha === 0) return finish(0, 'least-squares', 0); // b̄ ⟂ range(Ā): d = 0 is optimal
  for (let j = 0; j < n; j++) v[j] = (v[j] as number) / alpha;
  const w = Float64Array.from(v);
  let phiBar = beta, rhoBar = alpha;
  let normAbar2 = 0; // running ‖B_k‖_F² ≈ ‖Ā‖_F²

  for (let it = 1; it <= maxIters; it++) {
    // bidiagonalisation: β u ← Ā v − α u, α v ← Āᵀ u − β v
    beta = applyBar(v, alpha);
    if (beta > 0) scaleU(1 / beta);
    normAbar2 += alpha * alpha + beta * beta;
    alpha = beta > 0 ? adjointBar(v, beta) : 0;
    if (alpha > 0) for (let j = 0; j < n; j++) v[j] = (v[j] as number) / alpha;
    // plane rotation eliminating β
    const rho = Math.hypot(rhoBar, beta);
    const c = rhoBar / rho, s = beta / rho;
    const theta = s * alpha;
    rhoBar = -c * alpha;
    const phi = c * phiBar;
    phiBar = s * phiBar;
    // update d (then x) and w
    const t1 = phi / rho, t2 = -theta / rho;
    for (let j = 0; j < n; j++) {
      const wj = w[j] as number;
      d[j] = (d[j] as number) + t1 * wj;
      w[j] = (v[j] as number) + t2 * wj;
    }
    // stopping tests (S1 consistent, S2 least squares)
    const normR = phiBar; // ‖b̄ − Ā d‖
    const normAr = phiBar * alpha * Math.abs(c); // ‖Āᵀ(b̄ − Ā d)‖
    const normAbar = Math.sqrt(normAbar2);
    const normX = x0 ? normWithBase(x0, d) : norm(d);
    if (normR <= tol * (normB + normAbar * normX) || beta === 0) {
      addTo(x, d);
      return finish(it, 'consistent', normAr);
    }
    if (normAr <= tol * normAbar * normR || alpha === 0) {
      addTo(x, d);
      return finish(it, 'least-squares', normAr);
    }
    if (it === maxIters) {
      addTo(x, d);
      return finish(it, 'maxIters', normAr);
    }
  }
  addTo(x, d);
  return finish(maxIters, 'maxIters', Math.abs(phiBar * alpha));
}

function addTo(x: Vec, d: Vec): void {
  for (let j = 0; j < x.length; j++) x[j] = (x[j] as number) + (d[j] as number);
}

function normWithBase(x0: Vec, d: Vec): number {
  let s = 0;
  for (let j = 0; j < x0.length; j++) s += ((x0[j] as number) + (d[j] as number)) ** 2;
  return Math.sqrt(s);
}
