/**
 * Spectral initialization (Candès, Li, Soltanolkotabi, "Phase Retrieval via Wirtinger Flow:
 * Theory and Algorithms", IEEE TIT 2015, Algorithm 1), as PhasePack's `initSpectral` (isTruncated
 * false, isScaled true): the leading eigenvector v of Y = (1/m) Σ_i b_i² a_i a_iᵀ, scaled by
 * ‖(|a_iᵀv| b_i)_i‖ / ‖(|a_iᵀv|²)_i‖.
 */
import type { Vec } from '@dpr/linalg';
import type { Problem } from '../problem.js';
import type { InitializerOptions } from './options.js';
import { normRatioScale, spectralDirection } from './weighted-spectral.js';

/** WF's spectral initializer. */
export function spectralInit(problem: Problem, options: InitializerOptions): Vec {
  const w = problem.b.map((v) => v * v);
  return normRatioScale(problem, spectralDirection(problem, w, problem.b.length, 'largest', options));
}
