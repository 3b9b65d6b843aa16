/**
 * Optimal spectral initialization as PhasePack's `initOptimalSpectral` (its default initializer)
 * implements it: Mondelli & Montanari's preprocessing ("Fundamental limits of weak recovery with
 * applications to phase retrieval", COLT 2018; Luo, Alghamdi & Lu, IEEE TSP 2019, eq. (25)),
 *
 *   y_i = b_i² / mean(b²),   T(y) = (y₊ − 1) / (y₊ + √δ − 1),   δ = m/n,
 *
 * the leading (largest algebraic) eigenvector v of Y = (1/m) Σ_i T(y_i) mean(b²) a_i a_iᵀ, scaled
 * by PhasePack's norm-ratio rule ‖(|a_iᵀv| b_i)_i‖ / ‖(|a_iᵀv|²)_i‖.
 *
 * T is bounded (it lies in [−1/(√δ − 1), 1) for δ > 1). For δ < 1 the denominator can vanish; the
 * reference then divides by zero as well, so no guard is added beyond returning a finite weight 0
 * for an exactly zero denominator.
 */
import type { Vec } from '@dpr/linalg';
import type { Problem } from '../problem.js';
import type { InitializerOptions } from './options.js';
import { signalEntries } from '../measurements/moduli.js';
import { meanIntensity, normRatioScale, spectralDirection } from './weighted-spectral.js';

/** T(y) = (y₊ − 1)/(y₊ + √δ − 1) for a normalised intensity y and δ = m/n. */
export function optimalPreprocessing(y: number, delta: number): number {
  const yp = Math.max(y, 0);
  const d = yp + Math.sqrt(delta) - 1;
  return d === 0 ? 0 : (yp - 1) / d;
}

/** The optimal-preprocessing spectral initializer (PhasePack's default). */
export function optimalInit(problem: Problem, options: InitializerOptions): Vec {
  const m = problem.b.length, n = signalEntries(problem.A);
  const mean = meanIntensity(problem.b);
  const w = problem.b.map((v) => (mean > 0 ? optimalPreprocessing((v * v) / mean, m / n) * mean : 0));
  return normRatioScale(problem, spectralDirection(problem, w, m, 'largest', options));
}
