/**
 * Options shared by every initializer.
 */
import { ArgumentError, type Rng, type Vec } from '@dpr/linalg';

/** What every initializer accepts. */
export interface InitializerOptions {
  /** Source of every random choice (the eigensolver's start, the random initializer). */
  rng: Rng;
  /** Relative residual tolerance of the eigenvector (default 1e-10, see `lanczos.ts`). */
  eigenTol?: number;
  /**
   * Precomputed squared row norms ‖a_i‖² of A (saves materialising a non-dense operator again
   * when initializing repeatedly); computed from the operator when absent. Used by `random`.
   */
  rowNorms2?: Vec;
}

/** `options.fraction` of the truncated initializers, checked to lie in (0, 1] (`fallback` when absent). */
export function fractionOption(options: { fraction?: number }, fallback: number): number {
  const fraction = options.fraction ?? fallback;
  if (!(fraction > 0 && fraction <= 1)) throw new ArgumentError('options.fraction', 'a number in (0, 1]', fraction);
  return fraction;
}
