/**
 * Spectral norm of a symmetric operator B given only u ↦ B u: Lanczos with full
 * re-orthogonalisation, then the extreme eigenvalues of the tridiagonal matrix by Sturm bisection.
 * Every matrix whose norm the checks need is symmetric (W_{+,x}ᵀW_{+,y} = Σ_{i∈S} w_i w_iᵀ,
 * A_zᵀA_w = Aᵀ diag(sgn(Az) sgn(Aw)) A, Q, Φ), so ‖B‖₂ = max |λ(B)|.
 * With `steps ≥ dim` the answer is exact up to rounding (the Krylov space fills R^dim); with fewer
 * steps the Ritz values are lower bounds that converge fast at the ends of the spectrum.
 */
import { ArgumentError, Rng, type Vec } from '@dpr/linalg';
import { checkPositiveInt, dotv } from './vectors.js';

/** Options of {@link symmetricSpectralNorm}. */
export interface SymmetricNormOptions {
  /** Maximum Lanczos steps (default min(dim, 80)). */
  steps?: number;
  /** Seed of the random start vector (default 0). */
  seed?: number;
  /** Stop when the extreme Ritz value changes by less than tol (relative) over 5 steps (default 1e-9). */
  tol?: number;
}

/** Result of {@link symmetricSpectralNorm}. */
export interface SymmetricNormResult {
  /** max |λ(B)| (a lower bound when `steps < dim`). */
  value: number;
  /** Smallest and largest Ritz values. */
  min: number;
  max: number;
  /** Lanczos steps taken (= products with B). */
  steps: number;
}

/**
 * ‖B‖₂ = max |λ(B)| for a symmetric B: R^dim → R^dim given as `apply(u, out)` (out ← B u).
 * @example
 * ```ts
 * const r = symmetricSpectralNorm((u, out) => { out[0] = 2 * u[0]!; out[1] = -3 * u[1]!; }, 2);
 * r.value; // 3
 * ```
 */
export function symmetricSpectralNorm(apply: (u: Vec, out: Vec) => void, dim: number, options: SymmetricNormOptions = {}): SymmetricNormResult {
  checkPositiveInt('dim', dim);
  const maxSteps = options.steps ?? Math.min(dim, 80);
  checkPositiveInt('steps', maxSteps);
  const tol = options.tol ?? 1e-9;
  if (!(tol >= 0)) throw new ArgumentError('tol', 'a non-negative number', tol);
  const steps = Math.min(maxSteps, dim);
  const rng = new Rng(options.seed ?? 0);
  const basis: Vec[] = [];
  let q = rng.gaussianVec(dim);
  scaleTo(q, 1 / Math.sqrt(dotv(q, q)));
  const alpha: number[] = [], beta: number[] = [];
  const w = new Float64Array(dim);
  let scale = 0;
  let last = Number.NaN;
  let result = { min: 0, max: 0 };
  for (let j = 0; j < steps; j++) {
    basis.push(q);
    apply(q, w);
    const a = dotv(q, w);
    alpha.push(a);
    // full re-orthogonalisation (twice is enough): w ← w − Σ ⟨q_i, w⟩ q_i
    for (let pass = 0; pass < 2; pass++) {
      for (const qi of basis) {
        const c = dotv(qi, w);
        for (let i = 0; i < dim; i++) w[i] = (w[i] as number) - c * (qi[i] as number);
      }
    }
    const b = Math.sqrt(dotv(w, w));
    scale = Math.max(scale, Math.abs(a), b);
    const done = j === steps - 1 || b <= 1e-13 * Math.max(scale, Number.MIN_VALUE);
    if (done || (j + 1) % 5 === 0) {
      result = tridiagonalExtremes(alpha, beta);
      const value = Math.max(Math.abs(result.min), Math.abs(result.max));
      if (done || Math.abs(value - last) <= tol * value) return { value, ...result, steps: j + 1 };
      last = value;
    }
    beta.push(b);
    q = w.map((v) => v / b);
  }
  result = tridiagonalExtremes(alpha, beta);
  return { value: Math.max(Math.abs(result.min), Math.abs(result.max)), ...result, steps };
}

function scaleTo(x: Vec, c: number): void {
  for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) * c;
}

/** Number of eigenvalues < t of the symmetric tridiagonal matrix (diag d, off-diagonal e): Sturm count. */
function countBelow(d: readonly number[], e: readonly number[], t: number): number {
  let count = 0;
  let q = 1;
  for (let i = 0; i < d.length; i++) {
    const e2 = i === 0 ? 0 : (e[i - 1] as number) ** 2;
    q = (d[i] as number) - t - (i === 0 ? 0 : e2 / q);
    if (q === 0) q = -1e-300;
    if (q < 0) count++;
  }
  return count;
}

/** Smallest and largest eigenvalue of the n × n symmetric tridiagonal matrix, by bisection. */
export function tridiagonalExtremes(d: readonly number[], e: readonly number[]): { min: number; max: number } {
  const n = d.length;
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const r = (i > 0 ? Math.abs(e[i - 1] as number) : 0) + (i < n - 1 ? Math.abs(e[i] as number) : 0);
    lo = Math.min(lo, (d[i] as number) - r);
    hi = Math.max(hi, (d[i] as number) + r);
  }
  const bisect = (index: number): number => {
    // the eigenvalue λ_index (0-based, ascending): smallest t with countBelow(t) > index
    let a = lo, b = hi;
    for (let it = 0; it < 200 && b - a > 1e-15 * Math.max(1, Math.abs(a), Math.abs(b)); it++) {
      const mid = 0.5 * (a + b);
      if (countBelow(d, e, mid) > index) b = mid;
      else a = mid;
    }
    return 0.5 * (a + b);
  };
  return { min: bisect(0), max: bisect(n - 1) };
}
