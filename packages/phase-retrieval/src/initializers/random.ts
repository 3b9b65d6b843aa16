/**
 * Random initialization: a direction drawn uniformly on the sphere (from the seeded rng), scaled to
 * the signal-norm estimate λ = sqrt(n Σ b_i² / Σ ‖a_i‖²).
 */
import { nrm2, type Vec } from '@dpr/linalg';
import type { Problem } from '../problem.js';
import type { InitializerOptions } from './options.js';
import { signalNormEstimate } from './operator-entries.js';
import { rowNorms2Of } from './weighted-spectral.js';
import { signalEntries } from '../measurements/moduli.js';

/** A seeded random start of the right norm. */
export function randomInit(problem: Problem, options: InitializerOptions): Vec {
  const g = options.rng.gaussianVec(problem.A.inputDim); // [Re; Im] for a complex signal
  const s = signalNormEstimate(problem.b, rowNorms2Of(problem, options), signalEntries(problem.A)) / nrm2(g);
  return g.map((v) => v * s);
}
