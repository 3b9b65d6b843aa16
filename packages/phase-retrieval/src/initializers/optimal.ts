/**
 * Optimal spectral initialization (Luo, Alghamdi, Lu, "Optimal Spectral Initialization for Signal
 * Recovery with Applications to Phase Retrieval", IEEE TSP 2019): the leading eigenvector of
 * Y = (1/m) Σ_i T(y_i) a_i a_iᵀ with their uniformly optimal preprocessing for noiseless phase
 * retrieval, T*(y) = 1 − 1/y, on the normalised intensities y_i = b_i² / mean(b²), scaled to the
 * signal-norm estimate. (Mondelli and Montanari's (y − 1)/(y + √δ − 1), which PhasePack calls
 * "optimal", is the design that is optimal for the weak-recovery threshold only.)
 *
 * Real-valued form: for real Gaussian a_i the normalised intensity is χ²₁-distributed, so y is
 * near 0 for a sizable fraction of rows and 1 − 1/y is unbounded below (E[1/y] = ∞). T is
 * therefore clamped below at −{@link OPTIMAL_T_FLOOR}: T(y) = max(1 − 1/y, −5) (equivalently
 * 1 − 1/max(y, 1/6)). Y is indefinite, so the *largest algebraic* eigenvalue is taken.
 */
import type { Vec } from '@dpr/linalg';
import type { Problem } from '../problem.js';
import type { InitializerOptions } from './options.js';
import { meanIntensity, rowNorms2Of, scaledLeadingEigenvector } from './weighted-spectral.js';

/** Lower clamp of the preprocessing, needed in the real-valued case (see the module comment). */
export const OPTIMAL_T_FLOOR = 5;

/** T(y) = max(1 − 1/y, −OPTIMAL_T_FLOOR) for a normalised intensity y ≥ 0. */
export function optimalPreprocessing(y: number): number {
  return y <= 0 ? -OPTIMAL_T_FLOOR : Math.max(1 - 1 / y, -OPTIMAL_T_FLOOR);
}

/** The optimal-preprocessing spectral initializer. */
export function optimalInit(problem: Problem, options: InitializerOptions): Vec {
  const m = problem.b.length;
  const mean = meanIntensity(problem.b);
  const w = problem.b.map((v) => (mean > 0 ? optimalPreprocessing((v * v) / mean) : 0));
  return scaledLeadingEigenvector(problem, w, m, rowNorms2Of(problem, options), options);
}
