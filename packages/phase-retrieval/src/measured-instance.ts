/**
 * Section 4.1 instances under any measurement model of the registry: G a seeded random ReLU net,
 * x0 ~ N(0, I_k), A from `MEASUREMENTS` (e.g. `complex-gaussian`, `cdp:6`, `fourier:2`), b = |A G(x0)|.
 * The seed streams are those of {@link gaussianPriorInstance} (1 → W_i, 2 → A, 3 → x0), so with the
 * `gaussian` model the instance is the same. A complex model's problem uses its real-signal view
 * (G is real), which DPR and DPR-Adam accept.
 */
import { ArgumentError, Rng, deriveSeed, type Backend, type LinearOperator, type Vec } from '@dpr/linalg';
import { ReluNetwork, type WeightScale } from '@dpr/generative-prior';
import type { MeasurementScale } from './measurements/gaussian.js';
import { measurementMagnitudes, realSignalView, type MeasurementOperator } from './measurements/operator.js';
import { createMeasurements } from './measurements/registry.js';
import type { Problem } from './problem.js';
import { buildOwning } from './owned-parts.js';

/** Options of {@link measuredPriorInstance}. */
export interface MeasuredPriorInstanceOptions {
  /** Layer widths [k, n_1, …, n]; default [10, 500, 1000]. */
  dims?: readonly number[];
  /** A measurement spec of `MEASUREMENTS` (e.g. `cdp:6`). */
  measurement: string;
  /** Measurements of a dense model (CDP and Fourier derive m; a given one must agree). */
  m?: number;
  /** The signal as an H × W image (2-D FFTs), H·W = n. */
  shape?: readonly number[];
  seed: number;
  weightScale?: WeightScale;
  measurementScale?: MeasurementScale;
  backend?: Backend;
}

/** A measured Section 4.1 instance: the problem, x0 and the measurement operator. */
export interface MeasuredPriorInstance {
  problem: Problem & { prior: ReluNetwork; truth: Vec; A: LinearOperator };
  x0: Vec;
  operator: MeasurementOperator;
}

/**
 * Build the instance (see the module comment). The caller owns `operator` and `problem.prior` and
 * disposes them (`problem.A` is the operator or its real-signal view); when the build fails (e.g.
 * an m or shape the model rejects) the parts it made are freed before the error propagates.
 */
export function measuredPriorInstance(options: MeasuredPriorInstanceOptions): MeasuredPriorInstance {
  const dims = options.dims ?? [10, 500, 1000];
  if (!Number.isSafeInteger(options.seed)) throw new ArgumentError('seed', 'a safe integer', options.seed);
  const backend = options.backend ? { backend: options.backend } : {};
  return buildOwning((own) => {
    const prior = own(ReluNetwork.random({ dims, seed: deriveSeed(options.seed, 1), scale: options.weightScale ?? 'unit', ...backend }));
    const operator = own(createMeasurements(options.measurement, {
      n: prior.outputDim, seed: deriveSeed(options.seed, 2), scale: options.measurementScale ?? 'unit', ...backend,
      ...(options.m === undefined ? {} : { m: options.m }), ...(options.shape === undefined ? {} : { shape: options.shape }),
    }));
    const x0 = new Rng(deriveSeed(options.seed, 3)).gaussianVec(prior.latentDim);
    const truth = prior.forward(x0);
    const A = operator.dtype === 'complex' ? realSignalView(operator) : operator;
    return { problem: { A, b: measurementMagnitudes(operator, truth), prior, truth }, x0, operator };
  });
}

/** Options of {@link complexSignalInstance}. */
export interface ComplexSignalInstanceOptions {
  /** A complex measurement spec of `MEASUREMENTS` (e.g. `complex-gaussian`, `cdp:6`). */
  measurement: string;
  /** Complex entries of the signal. */
  n: number;
  /** Measurements of a dense model (CDP and Fourier derive m; a given one must agree). */
  m?: number;
  /** The signal as an H × W image (2-D FFTs), H·W = n. */
  shape?: readonly number[];
  seed: number;
  measurementScale?: MeasurementScale;
  backend?: Backend;
}

/**
 * A plain complex signal measured by a complex model (PhasePack's complex experiments): y0 ~ CN(0, I_n)
 * (Re and Im iid N(0, 1/2), so E|y0_j|² = 1), A from `MEASUREMENTS`, b = |A y0|. The problem holds the
 * model's own operator and y0 stacked as [Re y0; Im y0] ∈ R^{2n} (the one representation of a complex
 * signal the solvers use; errors are up to a global phase, see `plainSignalError`). Seed streams:
 * 2 → A, 3 → y0. The caller owns `operator` (= `problem.A`) and disposes it; when the build fails
 * (e.g. a real model) it is freed before the error propagates.
 */
export function complexSignalInstance(options: ComplexSignalInstanceOptions): { problem: Problem & { truth: Vec; A: MeasurementOperator }; operator: MeasurementOperator } {
  if (!Number.isSafeInteger(options.seed)) throw new ArgumentError('seed', 'a safe integer', options.seed);
  return buildOwning((own) => {
    const operator = own(createMeasurements(options.measurement, {
      n: options.n, seed: deriveSeed(options.seed, 2), scale: options.measurementScale ?? 'unit',
      ...(options.backend ? { backend: options.backend } : {}), ...(options.m === undefined ? {} : { m: options.m }), ...(options.shape === undefined ? {} : { shape: options.shape }),
    }));
    if (operator.dtype !== 'complex') throw new ArgumentError('measurement', 'a complex measurement model (complex-gaussian, cdp:L, fourier:OS)', options.measurement);
    const truth = new Rng(deriveSeed(options.seed, 3)).gaussianVec(2 * options.n, Math.SQRT1_2);
    return { problem: { A: operator, b: measurementMagnitudes(operator, truth), truth }, operator };
  });
}
