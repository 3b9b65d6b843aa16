/**
 * The one power iteration used by every spectral-type initializer (and by SPARTA on the
 * support-restricted matrix): the leading eigenvector of a symmetric matrix Y given only as
 * v ↦ Y v, from a seeded random start.
 *
 * "Leading" means the largest *algebraic* eigenvalue, as in the papers (WF, TWF, TAF, RAF and the
 * optimal preprocessing, whose Y may be indefinite): if the dominant eigenvalue found first is
 * negative, the iteration is rerun on Y − λ_dom I, whose dominant eigenvector is the top one of Y.
 */
import { ArgumentError, nrm2, type LinearOperator, type Rng, type Vec } from '@dpr/linalg';

/** Options of {@link leadingEigenvector}. */
export interface PowerIterationOptions {
  /** Source of the random start. */
  rng: Rng;
  /** Maximum iterations (default 100, as in TAF/SPARTA). */
  iters?: number;
  /** Stop when ‖v_{t+1} − v_t‖ ≤ tol (default 1e-12). */
  tol?: number;
}

/** The leading eigenpair found. */
export interface Eigenpair {
  /** Unit-norm eigenvector estimate. */
  vector: Vec;
  /** Rayleigh quotient vᵀ Y v. */
  value: number;
  iterations: number;
}

/** Default number of power iterations. */
export const DEFAULT_POWER_ITERS = 100;

function dominant(Y: (v: Vec) => Vec, v0: Vec, shift: number, iters: number, tol: number): Eigenpair {
  let v = v0;
  let value = 0;
  for (let t = 1; t <= iters; t++) {
    const w = Y(v);
    if (shift !== 0) for (let i = 0; i < w.length; i++) w[i] = (w[i] as number) - shift * (v[i] as number);
    let vw = 0;
    for (let i = 0; i < w.length; i++) vw += (v[i] as number) * (w[i] as number);
    value = vw + shift;
    const nw = nrm2(w);
    if (nw === 0) return { vector: v, value, iterations: t };
    let d = 0;
    for (let i = 0; i < w.length; i++) {
      const wi = (w[i] as number) / nw;
      d += (wi - (v[i] as number)) ** 2;
      w[i] = wi;
    }
    v = w;
    if (Math.sqrt(d) <= tol) return { vector: v, value, iterations: t };
  }
  return { vector: v, value, iterations: iters };
}

/**
 * Leading (largest algebraic) eigenvector of the symmetric map `Y` on R^n by power iteration.
 * @param Y v ↦ Y v (must not modify v; may return a fresh vector).
 */
export function leadingEigenvector(Y: (v: Vec) => Vec, n: number, options: PowerIterationOptions): Eigenpair {
  const iters = options.iters ?? DEFAULT_POWER_ITERS;
  const tol = options.tol ?? 1e-12;
  if (!Number.isSafeInteger(iters) || iters < 1) throw new ArgumentError('powerIters', 'a positive integer', iters);
  if (!(tol >= 0)) throw new ArgumentError('tol', 'a non-negative number', tol);
  const v0 = options.rng.gaussianVec(n);
  const n0 = nrm2(v0);
  for (let i = 0; i < n; i++) v0[i] = (v0[i] as number) / n0;
  const first = dominant(Y, v0.slice(), 0, iters, tol);
  if (first.value >= 0) return first;
  // The dominant eigenvalue is negative: Y − λ_dom I ⪰ 0 has the top eigenvector of Y as its dominant one.
  const second = dominant(Y, v0, first.value, iters, tol);
  return { ...second, iterations: first.iterations + second.iterations };
}

/**
 * The weighted covariance Y = (1/s) Σ_i w_i a_i a_iᵀ = (1/s) Aᵀ diag(w) A as a map v ↦ Y v
 * (two products with A per application).
 */
export function weightedCovariance(A: LinearOperator, w: Vec, s: number): (v: Vec) => Vec {
  const z = new Float64Array(A.outputDim), m = w.length;
  return (v) => {
    A.apply(v, z);
    // complex A (stacked view, 2m rows [Re; Im]): w_i weighs both parts of measurement i
    for (let i = 0; i < z.length; i++) z[i] = ((z[i] as number) * (w[i < m ? i : i - m] as number)) / s;
    return A.adjoint(z);
  };
}
