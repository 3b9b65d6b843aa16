/**
 * The common form of PhasePack's spectral-type initializers: an extreme eigenvector v of
 * Y = (1/s) Σ_i w_i a_i a_iᵀ = (1/s) Aᵀ diag(w) A (PhasePack: `eigs(Y, n, 1, 'lr' | 'sr')`), then a
 * scale fitted to the data. Each initializer only chooses its weights w, which end of the spectrum,
 * and its scale rule ({@link normRatioScale} or {@link leastSquaresScale}).
 */
import { ShapeError, assertVec, type Vec } from '@dpr/linalg';
import type { Problem } from '../problem.js';
import type { InitializerOptions } from './options.js';
import { measurementRowNorms2, moduli } from '../measurements/moduli.js';
import { weightedCovariance } from './power-iteration.js';
import { extremeEigenvector } from './lanczos.js';

/** ‖a_i‖² from the options or from the operator. */
export function rowNorms2Of(problem: Problem, options: InitializerOptions): Vec {
  const m = problem.b.length;
  if (options.rowNorms2 === undefined) return measurementRowNorms2(problem.A, m);
  assertVec('options.rowNorms2', options.rowNorms2);
  if (options.rowNorms2.length !== m) throw new ShapeError('options.rowNorms2', `length m = ${m}`, options.rowNorms2.length);
  return options.rowNorms2;
}

/** The unit eigenvector of (1/s) Aᵀ diag(w) A at the largest or smallest algebraic eigenvalue. */
export function spectralDirection(problem: Problem, w: Vec, s: number, which: 'largest' | 'smallest', options: InitializerOptions): Vec {
  const n = problem.A.inputDim;
  return extremeEigenvector(weightedCovariance(problem.A, w, s), n, { rng: options.rng, which, ...(options.eigenTol !== undefined ? { tol: options.eigenTol } : {}) }).vector;
}

/**
 * PhasePack's `isScaled` rule of initSpectral / initOptimalSpectral: v · ‖u‖/‖l‖ with
 * u_i = |a_iᵀv| b_i, l_i = |a_iᵀv|² over the rows with keep_i (all rows when `keep` is absent).
 */
export function normRatioScale(problem: Problem, v: Vec, keep?: (i: number) => boolean): Vec {
  const r = moduli(problem.A.apply(v), problem.b.length);
  let u2 = 0, l2 = 0;
  for (let i = 0; i < r.length; i++) {
    if (keep && !keep(i)) continue;
    const a = r[i] as number, bi = problem.b[i] as number;
    u2 += (a * bi) ** 2;
    l2 += a ** 4;
  }
  const s = l2 > 0 ? Math.sqrt(u2) / Math.sqrt(l2) : 0;
  return v.map((t) => t * s);
}

/**
 * PhasePack's least-squares scale of initWeighted / initAmplitude / initOrthogonal:
 * v · (|Av|ᵀ b)/(|Av|ᵀ |Av|) over the rows with keep_i (all rows when `keep` is absent).
 */
export function leastSquaresScale(problem: Problem, v: Vec, keep?: (i: number) => boolean): Vec {
  const r = moduli(problem.A.apply(v), problem.b.length);
  let num = 0, den = 0;
  for (let i = 0; i < r.length; i++) {
    if (keep && !keep(i)) continue;
    const a = r[i] as number;
    num += a * (problem.b[i] as number);
    den += a * a;
  }
  const s = den > 0 ? num / den : 0;
  return v.map((t) => t * s);
}

/** The mean of b_i² (the intensity scale; invariant choices of thresholds are relative to it). */
export function meanIntensity(b: Vec): number {
  let s = 0;
  for (const v of b) s += v * v;
  return b.length > 0 ? s / b.length : 0;
}

/** Row indices sorted by decreasing b_i (ties: lower index first), as MATLAB's sort(b, 'descend'). */
export function rowsByDecreasingB(b: Vec): Int32Array {
  const idx = new Int32Array(b.length);
  for (let i = 0; i < b.length; i++) idx[i] = i;
  return idx.sort((p, q) => (b[q] as number) - (b[p] as number) || p - q);
}
