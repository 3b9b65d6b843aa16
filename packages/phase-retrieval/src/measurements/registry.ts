/**
 * Every measurement model by id: one table, filled explicitly (no import side effects). A model
 * builds the operator A of b = |A y0|; the CLI (`--measurement`), the sweeps, the browser app and
 * the operator conformance spec (adjointness, shapes, batching on every backend) read this table,
 * so a new model is registered here once and is tested without editing a list.
 *
 * A model declares the `dtype` of its operator: `real` today (the Gaussian model); complex models
 * (complex Gaussian, coded diffraction, oversampled Fourier) and FFT-based operators that never
 * materialise an m × n matrix fit the same shape (`create` returns any {@link LinearOperator}).
 */
import { ArgumentError, type Backend, type LinearOperator } from '@dpr/linalg';
import { gaussianMeasurements, type MeasurementScale } from './gaussian.js';

/** Entries of the operator and of the measurements: real, or complex (split real/imaginary). */
export type MeasurementDtype = 'real' | 'complex';

/** A measurement operator made by a {@link MeasurementModel}. */
export interface MeasurementOperator extends LinearOperator {
  /** Id of the model that made it. */
  readonly model: string;
  readonly dtype: MeasurementDtype;
  /** Frees backend memory (a no-op for matrix-free operators). */
  dispose(): void;
}

/** What every model is built from. */
export interface MeasurementOptions {
  /** Number of measurements. */
  m: number;
  /** Signal dimension. */
  n: number;
  /** Seed of every random draw (rows, masks). */
  seed: number;
  /** Entry variance: `unit` N(0, 1) (default) or `inverse-m` N(0, 1/m). */
  scale?: MeasurementScale;
  /** Backend the operator computes on (default js). */
  backend?: Backend;
  /** The text after `id:` in a spec such as `cdp:6` (models without parameters reject it). */
  params?: string;
}

/** One measurement model. */
export interface MeasurementModel {
  readonly id: string;
  readonly summary: string;
  readonly dtype: MeasurementDtype;
  create(options: MeasurementOptions): MeasurementOperator;
}

/** A ∈ R^{m×n} with iid Gaussian entries (Section 4.1; `inverse-m` for the theory's scaling). */
export const gaussianModel: MeasurementModel = {
  id: 'gaussian',
  summary: 'real Gaussian A, iid N(0, 1) or N(0, 1/m) entries, dense on the backend',
  dtype: 'real',
  create(options) {
    if (options.params !== undefined) throw new ArgumentError('measurement', "'gaussian' without parameters", `gaussian:${options.params}`);
    const A = gaussianMeasurements(options);
    return Object.assign(A, { model: 'gaussian', dtype: 'real' as const });
  },
};

/** All measurement models, by id. */
export const MEASUREMENTS: Readonly<Record<string, MeasurementModel>> = {
  [gaussianModel.id]: gaussianModel,
};

/** Look a model up by id, or throw naming the known ones. */
export function getMeasurementModel(id: string): MeasurementModel {
  const model = MEASUREMENTS[id];
  if (!model) throw new ArgumentError('measurement', `one of ${Object.keys(MEASUREMENTS).join(', ')}`, id);
  return model;
}

/** Build the operator of a spec `ID` or `ID:PARAMS` (e.g. `gaussian`). */
export function createMeasurements(spec: string, options: Omit<MeasurementOptions, 'params'>): MeasurementOperator {
  const colon = spec.indexOf(':');
  const id = colon < 0 ? spec : spec.slice(0, colon);
  return getMeasurementModel(id).create({ ...options, ...(colon < 0 ? {} : { params: spec.slice(colon + 1) }) });
}
