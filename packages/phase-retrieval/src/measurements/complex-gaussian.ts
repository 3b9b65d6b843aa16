/**
 * Complex Gaussian measurements A = (X + iY)/√2, X, Y iid N(0, 1) (so E|a_ij|² = 1), dense on the
 * backend as two real matrices; products are the backend's complex GEMV/GEMM.
 */
import { ComplexDenseOperator, JsBackend, Rng } from '@dpr/linalg';
import { gaussianEntryScale, type GaussianMeasurementOptions } from './gaussian.js';

/** Options of {@link complexGaussianMeasurements}; `scale` `unit` (default): E|a_ij|² = 1, `inverse-m`: 1/m. */
export type ComplexGaussianOptions = GaussianMeasurementOptions;

/** A seeded A = (X + iY)/√2 ∈ C^{m×n}: the m·n draws of X (row-major), then those of Y. */
export function complexGaussianMeasurements(options: ComplexGaussianOptions): ComplexDenseOperator {
  const { m, n, seed } = options;
  const sigma = Math.SQRT1_2 * gaussianEntryScale(options);
  const rng = new Rng(seed);
  const re = rng.gaussianVec(m * n, sigma), im = rng.gaussianVec(m * n, sigma);
  return ComplexDenseOperator.fromArrays(options.backend ?? new JsBackend(), re, im, m, n);
}
