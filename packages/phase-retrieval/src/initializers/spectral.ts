/**
 * Spectral initialization (Candès, Li, Soltanolkotabi, "Phase Retrieval via Wirtinger Flow:
 * Theory and Algorithms", IEEE TIT 2015, Algorithm 1): the leading eigenvector of
 * Y = (1/m) Σ_i b_i² a_i a_iᵀ, scaled to λ = sqrt(n Σ b_i² / Σ ‖a_i‖²).
 */
import type { Vec } from '@dpr/linalg';
import type { Problem } from '../problem.js';
import type { InitializerOptions } from './options.js';
import { rowNorms2Of, scaledLeadingEigenvector } from './weighted-spectral.js';

/** WF's spectral initializer. */
export function spectralInit(problem: Problem, options: InitializerOptions): Vec {
  const w = problem.b.map((v) => v * v);
  return scaledLeadingEigenvector(problem, w, problem.b.length, rowNorms2Of(problem, options), options);
}
