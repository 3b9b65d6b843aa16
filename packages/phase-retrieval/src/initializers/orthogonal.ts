/**
 * Orthogonality-promoting ("null") initialization (Wang, Giannakis, Eldar, "Solving Systems of
 * Random Quadratic Equations via Truncated Amplitude Flow", IEEE TIT 2018, eqs. (14)–(16); Chen,
 * Fannjiang, Liu, "Phase retrieval with one or two diffraction patterns by alternating projections
 * with the null initialization", 2015), as PhasePack's `initOrthogonal`: with the rows sorted by
 * decreasing b_i, the set I holds those from rank round(γ m) on (the smallest b_i, γ = 1/2); v is
 * the eigenvector of Y = Σ_{i∈I} a_i a_iᵀ at the *smallest* eigenvalue (the direction most
 * orthogonal to the rows that see little of the signal), scaled by the least-squares fit over the
 * complementary rows.
 */
import type { Vec } from '@dpr/linalg';
import type { Problem } from '../problem.js';
import { fractionOption, type InitializerOptions } from './options.js';
import { leastSquaresScale, rowsByDecreasingB, spectralDirection } from './weighted-spectral.js';

/** Options of {@link orthogonalInit}. */
export interface OrthogonalInitOptions extends InitializerOptions {
  /** γ: the rows from rank round(γ m) on (by decreasing b_i) form I (default 1/2). */
  fraction?: number;
}

/** PhasePack's orthogonal (null) initializer. */
export function orthogonalInit(problem: Problem, options: OrthogonalInitOptions): Vec {
  const gamma = fractionOption(options, 1 / 2);
  const m = problem.b.length;
  const order = rowsByDecreasingB(problem.b);
  const inI = new Uint8Array(m);
  // MATLAB: idx(round(m*gamma):end), 1-based; at least one row
  for (let r = Math.min(m, Math.max(1, Math.round(m * gamma))) - 1; r < m; r++) inI[order[r] as number] = 1;
  const w = Float64Array.from(inI);
  return leastSquaresScale(problem, spectralDirection(problem, w, 1, 'smallest', options), (i) => inI[i] === 0);
}
