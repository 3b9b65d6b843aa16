/**
 * Orthogonality-promoting (null) initialization (Wang, Giannakis, Eldar, "Solving Systems of Random
 * Quadratic Equations via Truncated Amplitude Flow", IEEE TIT 2018 — TAF, eqs. (14)–(17) and
 * Algorithm 1): the signal is the direction most orthogonal to the rows with the smallest
 * normalised amplitudes b_i/‖a_i‖. Since Σ_i a_i a_iᵀ/‖a_i‖² ≈ (m/n) I, the smallest eigenvector of
 * that part equals the largest eigenvector of the complement: over the set Ī of the ⌈m/6⌉ rows
 * with the *largest* b_i/‖a_i‖, the leading eigenvector of Y = (1/|Ī|) Σ_{i∈Ī} a_i a_iᵀ/‖a_i‖²,
 * scaled to the signal-norm estimate.
 */
import { ArgumentError, type Vec } from '@dpr/linalg';
import type { Problem } from '../problem.js';
import type { InitializerOptions } from './options.js';
import { largestIndices } from './largest.js';
import { normalizedAmplitudes, rowNorms2Of, scaledLeadingEigenvector } from './weighted-spectral.js';

/** Options of {@link orthogonalInit}. */
export interface OrthogonalInitOptions extends InitializerOptions {
  /** Fraction of rows in Ī, |Ī| = ⌈fraction · m⌉ (default 1/6). */
  fraction?: number;
}

/** TAF's orthogonality-promoting initializer. */
export function orthogonalInit(problem: Problem, options: OrthogonalInitOptions): Vec {
  const fraction = options.fraction ?? 1 / 6;
  if (!(fraction > 0 && fraction <= 1)) throw new ArgumentError('options.fraction', 'a number in (0, 1]', fraction);
  const m = problem.b.length;
  const r2 = rowNorms2Of(problem, options);
  const I = largestIndices(normalizedAmplitudes(problem.b, r2), Math.ceil(fraction * m));
  const w = new Float64Array(m);
  for (const i of I) if ((r2[i] as number) > 0) w[i] = 1 / (r2[i] as number);
  return scaledLeadingEigenvector(problem, w, I.length, r2, options);
}
