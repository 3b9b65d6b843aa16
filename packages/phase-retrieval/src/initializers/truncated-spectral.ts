/**
 * Truncated spectral initialization (Chen, Candès, "Solving Random Quadratic Systems of Equations
 * Is Nearly as Easy as Solving Linear Systems", CPAM 2017 — TWF, Algorithm 1), as PhasePack's
 * `initSpectral` with isTruncated: the leading eigenvector v of
 * Y = (1/m) Σ_i b_i² 1{b_i² ≤ α_y² λ0²} a_i a_iᵀ with λ0² = (1/m) Σ b_i² and α_y = 3, scaled by
 * the norm-ratio rule over the kept rows.
 */
import type { Vec } from '@dpr/linalg';
import { ArgumentError } from '@dpr/linalg';
import type { Problem } from '../problem.js';
import type { InitializerOptions } from './options.js';
import { meanIntensity, normRatioScale, spectralDirection } from './weighted-spectral.js';

/** Options of {@link truncatedSpectralInit}. */
export interface TruncatedSpectralOptions extends InitializerOptions {
  /** α_y: keep b_i² ≤ α_y² · mean(b²) (default 3). */
  alphaY?: number;
}

/** TWF's truncated spectral initializer. */
export function truncatedSpectralInit(problem: Problem, options: TruncatedSpectralOptions): Vec {
  const alphaY = options.alphaY ?? 3;
  if (!(alphaY > 0) || !Number.isFinite(alphaY)) throw new ArgumentError('options.alphaY', 'a positive number', alphaY);
  const cut = alphaY * alphaY * meanIntensity(problem.b);
  const keep = (i: number) => (problem.b[i] as number) ** 2 <= cut;
  const w = problem.b.map((v, i) => (keep(i) ? v * v : 0));
  return normRatioScale(problem, spectralDirection(problem, w, problem.b.length, 'largest', options), keep);
}
