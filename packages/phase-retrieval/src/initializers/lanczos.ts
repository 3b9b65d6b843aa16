/**
 * An extreme eigenpair of a symmetric map Y on R^n to full accuracy, as PhasePack's initializers get
 * it from `eigs(Y, n, 1, 'lr' | 'sr')` (ARPACK's Lanczos): Lanczos with full reorthogonalisation
 * (Golub & Van Loan, "Matrix Computations", 4th ed., Section 10.1). Every few steps the extreme
 * eigenpair of the tridiagonal T_k is found by Sturm-sequence bisection and inverse iteration
 * (Golub & Van Loan 8.4.1 and 8.2.2); the run stops when the Ritz residual β_k |e_kᵀ s| is at most
 * tol · max |θ|, or after `steps` steps (then it restarts from the Ritz vector).
 *
 * The power iteration of `power-iteration.ts` converges at the rate λ₂/λ₁ only; at m/n ≈ 2 the
 * spectral matrices have a small gap and 100 power steps leave a visibly worse start than `eigs`.
 */
import { ArgumentError, nrm2, type Rng, type Vec } from '@dpr/linalg';
import type { Eigenpair } from './power-iteration.js';

/** Options of {@link extremeEigenvector}. */
export interface LanczosOptions {
  rng: Rng;
  /** The largest algebraic eigenvalue (`eigs … 'lr'`) or the smallest (`'sr'`). */
  which: 'largest' | 'smallest';
  /** Relative residual tolerance (default 1e-10). */
  tol?: number;
  /** Lanczos steps before a restart (default min(n, 300)). */
  steps?: number;
  /** Restarts (default 10). */
  maxRestarts?: number;
}

/** Number of eigenvalues of the symmetric tridiagonal (α, β) below x (Sturm sequence). */
function countBelow(alpha: ArrayLike<number>, beta: ArrayLike<number>, k: number, x: number): number {
  let count = 0, d = 1;
  for (let i = 0; i < k; i++) {
    const b2 = i > 0 ? (beta[i - 1] as number) ** 2 : 0;
    d = (alpha[i] as number) - x - (i > 0 ? b2 / d : 0);
    if (d === 0) d = -1e-300;
    if (d < 0) count++;
  }
  return count;
}

/**
 * The extreme eigenpair of the symmetric tridiagonal matrix with diagonal α and off-diagonal β
 * (k × k): the eigenvalue by bisection, the unit eigenvector by inverse iteration with a
 * pivoted tridiagonal solve.
 */
export function tridiagonalExtremeEigenpair(alpha: ArrayLike<number>, beta: ArrayLike<number>, k: number, which: 'largest' | 'smallest'): { value: number; vector: Vec } {
  let lo = Number.POSITIVE_INFINITY, hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < k; i++) {
    const r = (i > 0 ? Math.abs(beta[i - 1] as number) : 0) + (i < k - 1 ? Math.abs(beta[i] as number) : 0);
    lo = Math.min(lo, (alpha[i] as number) - r);
    hi = Math.max(hi, (alpha[i] as number) + r);
  }
  const scale = Math.max(Math.abs(lo), Math.abs(hi), Number.MIN_VALUE);
  for (let it = 0; it < 200 && hi - lo > 4e-16 * scale; it++) {
    const mid = 0.5 * (lo + hi);
    const below = countBelow(alpha, beta, k, mid);
    if (which === 'largest' ? below < k : below >= 1) {
      if (which === 'largest') lo = mid;
      else hi = mid;
    } else if (which === 'largest') hi = mid;
    else lo = mid;
  }
  const value = 0.5 * (lo + hi);
  // inverse iteration on T − (θ + δ) I, Gaussian elimination with partial pivoting (as LAPACK dgtsv)
  const shift = value + (which === 'largest' ? 1 : -1) * 1e-13 * scale;
  let x: Vec = new Float64Array(k).fill(1 / Math.sqrt(k));
  for (let rep = 0; rep < 3; rep++) {
    x = solveTridiagonal(alpha, beta, k, shift, x);
    const nx = nrm2(x);
    if (!(nx > 0) || !Number.isFinite(nx)) break;
    for (let i = 0; i < k; i++) x[i] = (x[i] as number) / nx;
  }
  return { value, vector: x };
}

/** Solve (T − σI) x = r for a symmetric tridiagonal T with partial pivoting (a singular pivot is nudged). */
function solveTridiagonal(alpha: ArrayLike<number>, beta: ArrayLike<number>, k: number, sigma: number, r: Vec): Vec {
  const d = new Float64Array(k), du = new Float64Array(k), du2 = new Float64Array(k), dl = new Float64Array(k), b = r.slice();
  for (let i = 0; i < k; i++) d[i] = (alpha[i] as number) - sigma;
  for (let i = 0; i < k - 1; i++) du[i] = dl[i] = beta[i] as number;
  const tiny = 1e-300;
  for (let i = 0; i < k - 1; i++) {
    if (Math.abs(d[i] as number) >= Math.abs(dl[i] as number)) {
      if (d[i] === 0) d[i] = tiny;
      const f = (dl[i] as number) / (d[i] as number);
      d[i + 1] = (d[i + 1] as number) - f * (du[i] as number);
      b[i + 1] = (b[i + 1] as number) - f * (b[i] as number);
      du2[i] = 0;
    } else {
      const f = (d[i] as number) / (dl[i] as number);
      d[i] = dl[i] as number;
      const t = d[i + 1] as number;
      d[i + 1] = (du[i] as number) - f * t;
      du2[i] = i < k - 2 ? (du[i + 1] as number) : 0;
      if (i < k - 2) du[i + 1] = -f * (du2[i] as number);
      du[i] = t;
      const bi = b[i] as number;
      b[i] = b[i + 1] as number;
      b[i + 1] = bi - f * (b[i + 1] as number);
    }
  }
  if (d[k - 1] === 0) d[k - 1] = tiny;
  const x: Vec = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = b[i] as number;
    if (i + 1 < k) s -= (du[i] as number) * (x[i + 1] as number);
    if (i + 2 < k) s -= (du2[i] as number) * (x[i + 2] as number);
    x[i] = s / (d[i] as number);
  }
  return x;
}

/**
 * The extreme (largest or smallest algebraic) eigenpair of the symmetric map `Y` on R^n.
 * @param Y v ↦ Y v (must not modify v).
 */
export function extremeEigenvector(Y: (v: Vec) => Vec, n: number, options: LanczosOptions): Eigenpair {
  const tol = options.tol ?? 1e-10;
  const steps = Math.min(n, options.steps ?? 300);
  const maxRestarts = options.maxRestarts ?? 10;
  if (!(tol >= 0)) throw new ArgumentError('tol', 'a non-negative number', tol);
  if (!Number.isSafeInteger(steps) || steps < 1) throw new ArgumentError('steps', 'a positive integer', steps);
  let start: Vec = options.rng.gaussianVec(n);
  let best: Eigenpair = { vector: start, value: 0, iterations: 0 };
  let products = 0;
  for (let restart = 0; restart <= maxRestarts; restart++) {
    const Q: Vec[] = [];
    const alpha: number[] = [], beta: number[] = [];
    const n0 = nrm2(start);
    let q: Vec = start.map((v) => v / n0);
    let converged = false;
    let ritz: { value: number; vector: Vec } = { value: 0, vector: new Float64Array(1) };
    for (let j = 0; j < steps; j++) {
      Q.push(q);
      const w = Float64Array.from(Y(q));
      products++;
      alpha.push(dot(w, q));
      // full reorthogonalisation (twice is enough, Kahan–Parlett)
      for (let pass = 0; pass < 2; pass++) {
        for (const u of Q) {
          const c = dot(w, u);
          for (let i = 0; i < n; i++) w[i] = (w[i] as number) - c * (u[i] as number);
        }
      }
      const bj = nrm2(w);
      const k = alpha.length;
      const last = j === steps - 1 || !(bj > 1e-14 * Math.abs(alpha[j] as number));
      if (last || k % 8 === 0) {
        ritz = tridiagonalExtremeEigenpair(alpha, beta, k, options.which);
        const res = bj * Math.abs(ritz.vector[k - 1] as number);
        let scale = 0;
        for (const a of alpha) scale = Math.max(scale, Math.abs(a));
        if (res <= tol * Math.max(scale, Math.abs(ritz.value), Number.MIN_VALUE) || k === n || !(bj > 1e-14 * Math.abs(alpha[j] as number))) converged = true;
      }
      if (last || converged) break;
      beta.push(bj);
      q = w.map((v) => v / bj);
    }
    const k = alpha.length;
    const v = new Float64Array(n);
    for (let c = 0; c < k; c++) {
      const s = ritz.vector[c] as number, u = Q[c] as Vec;
      for (let i = 0; i < n; i++) v[i] = (v[i] as number) + s * (u[i] as number);
    }
    const nv = nrm2(v);
    for (let i = 0; i < n; i++) v[i] = (v[i] as number) / nv;
    best = { vector: v, value: ritz.value, iterations: products };
    if (converged) return best;
    start = v;
  }
  return best;
}

function dot(a: Vec, b: Vec): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}
