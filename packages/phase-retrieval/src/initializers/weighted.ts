/**
 * Weighted maximal-correlation initialization (Wang, Giannakis, Saad, Chen, "Phase Retrieval via
 * Reweighted Amplitude Flow", IEEE TSP 2018 — RAF, Algorithm 1, eq. (13)), as PhasePack's
 * `initWeighted`: over the set I of the ⌊3m/13⌋ rows with the largest b_i, the leading eigenvector
 * v of Y = Σ_{i∈I} b_i^p a_i a_iᵀ with p = 1/2, scaled by the least-squares fit
 * (|Av|ᵀ b)/(|Av|ᵀ|Av|) over all rows.
 */
import { ArgumentError, type Vec } from '@dpr/linalg';
import type { Problem } from '../problem.js';
import { fractionOption, type InitializerOptions } from './options.js';
import { leastSquaresScale, rowsByDecreasingB, spectralDirection } from './weighted-spectral.js';

/** Options of {@link weightedInit}. */
export interface WeightedInitOptions extends InitializerOptions {
  /** Fraction of rows kept, |I| = ⌊fraction · m⌋ (default 3/13). */
  fraction?: number;
  /** Exponent p of the weights b_i^p (default 1/2). */
  power?: number;
}

/** RAF's weighted maximal-correlation initializer. */
export function weightedInit(problem: Problem, options: WeightedInitOptions): Vec {
  const fraction = fractionOption(options, 3 / 13);
  const p = options.power ?? 0.5;
  if (!Number.isFinite(p) || p < 0) throw new ArgumentError('options.power', 'a non-negative number', p);
  const m = problem.b.length;
  const I = rowsByDecreasingB(problem.b).subarray(0, Math.max(1, Math.floor(fraction * m + 1e-9)));
  const w = new Float64Array(m);
  for (const i of I) w[i] = (problem.b[i] as number) ** p;
  return leastSquaresScale(problem, spectralDirection(problem, w, 1, 'largest', options));
}
