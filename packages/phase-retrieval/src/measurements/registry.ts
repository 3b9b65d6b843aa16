/**
 * Every measurement model by id: one table, filled explicitly (no import side effects). A model
 * builds the operator A of b = |A y0|; the CLI (`--measurement`), the sweeps, the browser app and
 * the operator conformance spec (shapes, adjoint identity, batching on every backend) read this
 * table, so a new model is registered here once and is tested without editing a list.
 *
 * Models: `gaussian` (real, dense), `complex-gaussian` (dense), `cdp:L` (coded diffraction, FFT),
 * `fourier:OS` (oversampled Fourier, FFT), `matrix` / `complex-matrix` (a user's safetensors file,
 * see `matrix-file.ts` for the `A` / `A_re` + `A_im` convention). FFT-based operators never
 * materialise an m × n matrix.
 */
import { ArgumentError, type Backend, type ComplexLinearOperator } from '@dpr/linalg';
import { gaussianMeasurements, type MeasurementScale } from './gaussian.js';
import { complexGaussianMeasurements } from './complex-gaussian.js';
import { CodedDiffractionOperator, parseMaskCount } from './cdp.js';
import { OversampledFourierOperator, parseOversampling } from './fourier.js';
import { exampleMatrixFile, readMeasurementMatrix } from './matrix-file.js';
import { complexMeasurementOperator, realMeasurementOperator, type MeasurementDtype, type MeasurementOperator } from './operator.js';
import { derivedMeasurementCount, signalShape } from './shape.js';
import { DenseOperator } from '@dpr/linalg';
import { buildOwning } from '../owned-parts.js';

export type { MeasurementDtype, MeasurementOperator } from './operator.js';

/** What every model is built from. */
export interface MeasurementOptions {
  /** Number of measurements (dense models; CDP and Fourier derive it and accept only that value). */
  m?: number;
  /** Signal dimension (entries; complex entries for complex models). */
  n: number;
  /** The signal as an H × W image ([H, W], H·W = n): 2-D FFTs for `cdp` and `fourier`. */
  shape?: readonly number[];
  /** Seed of every random draw (entries, masks). */
  seed: number;
  /** Entry variance: `unit` N(0, 1) (default) or `inverse-m` N(0, 1/m). */
  scale?: MeasurementScale;
  /** Backend the operator computes on (default js). */
  backend?: Backend;
  /** The text after `id:` in a spec such as `cdp:6` (models without parameters reject it). */
  params?: string;
  /** The safetensors bytes of a user's matrix (`matrix`, `complex-matrix`). */
  file?: Uint8Array;
}

/** One measurement model. */
export interface MeasurementModel {
  readonly id: string;
  readonly summary: string;
  readonly dtype: MeasurementDtype;
  /** Whether it draws from `seed` (a user's matrix does not). */
  readonly seeded: boolean;
  /** Whether m follows from the signal size and the parameters (CDP, Fourier, a file); a given m must agree. */
  readonly derivesCount: boolean;
  create(options: MeasurementOptions): MeasurementOperator;
  /** Throws a typed error naming `measurement` unless `params` (the text after `id:`) is valid for this model. */
  checkParams(params: string | undefined): void;
  /** A small valid configuration (for docs and the conformance spec); `seed` varies file-based examples. */
  example(seed: number): Omit<MeasurementOptions, 'seed' | 'backend'>;
}

function noParams(id: string, params: string | undefined): void {
  if (params !== undefined) throw new ArgumentError('measurement', `'${id}' without parameters`, `${id}:${params}`);
}

function denseM(id: string, m: number | undefined): number {
  if (m === undefined) throw new ArgumentError('m', `a positive integer number of measurements (needed by '${id}')`, m);
  return m;
}

/** A dense seeded model without parameters: `build` gets the options, the checked m and the signal shape. */
function denseModel(
  id: string,
  summary: string,
  dtype: MeasurementDtype,
  build: (o: MeasurementOptions, m: number, shape: readonly number[]) => MeasurementOperator,
): MeasurementModel {
  return {
    id,
    summary,
    dtype,
    seeded: true,
    derivesCount: false,
    create(o) {
      noParams(id, o.params);
      return build(o, denseM(id, o.m), signalShape(o.n, o.shape));
    },
    checkParams: (params) => noParams(id, params),
    example: () => ({ m: 37, n: 23 }),
  };
}

/** A ∈ R^{m×n} with iid Gaussian entries (Section 4.1; `inverse-m` for the theory's scaling). */
export const gaussianModel = denseModel('gaussian', 'real Gaussian A, iid N(0, 1) or N(0, 1/m) entries, dense on the backend', 'real', (o, m, shape) =>
  realMeasurementOperator('gaussian', gaussianMeasurements({ ...o, m }), shape),
);

/** A = (X + iY)/√2 ∈ C^{m×n}, X, Y iid N(0, 1). */
export const complexGaussianModel = denseModel(
  'complex-gaussian',
  'complex Gaussian A = (X + iY)/sqrt(2), X, Y iid N(0, 1), dense on the backend (complex GEMV on the real kernels)',
  'complex',
  (o, m, shape) => complexMeasurementOperator('complex-gaussian', complexGaussianMeasurements({ ...o, m }), shape),
);

/** A matrix-free FFT model `id:PARAMS`: m follows from the signal shape and the parsed parameter. */
function fftModel<P>(
  id: string,
  summary: string,
  seeded: boolean,
  parse: (params: string | undefined) => P,
  build: (o: MeasurementOptions, param: P, shape: readonly number[]) => ComplexLinearOperator,
  example: MeasurementModel['example'],
): MeasurementModel {
  return {
    id,
    summary,
    dtype: 'complex',
    seeded,
    derivesCount: true,
    create(o) {
      const param = parse(o.params);
      const shape = signalShape(o.n, o.shape);
      const A = build(o, param, shape);
      derivedMeasurementCount(id, A.outputDim, o.m);
      return complexMeasurementOperator(id, A, shape);
    },
    checkParams: (params) => void parse(params),
    example,
  };
}

/** Coded diffraction patterns with L octanary masks (1-D FFT, or 2-D for an image shape). */
export const cdpModel = fftModel(
  'cdp',
  'cdp:L, coded diffraction patterns, L random octanary masks then a 1-D (or, with an HxW signal, 2-D) FFT; m = L*n, matrix-free',
  true,
  parseMaskCount,
  (o, L, shape) => new CodedDiffractionOperator(shape, L, o.seed, o.scale ?? 'unit'),
  () => ({ n: 24, shape: [4, 6], params: '3' }),
);

/** Oversampled Fourier: zero-pad by OS per axis, then the DFT. */
export const fourierModel = fftModel(
  'fourier',
  'fourier:OS, zero-pad by OS per axis then the 1-D (or, with an HxW signal, 2-D) FFT; m = padded size, matrix-free',
  false,
  parseOversampling,
  (o, os, shape) => new OversampledFourierOperator(shape, os, o.scale ?? 'unit'),
  () => ({ n: 15, shape: [3, 5], params: '2' }),
);

function matrixModel(id: 'matrix' | 'complex-matrix', dtype: MeasurementDtype): MeasurementModel {
  return {
    id,
    summary: dtype === 'real' ? "a user's real matrix: safetensors tensor A [m, n]" : "a user's complex matrix: safetensors tensors A_re, A_im [m, n] (real and imaginary parts)",
    dtype,
    seeded: false,
    derivesCount: true,
    create(o) {
      noParams(id, o.params);
      return buildOwning((own) => {
        const A = own(readMeasurementMatrix(o.file, dtype, o.backend)); // freed when n, m or the shape do not fit
        if (A.inputDim !== o.n) throw new ArgumentError('n', `${A.inputDim} (columns of the file's matrix)`, o.n);
        if (o.m !== undefined && o.m !== A.outputDim) throw new ArgumentError('m', `${A.outputDim} (rows of the file's matrix) or omitted`, o.m);
        const shape = signalShape(o.n, o.shape);
        return A instanceof DenseOperator ? realMeasurementOperator(id, A, shape) : complexMeasurementOperator(id, A, shape);
      });
    },
    checkParams: (params) => noParams(id, params),
    example: (seed) => ({ n: 9, file: exampleMatrixFile(14, 9, seed, dtype) }),
  };
}

/** All measurement models, by id. */
export const MEASUREMENTS: Readonly<Record<string, MeasurementModel>> = Object.fromEntries(
  [gaussianModel, complexGaussianModel, cdpModel, fourierModel, matrixModel('matrix', 'real'), matrixModel('complex-matrix', 'complex')].map((model) => [model.id, model]),
);

/** Look a model up by id, or throw naming the known ones. */
export function getMeasurementModel(id: string): MeasurementModel {
  const model = MEASUREMENTS[id];
  if (!model) throw new ArgumentError('measurement', `one of ${Object.keys(MEASUREMENTS).join(', ')}`, id);
  return model;
}

/** Split and check a spec `ID` or `ID:PARAMS` (e.g. `cdp:6`). */
export function parseMeasurementSpec(spec: string): { model: MeasurementModel; params?: string } {
  if (typeof spec !== 'string') throw new ArgumentError('measurement', 'a spec ID or ID:PARAMS (e.g. cdp:6)', spec);
  const colon = spec.indexOf(':');
  const model = getMeasurementModel(colon < 0 ? spec : spec.slice(0, colon));
  const params = colon < 0 ? undefined : spec.slice(colon + 1);
  model.checkParams(params);
  return params === undefined ? { model } : { model, params };
}

/** Build the operator of a spec `ID` or `ID:PARAMS` (e.g. `gaussian`, `cdp:6`). */
export function createMeasurements(spec: string, options: Omit<MeasurementOptions, 'params'>): MeasurementOperator {
  const { model, params } = parseMeasurementSpec(spec);
  return model.create({ ...options, ...(params === undefined ? {} : { params }) });
}
