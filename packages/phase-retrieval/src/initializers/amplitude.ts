/**
 * Truncated amplitude spectral initialization, as PhasePack's `initAmplitude` (the variant of
 * TAF's orthogonality-promoting start of Wang, Giannakis, Eldar, IEEE TIT 2018, Algorithm 1, that
 * takes a largest eigenvector): over the set I of the ⌈m/6⌉ rows with the largest b_i, the leading
 * eigenvector v of Y = (1/|I|) Σ_{i∈I} a_i a_iᵀ, scaled by the least-squares fit
 * (|Av|ᵀ b)/(|Av|ᵀ|Av|) over all rows.
 */
import type { Vec } from '@dpr/linalg';
import type { Problem } from '../problem.js';
import { fractionOption, type InitializerOptions } from './options.js';
import { leastSquaresScale, rowsByDecreasingB, spectralDirection } from './weighted-spectral.js';

/** Options of {@link amplitudeInit}. */
export interface AmplitudeInitOptions extends InitializerOptions {
  /** Fraction of rows in I, |I| = ⌈fraction · m⌉ (default 1/6). */
  fraction?: number;
}

/** PhasePack's amplitude (truncated amplitude spectral) initializer. */
export function amplitudeInit(problem: Problem, options: AmplitudeInitOptions): Vec {
  const fraction = fractionOption(options, 1 / 6);
  const m = problem.b.length;
  const I = rowsByDecreasingB(problem.b).subarray(0, Math.ceil(fraction * m - 1e-9));
  const w = new Float64Array(m);
  for (const i of I) w[i] = 1;
  return leastSquaresScale(problem, spectralDirection(problem, w, I.length, 'largest', options));
}
