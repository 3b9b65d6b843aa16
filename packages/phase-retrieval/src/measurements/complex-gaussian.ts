/**
 * Complex Gaussian measurements A = (X + iY)/√2, X, Y iid N(0, 1) (so E|a_ij|² = 1), dense on the
 * backend as two real matrices; products are the backend's complex GEMV/GEMM.
 */
import { ArgumentError, ComplexDenseOperator, JsBackend, Rng, type Backend } from '@dpr/linalg';
import type { MeasurementScale } from './gaussian.js';

/** Options of {@link complexGaussianMeasurements}. */
export interface ComplexGaussianOptions {
  m: number;
  n: number;
  seed: number;
  /** `unit` (default): E|a_ij|² = 1; `inverse-m`: E|a_ij|² = 1/m. */
  scale?: MeasurementScale;
  backend?: Backend;
}

/** A seeded A = (X + iY)/√2 ∈ C^{m×n}: the m·n draws of X (row-major), then those of Y. */
export function complexGaussianMeasurements(options: ComplexGaussianOptions): ComplexDenseOperator {
  const { m, n, seed } = options;
  if (!Number.isSafeInteger(m) || m < 1) throw new ArgumentError('m', 'a positive integer number of measurements', m);
  if (!Number.isSafeInteger(n) || n < 1) throw new ArgumentError('n', 'a positive integer signal dimension', n);
  const scale = options.scale ?? 'unit';
  if (scale !== 'unit' && scale !== 'inverse-m') throw new ArgumentError('scale', "'unit' or 'inverse-m'", scale);
  const sigma = Math.SQRT1_2 * (scale === 'unit' ? 1 : 1 / Math.sqrt(m));
  const rng = new Rng(seed);
  const re = rng.gaussianVec(m * n, sigma), im = rng.gaussianVec(m * n, sigma);
  return ComplexDenseOperator.fromArrays(options.backend ?? new JsBackend(), re, im, m, n);
}
