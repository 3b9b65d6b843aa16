/**
 * Options shared by every initializer.
 */
import type { Rng, Vec } from '@dpr/linalg';

/** What every initializer accepts. */
export interface InitializerOptions {
  /** Source of every random choice (the power iteration's start, the random initializer). */
  rng: Rng;
  /** Maximum power iterations for the leading eigenvector (default 100). */
  powerIters?: number;
  /**
   * Precomputed squared row norms ‖a_i‖² of A (saves materialising a non-dense operator again
   * when initializing repeatedly); computed from the operator when absent.
   */
  rowNorms2?: Vec;
}
