/**
 * Initializers of the plain-signal solvers: each returns y ∈ R^n, an estimate of y0 (up to sign)
 * scaled to fit the data as PhasePack's initializers do (`random`: to the signal-norm estimate;
 * `custom`: as given).
 *
 * @example
 * ```ts
 * const y = initialize('optimal', problem, { rng: ctx.rng });
 * ```
 */
import { ArgumentError, type Vec } from '@dpr/linalg';
import type { Problem } from '../problem.js';
import type { InitializerOptions } from './options.js';
import { spectralInit } from './spectral.js';
import { truncatedSpectralInit } from './truncated-spectral.js';
import { optimalInit } from './optimal.js';
import { weightedInit } from './weighted.js';
import { orthogonalInit } from './orthogonal.js';
import { amplitudeInit } from './amplitude.js';
import { randomInit } from './random.js';
import { customInit } from './custom.js';

export type { InitializerOptions } from './options.js';
export { spectralInit } from './spectral.js';
export { truncatedSpectralInit, type TruncatedSpectralOptions } from './truncated-spectral.js';
export { optimalInit, optimalPreprocessing } from './optimal.js';
export { amplitudeInit, type AmplitudeInitOptions } from './amplitude.js';
export { extremeEigenvector, tridiagonalExtremeEigenpair, type LanczosOptions } from './lanczos.js';
export { weightedInit, type WeightedInitOptions } from './weighted.js';
export { orthogonalInit, type OrthogonalInitOptions } from './orthogonal.js';
export { randomInit } from './random.js';
export { customInit } from './custom.js';
export { leadingEigenvector, weightedCovariance, DEFAULT_POWER_ITERS, type Eigenpair, type PowerIterationOptions } from './power-iteration.js';
export { operatorEntries, operatorRowNorms2, rowNorms2, signalNormEstimate } from './operator-entries.js';
export { largestIndices, hardThreshold } from './largest.js';
export { ppowerInit, type PPowerOptions, type PPowerResult } from './ppower.js';

/** Options of {@link initialize}. */
export interface InitializeOptions extends InitializerOptions {
  /** The starting point of the `custom` initializer. */
  custom?: Vec;
}

/** Every initializer by name (see each one for its paper); the one table {@link initialize} reads. */
export const INITIALIZERS = {
  spectral: spectralInit,
  'truncated-spectral': truncatedSpectralInit,
  optimal: optimalInit,
  weighted: weightedInit,
  orthogonal: orthogonalInit,
  amplitude: amplitudeInit,
  random: randomInit,
  custom: (problem: Problem, options: InitializeOptions) => customInit(problem, options.custom),
} satisfies Record<string, (problem: Problem, options: InitializeOptions) => Vec>;

/** Names accepted by {@link initialize}. */
export type InitializerName = keyof typeof INITIALIZERS;

/** Every initializer name, for option validation. */
export const INITIALIZER_NAMES = Object.keys(INITIALIZERS) as readonly InitializerName[];

/** Run the initializer `name` on `problem` (see each initializer for its paper). */
export function initialize(name: InitializerName, problem: Problem, options: InitializeOptions): Vec {
  if (!Object.hasOwn(INITIALIZERS, name)) throw new ArgumentError('initializer', `one of ${INITIALIZER_NAMES.join(', ')}`, name);
  return INITIALIZERS[name](problem, options);
}
