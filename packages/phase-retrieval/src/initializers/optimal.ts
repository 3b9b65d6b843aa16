/**
 * "Optimal" spectral initialization: the leading eigenvector of Y = (1/m) Σ_i T(y_i) a_i a_iᵀ with
 * the preprocessing T(y) = (y₊ − 1)/(y₊ + √δ − 1) of the normalised intensities
 * y_i = b_i² / mean(b²), δ = m/n (Mondelli, Montanari, "Fundamental Limits of Weak Recovery with
 * Applications to Phase Retrieval", FoCM 2019, eq. (5); studied as the optimal design by Luo,
 * Alghamdi, Lu, "Optimal Spectral Initialization for Signal Recovery with Applications to Phase
 * Retrieval", IEEE TSP 2019; normalisation by the mean as in PhasePack's initOptimalSpectral),
 * scaled to the signal-norm estimate.
 *
 * T is negative for y < 1, so Y is indefinite and the *largest algebraic* eigenvalue is taken.
 * For δ > 1, T ∈ (−1/(√δ − 1), 1) is bounded. For δ ≤ 1 the formula has a pole at y = 1 − √δ;
 * there T is clamped below at −{@link OPTIMAL_T_FLOOR} (a monotone continuation, as deepinv clamps
 * its spectral preprocessing), so the weights stay finite and ordered.
 */
import type { Vec } from '@dpr/linalg';
import type { Problem } from '../problem.js';
import type { InitializerOptions } from './options.js';
import { meanIntensity, rowNorms2Of, scaledLeadingEigenvector } from './weighted-spectral.js';

/** Lower clamp of the preprocessing (only active when δ < 1.44). */
export const OPTIMAL_T_FLOOR = 5;

/** The preprocessing T(y) for the sampling ratio δ = m/n. */
export function optimalPreprocessing(y: number, delta: number): number {
  const yp = Math.max(y, 0);
  const den = yp + Math.sqrt(delta) - 1;
  if (den <= 0) return -OPTIMAL_T_FLOOR;
  return Math.max((yp - 1) / den, -OPTIMAL_T_FLOOR);
}

/** The optimal-preprocessing spectral initializer. */
export function optimalInit(problem: Problem, options: InitializerOptions): Vec {
  const m = problem.b.length, n = problem.A.inputDim;
  const mean = meanIntensity(problem.b);
  const w = problem.b.map((v) => (mean > 0 ? optimalPreprocessing((v * v) / mean, m / n) : 0));
  return scaledLeadingEigenvector(problem, w, m, rowNorms2Of(problem, options), options);
}
