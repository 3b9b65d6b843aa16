/**
 * Dense real Gaussian measurement matrices A ∈ R^{m×n}.
 */
import { ArgumentError, DenseOperator, JsBackend, Rng, type Backend } from '@dpr/linalg';

/** Entry variance: `unit` = N(0, 1) (Section 4.1), `inverse-m` = N(0, 1/m) (theory, Section 4.2). */
export type MeasurementScale = 'unit' | 'inverse-m';

/** Options of {@link gaussianMeasurements}. */
export interface GaussianMeasurementOptions {
  m: number;
  n: number;
  seed: number;
  scale?: MeasurementScale;
  backend?: Backend;
}

/** Checks m, n and the scale of a dense Gaussian model; returns the entry scale (1, or 1/√m for `inverse-m`). */
export function gaussianEntryScale(options: GaussianMeasurementOptions): number {
  const { m, n } = options;
  if (!Number.isSafeInteger(m) || m < 1) throw new ArgumentError('m', 'a positive integer number of measurements', m);
  if (!Number.isSafeInteger(n) || n < 1) throw new ArgumentError('n', 'a positive integer signal dimension', n);
  const scale = options.scale ?? 'unit';
  if (scale !== 'unit' && scale !== 'inverse-m') throw new ArgumentError('scale', "'unit' or 'inverse-m'", scale);
  return scale === 'unit' ? 1 : 1 / Math.sqrt(m);
}

/** A seeded iid Gaussian A (row-major draws), uploaded to `backend`. */
export function gaussianMeasurements(options: GaussianMeasurementOptions): DenseOperator {
  const { m, n, seed } = options;
  const data = new Rng(seed).gaussianVec(m * n, gaussianEntryScale(options));
  return DenseOperator.fromArray(options.backend ?? new JsBackend(), data, m, n);
}

/** b = |A y|. */
export function magnitudes(A: { apply(y: Float64Array): Float64Array }, y: Float64Array): Float64Array {
  return A.apply(y).map(Math.abs);
}
