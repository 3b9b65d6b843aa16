/**
 * An extreme eigenpair of a symmetric map Y on R^n to full accuracy, as PhasePack's initializers get
 * it from `eigs(Y, n, 1, 'lr' | 'sr')` (ARPACK's implicitly restarted Lanczos): Lanczos with full
 * reorthogonalisation (Golub & Van Loan, "Matrix Computations", 4th ed., Section 10.1), restarted
 * from the current Ritz vector until its residual ‖Y v − θ v‖ is at most tol·‖Y‖ (estimated by the
 * largest Ritz value magnitude). The small tridiagonal eigenproblems are solved by cyclic Jacobi.
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
  /** Lanczos steps per restart (default min(n, 64)). */
  steps?: number;
  /** Restarts (default 30). */
  maxRestarts?: number;
}

/** Eigen-decomposition of a small dense symmetric matrix T (k × k, row-major) by cyclic Jacobi. */
export function symmetricEigen(T: Float64Array, k: number): { values: Float64Array; vectors: Float64Array } {
  const a = T.slice();
  const V = new Float64Array(k * k);
  for (let i = 0; i < k; i++) V[i * k + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0, diag = 0;
    for (let p = 0; p < k; p++) {
      diag += (a[p * k + p] as number) ** 2;
      for (let q = p + 1; q < k; q++) off += (a[p * k + q] as number) ** 2;
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < k - 1; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = a[p * k + q] as number;
        if (apq === 0) continue;
        const app = a[p * k + p] as number, aqq = a[q * k + q] as number;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = a[r * k + p] as number, arq = a[r * k + q] as number;
          a[r * k + p] = c * arp - s * arq;
          a[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = a[p * k + r] as number, aqr = a[q * k + r] as number;
          a[p * k + r] = c * apr - s * aqr;
          a[q * k + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = V[r * k + p] as number, vrq = V[r * k + q] as number;
          V[r * k + p] = c * vrp - s * vrq;
          V[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const values = new Float64Array(k);
  for (let i = 0; i < k; i++) values[i] = a[i * k + i] as number;
  return { values, vectors: V };
}

/**
 * The extreme (largest or smallest algebraic) eigenpair of the symmetric map `Y` on R^n.
 * @param Y v ↦ Y v (must not modify v).
 */
export function extremeEigenvector(Y: (v: Vec) => Vec, n: number, options: LanczosOptions): Eigenpair {
  const tol = options.tol ?? 1e-10;
  const steps = Math.min(n, options.steps ?? 64);
  const maxRestarts = options.maxRestarts ?? 30;
  if (!(tol >= 0)) throw new ArgumentError('tol', 'a non-negative number', tol);
  if (!Number.isSafeInteger(steps) || steps < 1) throw new ArgumentError('steps', 'a positive integer', steps);
  const sign = options.which === 'largest' ? 1 : -1;
  let start = options.rng.gaussianVec(n);
  let best: Eigenpair = { vector: start, value: 0, iterations: 0 };
  let products = 0;
  for (let restart = 0; restart <= maxRestarts; restart++) {
    const Q: Vec[] = [];
    const alpha: number[] = [], beta: number[] = [];
    let q = start.map((v) => v / nrm2(start));
    let residualBeta = 0;
    for (let j = 0; j < steps; j++) {
      Q.push(q);
      const w = Float64Array.from(Y(q));
      products++;
      const aj = dot(w, q);
      alpha.push(aj);
      // full reorthogonalisation (twice is enough, Kahan–Parlett)
      for (let pass = 0; pass < 2; pass++) {
        for (const u of Q) {
          const c = dot(w, u);
          for (let i = 0; i < n; i++) w[i] = (w[i] as number) - c * (u[i] as number);
        }
      }
      const bj = nrm2(w);
      residualBeta = bj;
      if (j === steps - 1 || bj <= 1e-14 * Math.abs(aj) || bj === 0) break;
      beta.push(bj);
      q = w.map((v) => v / bj);
    }
    const k = alpha.length;
    const T = new Float64Array(k * k);
    for (let i = 0; i < k; i++) {
      T[i * k + i] = alpha[i] as number;
      if (i + 1 < k) T[i * k + i + 1] = T[(i + 1) * k + i] = beta[i] as number;
    }
    const { values, vectors } = symmetricEigen(T, k);
    let pick = 0, scale = 0;
    for (let i = 0; i < k; i++) {
      if (sign * (values[i] as number) > sign * (values[pick] as number)) pick = i;
      scale = Math.max(scale, Math.abs(values[i] as number));
    }
    const v = new Float64Array(n);
    for (let c = 0; c < k; c++) {
      const s = vectors[c * k + pick] as number;
      const u = Q[c] as Vec;
      for (let i = 0; i < n; i++) v[i] = (v[i] as number) + s * (u[i] as number);
    }
    const nv = nrm2(v);
    for (let i = 0; i < n; i++) v[i] = (v[i] as number) / nv;
    best = { vector: v, value: values[pick] as number, iterations: products };
    // residual of the Ritz pair: β_k |e_kᵀ s|
    const res = residualBeta * Math.abs(vectors[(k - 1) * k + pick] as number);
    if (k === n || res <= tol * Math.max(scale, Number.MIN_VALUE)) return best;
    start = v;
  }
  return best;
}

function dot(a: Vec, b: Vec): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}
