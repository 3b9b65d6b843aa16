/**
 * The gradient-method skeleton shared by the Wirtinger-flow and amplitude-flow baselines: from the
 * paper's initializer y_0, iterate
 *
 *   z = A y,   y ← y − τ_t · (1/m) Aᵀ r(z),
 *
 * where each method supplies only its per-measurement residual r(z) (the gradient of its loss with
 * respect to z_i = a_iᵀ y, with its truncation or weights applied) and its step τ_t. One product
 * with A and one with Aᵀ per iteration; r(z) of the next step is computed with the objective after
 * each step.
 *
 * Scale: the papers state their steps for A with N(0, 1) entries. Every step here is written as
 * the paper's dimensionless μ divided by the matching power of σ² = Σ‖a_i‖²/(mn) (the mean
 * squared entry of A, see `plain-signal.ts`): amplitude and Poisson losses have curvature ∝ σ²
 * (τ = μ/σ²); the intensity loss ∝ σ⁴‖y0‖² (τ = μ/(σ⁴λ²)). For N(0,1) entries σ² ≈ 1 and the
 * papers' rules are recovered; for N(0, 1/m) entries no retuning is needed.
 */
import { ArgumentError, nrm2, type Vec } from '@dpr/linalg';
import { measurementGeometry, relativeChange, startingSignal, validateInitializer, type MeasurementGeometry, type PlainSignalOptions } from './plain-signal.js';
import { INITIALIZER_NAMES } from '../initializers/index.js';
import type { CapabilityFlags, SharedOptions, SolverContext, SolverDefinition, StepReport } from './types.js';

/** What a residual rule sees besides z and b. */
export interface FlowPoint<O> {
  /** The current iterate y (z = A y). */
  y: Vec;
  geometry: MeasurementGeometry;
  options: O;
}

/** A gradient method: its loss, residual rule and step schedule. */
export interface GradientFlowSpec<O extends PlainSignalOptions> {
  id: string;
  summary: string;
  defaults: O;
  /** Capabilities beyond the shared `initializer` option (e.g. Fienup's `nonNegative`). */
  capabilities?: CapabilityFlags;
  sharedDefaults?: Partial<SharedOptions>;
  /** Check the method's own options (the initializer is checked by the skeleton). */
  validate?(options: SharedOptions & O): void;
  /**
   * Write r_i (so that the update direction is (1/m) Aᵀ r) into `r` and return the method's loss
   * at z (its reported objective).
   */
  residual(z: Vec, b: Vec, r: Vec, point: FlowPoint<O>): number;
  /** The step τ_t of iteration t = 1, 2, …. */
  stepSize(t: number, geometry: MeasurementGeometry, options: O): number;
}

/** State of a gradient method. */
export interface GradientFlowState {
  y: Vec;
  z: Vec;
  r: Vec;
  grad: Vec;
  f: number;
  t: number;
  geometry: MeasurementGeometry;
  tau: number;
  initializer: string;
}

/** Positive finite number check shared by the thin definitions. */
export function requirePositive(name: string, value: unknown): void {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) throw new ArgumentError(`options.${name}`, 'a positive finite number', value);
}

/** Build a solver definition from a gradient-method spec. */
export function gradientFlowSolver<O extends PlainSignalOptions>(spec: GradientFlowSpec<O>): SolverDefinition<O, GradientFlowState> {
  const evaluate = (s: GradientFlowState, b: Vec, options: O) => {
    s.f = spec.residual(s.z, b, s.r, { y: s.y, geometry: s.geometry, options });
  };
  return {
    id: spec.id,
    summary: spec.summary,
    needsPrior: false,
    capabilities: { initializers: INITIALIZER_NAMES, ...spec.capabilities },
    defaults: spec.defaults,
    ...(spec.sharedDefaults ? { sharedDefaults: spec.sharedDefaults } : {}),
    validate(options) {
      validateInitializer(options);
      spec.validate?.(options);
    },
    init(ctx: SolverContext<O>) {
      const geometry = measurementGeometry(ctx.problem);
      const y = startingSignal(ctx, geometry);
      const z = ctx.problem.A.apply(y);
      const s: GradientFlowState = {
        y, z, r: new Float64Array(geometry.m), grad: new Float64Array(geometry.n), f: 0, t: 0, geometry, tau: 0,
        initializer: ctx.options.init ? 'custom' : ctx.options.initializer,
      };
      evaluate(s, ctx.problem.b, ctx.options);
      return s;
    },
    step(s, { problem, options }): StepReport {
      const { A, b } = problem;
      s.t++;
      s.tau = spec.stepSize(s.t, s.geometry, options);
      A.adjoint(s.r, s.grad);
      const c = s.tau / s.geometry.m;
      const stepNorm = Math.abs(c) * nrm2(s.grad);
      const change = relativeChange(stepNorm, s.y);
      for (let j = 0; j < s.y.length; j++) s.y[j] = (s.y[j] as number) - c * (s.grad[j] as number);
      A.apply(s.y, s.z);
      evaluate(s, b, options);
      return { objective: s.f, change, converged: s.f === 0 };
    },
    current(s) {
      return { estimate: s.y.slice(), objective: s.f };
    },
    info(s) {
      return { initializer: s.initializer, stepSize: s.tau, sigma2: s.geometry.sigma2 };
    },
  };
}
