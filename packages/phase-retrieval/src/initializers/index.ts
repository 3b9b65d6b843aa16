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

/** Names accepted by {@link initialize}. */
export type InitializerName = 'spectral' | 'truncated-spectral' | 'optimal' | 'weighted' | 'orthogonal' | 'amplitude' | 'random' | 'custom';

/** Every initializer name, for option validation. */
export const INITIALIZER_NAMES: readonly InitializerName[] = ['spectral', 'truncated-spectral', 'optimal', 'weighted', 'orthogonal', 'amplitude', 'random', 'custom'];

/** Options of {@link initialize}. */
export interface InitializeOptions extends InitializerOptions {
  /** The starting point of the `custom` initializer. */
  custom?: Vec;
}

/** Run the initializer `name` on `problem` (see each initializer for its paper). */
export function initialize(name: InitializerName, problem: Problem, options: InitializeOptions): Vec {
  switch (name) {
    case 'spectral':
      return spectralInit(problem, options);
    case 'truncated-spectral':
      return truncatedSpectralInit(problem, options);
    case 'optimal':
      return optimalInit(problem, options);
    case 'weighted':
      return weightedInit(problem, options);
    case 'orthogonal':
      return orthogonalInit(problem, options);
    case 'amplitude':
      return amplitudeInit(problem, options);
    case 'random':
      return randomInit(problem, options);
    case 'custom':
      return customInit(problem, options.custom);
    default:
      throw new ArgumentError('initializer', `one of ${INITIALIZER_NAMES.join(', ')}`, name);
  }
}
