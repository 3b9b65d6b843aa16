/**
 * The common form of the spectral-type initializers: the leading eigenvector of
 * Y = (1/s) Σ_i w_i a_i a_iᵀ, scaled to the signal-norm estimate λ = sqrt(n Σ b_i² / Σ ‖a_i‖²).
 * Each initializer only chooses its weights w (and s, which does not change the eigenvector).
 */
import { ShapeError, assertVec, type Vec } from '@dpr/linalg';
import type { Problem } from '../problem.js';
import type { InitializerOptions } from './options.js';
import { operatorRowNorms2, signalNormEstimate } from './operator-entries.js';
import { leadingEigenvector, weightedCovariance } from './power-iteration.js';

/** ‖a_i‖² from the options or from the operator. */
export function rowNorms2Of(problem: Problem, options: InitializerOptions): Vec {
  if (options.rowNorms2 === undefined) return operatorRowNorms2(problem.A);
  assertVec('options.rowNorms2', options.rowNorms2);
  if (options.rowNorms2.length !== problem.A.outputDim) throw new ShapeError('options.rowNorms2', `length m = ${problem.A.outputDim}`, options.rowNorms2.length);
  return options.rowNorms2;
}

/** λ · (leading eigenvector of (1/s) Aᵀ diag(w) A). */
export function scaledLeadingEigenvector(problem: Problem, w: Vec, s: number, rowNorms2: Vec, options: InitializerOptions): Vec {
  const n = problem.A.inputDim;
  const { vector } = leadingEigenvector(weightedCovariance(problem.A, w, s), n, { rng: options.rng, ...(options.powerIters !== undefined ? { iters: options.powerIters } : {}) });
  const lambda = signalNormEstimate(problem.b, rowNorms2, n);
  return vector.map((v) => v * lambda);
}

/** The mean of b_i² (the intensity scale; invariant choices of thresholds are relative to it). */
export function meanIntensity(b: Vec): number {
  let s = 0;
  for (const v of b) s += v * v;
  return b.length > 0 ? s / b.length : 0;
}

/** b_i / ‖a_i‖ (0 for a zero row): the normalised amplitudes TAF and RAF rank the rows by. */
export function normalizedAmplitudes(b: Vec, rowNorms2: Vec): Vec {
  return b.map((v, i) => ((rowNorms2[i] as number) > 0 ? v / Math.sqrt(rowNorms2[i] as number) : 0));
}
