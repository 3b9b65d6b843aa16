/**
 * Pieces shared by the plain-signal baselines (no prior, y ∈ R^n): the `initializer` option, the
 * starting point, the measurement geometry (row norms ‖a_i‖², mean squared entry σ², signal-norm
 * estimate λ) that makes their steps scale-free, and the one place where a phase is taken.
 *
 * A complex signal y ∈ C^n is the stacked real vector [Re y; Im y] ∈ R^{2n} of a complex model's
 * own operator (see `measurements/operator.ts`): m magnitudes, 2m stacked entries of A y, and
 * ‖a_i‖², σ², λ of the complex rows (see `measurements/moduli.ts`).
 */
import { ArgumentError, DenseOperator, JsBackend, nrm2, type LinearOperator, type Vec } from '@dpr/linalg';
import type { Problem } from '../problem.js';
import { INITIALIZER_NAMES, initialize, signalNormEstimate, type InitializerName } from '../initializers/index.js';
import { measurementRowNorms2, moduli, scaleMeasurements, signalEntries } from '../measurements/moduli.js';
import { sgn } from '../objectives/amplitude.js';
import { sharedOperatorEntries } from '../initializers/operator-entries.js';
import type { SolverContext } from './types.js';

/** The option every plain-signal solver has. */
export interface PlainSignalOptions {
  /**
   * How the starting point y_0 is computed (default: the method's paper's choice). The shared
   * option `init` overrides it (it is then the `custom` start); `custom` requires `init`.
   */
  initializer: InitializerName;
  /**
   * Where the products with A run: `float64` (default; a float32-resident dense A is copied once to
   * float64 on the host, see `float64Operator`: PhasePack's arithmetic, which its stop rules
   * assume) or `backend` (A's own backend as is: float32 on wasm, several times faster; the stop
   * rules at tol = 1e-6 may then not be met, so give a `maxIters` cap). Sweeps that measure the
   * reconstruction error, not the stop rule, may choose `backend` (Figure 3 does, see its README).
   */
  products: ProductPrecision;
}

/** The choices of {@link PlainSignalOptions.products}. */
export const PRODUCT_PRECISIONS = ['float64', 'backend'] as const;
/** Where a plain-signal solver's products with A run. */
export type ProductPrecision = (typeof PRODUCT_PRECISIONS)[number];

/** The defaults every plain-signal solver adds to its own (its builder spreads them first). */
export const PLAIN_SIGNAL_DEFAULTS: Pick<PlainSignalOptions, 'products'> = { products: 'float64' };

/** The scale of A and of the data, computed once per solve. */
export interface MeasurementGeometry {
  m: number;
  n: number;
  /** ‖a_i‖², i = 1..m (complex rows for complex measurements). */
  rowNorms2: Vec;
  /** σ² = Σ_i ‖a_i‖² / (m n), the mean squared entry of A (1 for N(0,1), 1/m for N(0,1/m)). */
  sigma2: number;
  /** λ = sqrt(n Σ b_i² / Σ ‖a_i‖²), the estimate of ‖y0‖ from the data (WF, Algorithm 1). */
  lambda: number;
}

/** Throw for an unknown initializer, `custom` without `init` or an unknown `products`. */
export function validatePlainSignalOptions(options: PlainSignalOptions & { init: Vec | undefined }): void {
  if (!PRODUCT_PRECISIONS.includes(options.products)) {
    throw new ArgumentError('options.products', `one of ${PRODUCT_PRECISIONS.join(', ')}`, options.products);
  }
  if (!INITIALIZER_NAMES.includes(options.initializer)) {
    throw new ArgumentError('options.initializer', `one of ${INITIALIZER_NAMES.join(', ')}`, options.initializer);
  }
  if (options.initializer === 'custom' && options.init === undefined) {
    throw new ArgumentError('options.init', "a starting point (initializer 'custom' needs one)");
  }
}

/** Row norms, σ² and λ of a problem (O(mn) for a dense A, see `operatorEntries`). */
export function measurementGeometry(problem: Problem): MeasurementGeometry {
  const m = problem.b.length, n = signalEntries(problem.A);
  const rowNorms2 = measurementRowNorms2(problem.A, m);
  let total = 0;
  for (const v of rowNorms2) total += v;
  return { m, n, rowNorms2, sigma2: total / (m * n), lambda: signalNormEstimate(problem.b, rowNorms2, n) };
}

/** y_0: `options.init` when given, else the configured initializer (seeded by ctx.rng). */
export function startingSignal(ctx: SolverContext<PlainSignalOptions>, geometry: MeasurementGeometry): Vec {
  const { problem, options, rng } = ctx;
  if (options.init !== undefined) return initialize('custom', problem, { rng, custom: options.init });
  return initialize(options.initializer, problem, { rng, rowNorms2: geometry.rowNorms2 });
}

/**
 * The operator the plain-signal baselines compute with: a dense A resident on a float32 backend
 * (wasm, gpujs) is copied once into float64 on the host (its float32-rounded entries, an error
 * floor near 1e-7 relative); any other operator is returned as is.
 *
 * Why: PhasePack's stop rules and the 1e-5 accuracy its benchmarks count as success assume float64
 * arithmetic. In float32 the Armijo test of the gradient methods fails on rounding noise near the
 * solution (WF then stops at relative errors of 1e-5 to 1e-4) and Gerchberg–Saxton's residual
 * ‖Aᵀ(Ag − c)‖/‖c‖ stays above 1e-6 (it ran to maxIters). For n ≤ a few thousand the float64 host
 * products cost little next to the solver's other work.
 */
export function float64Operator(A: LinearOperator): LinearOperator {
  if (A instanceof DenseOperator && A.backend.precision === 32) {
    // one copy per matrix (matrices are immutable): restarts and repeated solves on one A share it,
    // built from the entries the initializers read (one read from the device per matrix)
    let copy = A.matrix.disposed ? undefined : float64Copies.get(A.matrix); // a disposed A still throws
    if (!copy) float64Copies.set(A.matrix, (copy = DenseOperator.fromArray(new JsBackend(), sharedOperatorEntries(A).data, A.outputDim, A.inputDim)));
    return copy;
  }
  return A;
}

const float64Copies = new WeakMap<object, DenseOperator>();

/** The problem with {@link float64Operator} of its A (`products: 'float64'`), or as is (`'backend'`). */
export function float64Problem(problem: Problem, products: ProductPrecision = 'float64'): Problem {
  if (products === 'backend') return problem;
  const A = float64Operator(problem.A);
  return A === problem.A ? problem : { ...problem, A };
}

/** The phase t/|t| of a measurement (sgn for reals, with phase(0) = 0). */
export function phaseOf(t: number): number {
  return sgn(t);
}

/**
 * c = b ⊙ phase(z): the measurement-magnitude projection of z (writes `out`); z real (length m) or
 * complex stacked [Re; Im] (length 2m), phase(z_i) = z_i/|z_i| and phase(0) = 0.
 */
export function projectMagnitudes(z: Vec, b: Vec, out: Vec): Vec {
  const m = b.length;
  if (z.length === m) {
    for (let i = 0; i < m; i++) out[i] = (b[i] as number) * phaseOf(z[i] as number);
    return out;
  }
  const r = moduli(z, m), phi = r.map((v, i) => (v > 0 ? (b[i] as number) / v : 0));
  return scaleMeasurements(z, phi, out);
}

/** ‖y − y_prev‖ / ‖y_prev‖ (the step's absolute size when y_prev = 0). */
export function relativeChange(step: number, previous: Vec): number {
  const p = nrm2(previous);
  return p > 0 ? step / p : step;
}
