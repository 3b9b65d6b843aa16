/**
 * Weighted maximal-correlation initialization (Wang, Giannakis, Saad, Chen, "Phase Retrieval via
 * Reweighted Amplitude Flow", IEEE TSP 2018 — RAF, Algorithm 1, eq. (13)): over the set I of the
 * ⌈3m/13⌉ rows with the largest b_i/‖a_i‖, the leading eigenvector of
 * Y = (1/|I|) Σ_{i∈I} b_i^p a_i a_iᵀ/‖a_i‖² with p = 1/2, scaled to the signal-norm estimate.
 */
import { ArgumentError, type Vec } from '@dpr/linalg';
import type { Problem } from '../problem.js';
import type { InitializerOptions } from './options.js';
import { largestIndices } from './largest.js';
import { normalizedAmplitudes, rowNorms2Of, scaledLeadingEigenvector } from './weighted-spectral.js';

/** Options of {@link weightedInit}. */
export interface WeightedInitOptions extends InitializerOptions {
  /** Fraction of rows kept, |I| = ⌈fraction · m⌉ (default 3/13). */
  fraction?: number;
  /** Exponent p of the weights b_i^p (default 1/2). */
  power?: number;
}

/** RAF's weighted maximal-correlation initializer. */
export function weightedInit(problem: Problem, options: WeightedInitOptions): Vec {
  const fraction = options.fraction ?? 3 / 13;
  const p = options.power ?? 0.5;
  if (!(fraction > 0 && fraction <= 1)) throw new ArgumentError('options.fraction', 'a number in (0, 1]', fraction);
  if (!Number.isFinite(p) || p < 0) throw new ArgumentError('options.power', 'a non-negative number', p);
  const m = problem.b.length;
  const r2 = rowNorms2Of(problem, options);
  const I = largestIndices(normalizedAmplitudes(problem.b, r2), Math.ceil(fraction * m));
  const w = new Float64Array(m);
  for (const i of I) if ((r2[i] as number) > 0) w[i] = (problem.b[i] as number) ** p / (r2[i] as number);
  return scaledLeadingEigenvector(problem, w, I.length, r2, options);
}
