/**
 * PhasePack's shared gradient-descent helper (`gradientDescentSolver.m` of PhasePack, Chandra,
 * Zhong, Hontz, McCulloch, Studer & Goldstein, "PhasePack: A phase retrieval library", Asilomar
 * 2017), used by WF, AF, TAF, RAF, TWF and RWF. Each method supplies only its objective in the
 * measurement domain, f(z) and ∇f(z) with z = A x, rebuilt from the current iterate every
 * `period` iterations (TAF/TWF truncation, RAF/RWF reweighting; never for WF/AF). Complex
 * signals (PhasePack's `isComplex` mode) run the same loop on the stacked real form: x = [Re x; Im x],
 * A the stacked operator (its adjoint is Aᴴ), and the objective sees the moduli |z_i| and returns
 * real weights φ with ∇f(z) = φ ⊙ z (see {@link MeasurementObjective}):
 *
 *   d_t = −∇_x f(x_t) = −Aᵀ ∇f(A x_t)      (steepest descent, the default; NCG / L-BFGS directions
 *                                         are scaled to ‖∇_x f‖, see below)
 *   τ_t: after an objective update, 25/L with L = ‖∇_x f(x′) − ∇_x f(x″)‖/‖x′ − x″‖ at two random
 *        N(0, I) points; otherwise the adaptive Barzilai–Borwein rule of FASTA (Goldstein, Studer,
 *        Baraniuk 2014) with Δd = d_{t−1} − d_t (= Δ∇f for steepest descent):
 *        τ_s = ‖Δx‖²/⟨Δx, Δd⟩, τ_m = max(⟨Δx, Δd⟩/‖Δd‖², 0),
 *        τ = τ_m if 2τ_m > τ_s else τ_s − τ_m/2, and 1.5 τ_{t−1} when that is not positive and finite
 *   backtracking: while f(x_t + τ d_t) > f(x_t) + 0.1 τ ⟨d_t, ∇_x f(x_t)⟩, τ ← 0.2 τ (≤ 20 times)
 *   stop: the relative residual ‖Δx_t‖ / max_{s≤t} ‖Δx_s‖ ≤ tol; each time it is met the objective
 *        is rebuilt (and the step re-estimated), and the third time the run stops.
 *
 * The three-hits rule is PhasePack's `tolerancePenaltyLimit` (the shared loop counts the hits, see
 * `tolerancePatience`); the residual is relative to the largest step so far, so it is met in
 * float32 as well as in float64. PhasePack's search directions are
 * exposed as `searchMethod` (`search-direction.ts`: steepest descent by default, NCG, L-BFGS); in
 * all of them the step search above applies. The random points of the initial step come from
 * the run's seeded rng instead of MATLAB's randn, so iterates match PhasePack's in distribution,
 * not bit for bit. A dense operator on a float32 backend is computed with in float64 (see
 * `float64Operator` in `plain-signal.ts`, where the reason is written down).
 */
import { ArgumentError, nrm2, type Vec } from '@dpr/linalg';
import { float64Problem, startingSignal, measurementGeometry, PLAIN_SIGNAL_DEFAULTS, validatePlainSignalOptions, type MeasurementGeometry, type PlainSignalOptions } from './plain-signal.js';
import type { Problem } from '../problem.js';
import { moduli, scaleMeasurements } from '../measurements/moduli.js';
import { BETA_CHOICES, SEARCH_METHODS, resetSearch, searchDirection, searchMemory, type BetaChoice, type SearchMemory, type SearchMethod } from './search-direction.js';
import { INITIALIZER_NAMES } from '../initializers/index.js';
import type { CapabilityFlags, SharedOptions, SolverContext, SolverDefinition, StepReport } from './types.js';

/**
 * An objective in the measurement domain, z = A x (m entries, or 2m for complex measurements,
 * stacked [Re; Im]), written through the moduli r = |z| so that one definition serves real and
 * complex data: f(z) = F(r) and ∇f(z) = φ(r) ⊙ z with real weights φ (PhasePack's `gradf`; for
 * complex z the Wirtinger gradient, PhasePack's `isComplex` mode).
 */
export interface MeasurementObjective {
  /** f at moduli r. */
  f(r: Vec): number;
  /** The weights φ of ∇f(z) = φ ⊙ z at moduli r, written into `out` (the step uses Aᵀ, i.e. Aᴴ, of it). */
  weights(r: Vec, out: Vec): void;
}

/** φ_i = 1 − b_i/r_i of the amplitude loss ½ (r − b)², ∇ = z − b ⊙ phase(z) (φ = 1 at r = 0, where phase(0) = 0). */
export function amplitudeWeight(r: number, b: number): number {
  return r > 0 ? 1 - b / r : 1;
}

/** The options of every PhasePack gradient method. */
export interface GradientDescentOptions extends PlainSignalOptions {
  /** PhasePack's `searchMethod` (default `steepestDescent`). */
  searchMethod: SearchMethod;
  /** PhasePack's `betaChoice` for `ncg` (default `HS`, Hestenes–Stiefel). */
  betaChoice: BetaChoice;
}

/** A PhasePack gradient method: its objective and how often it is rebuilt. */
export interface GradientDescentSpec<O extends GradientDescentOptions> {
  id: string;
  summary: string;
  /** The method's own defaults (the search options default to PhasePack's). */
  defaults: Omit<O, 'searchMethod' | 'betaChoice' | 'products'>;
  capabilities?: CapabilityFlags;
  sharedDefaults?: Partial<SharedOptions>;
  /** Check the method's own options (the initializer is checked here). */
  validate?(options: SharedOptions & O): void;
  /** Iterations between objective rebuilds (PhasePack's updateObjectivePeriod; ∞ = only on tol hits). */
  period(options: O): number;
  /** The objective built at the iterate x with moduli r = |A x| (PhasePack's `updateObjective`). */
  objective(x: Vec, r: Vec, b: Vec, options: O, geometry: MeasurementGeometry): MeasurementObjective;
}

/** State of the helper. */
export interface GradientDescentState {
  /** The problem computed with (float64, see `float64Operator`). */
  problem: Problem;
  geometry: MeasurementGeometry;
  /** Current iterate x_t and A x_t. */
  x: Vec;
  z: Vec;
  /** |z| (m) and the weights φ of the last gradient (m). */
  r: Vec;
  phi: Vec;
  f: number;
  /** ∇_x f at x (n) and the previous one. */
  grad: Vec;
  dir: Vec;
  prevDir: Vec;
  prevGrad: Vec;
  search: SearchMemory;
  dx: Vec;
  tau: number;
  maxStep: number;
  objective: MeasurementObjective | undefined;
  rebuildNow: boolean;
  lastRebuild: number;
  iter: number;
  backtracks: number;
  /** The last iterate whose objective was finite (returned if the run diverges). */
  lastFinite: Vec;
  gz: Vec;
  initializer: string;
}

/** The positive finite number check shared by the thin definitions. */
export function requirePositive(name: string, value: unknown): void {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) throw new ArgumentError(`options.${name}`, 'a positive finite number', value);
}

/** A positive integer or ∞ (an objective-update period). */
export function requirePeriod(name: string, value: unknown): void {
  if (value !== Number.POSITIVE_INFINITY && (!Number.isSafeInteger(value) || (value as number) < 1)) {
    throw new ArgumentError(`options.${name}`, 'a positive integer or Infinity', value);
  }
}


/**
 * The validation and update period of a solver whose objective has one positive parameter
 * (TAF's γ, RAF's β, RWF's η) and is rebuilt every `periodKey` iterations.
 */
export function periodicParameter<O>(positiveKey: keyof O & string, periodKey: keyof O & string): { validate(o: O): void; period(o: O): number } {
  return {
    validate(o) {
      requirePositive(positiveKey, o[positiveKey]);
      requirePeriod(periodKey, o[periodKey]);
    },
    period: (o) => o[periodKey] as number,
  };
}

/**
 * The loss f(r) = (1/(2·norm)) Σ w_i ρ(r_i, b_i)² of the moduli r = |Ax| (w ≡ 1 and norm = 1 when
 * not given) and its gradient weights φ_i = w_i φ(r_i, b_i)/norm, so ∇f = Aᴴ(φ ⊙ z): WF (ρ = r² − b²),
 * amplitude flow (ρ = r − b) and, with frozen weights, RAF and RWF.
 */
export function squaredLoss(
  b: Vec, rho: (r: number, b: number) => number, phi: (r: number, b: number) => number, w?: Vec, norm = 1,
): MeasurementObjective {
  return {
    f(r) {
      let f = 0;
      for (let i = 0; i < r.length; i++) f += (w ? (w[i] as number) : 1) * rho(r[i] as number, b[i] as number) ** 2;
      return (0.5 / norm) * f;
    },
    weights(r, out) {
      for (let i = 0; i < r.length; i++) out[i] = ((w ? (w[i] as number) : 1) * phi(r[i] as number, b[i] as number)) / norm;
    },
  };
}

/**
 * A reweighted loss: {@link squaredLoss} with weights w_i = weight(|a_iᵀx|, b_i) frozen when the
 * objective is rebuilt, normalised by Σ w (RAF: ρ = r − b; RWF: ρ = r² − b²).
 */
export function reweightedObjective(
  absAx: Vec, b: Vec, weight: (a: number, b: number) => number, rho: (r: number, b: number) => number, phi: (r: number, b: number) => number,
): MeasurementObjective {
  const w = new Float64Array(absAx.length);
  let sum = 0;
  for (let i = 0; i < absAx.length; i++) sum += w[i] = weight(absAx[i] as number, b[i] as number);
  return squaredLoss(b, rho, phi, w, sum);
}

const dot = (a: Vec, b: Vec): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
};

/** Build a solver definition from a PhasePack gradient method. */
export function gradientDescentSolver<O extends GradientDescentOptions>(spec: GradientDescentSpec<O>): SolverDefinition<O, GradientDescentState> {
  return {
    id: spec.id,
    summary: spec.summary,
    needsPrior: false,
    capabilities: { initializers: INITIALIZER_NAMES, ...spec.capabilities },
    defaults: { ...PLAIN_SIGNAL_DEFAULTS, searchMethod: 'steepestDescent', betaChoice: 'HS', ...spec.defaults } as O,
    sharedDefaults: { maxIters: 10000, tol: 1e-6, ...spec.sharedDefaults },
    tolerancePatience: 3,
    validate(options) {
      validatePlainSignalOptions(options);
      if (!SEARCH_METHODS.includes(options.searchMethod)) throw new ArgumentError('options.searchMethod', `one of ${SEARCH_METHODS.join(', ')}`, options.searchMethod);
      if (!BETA_CHOICES.includes(options.betaChoice)) throw new ArgumentError('options.betaChoice', `one of ${BETA_CHOICES.join(', ')}`, options.betaChoice);
      spec.validate?.(options);
    },
    init(ctx: SolverContext<O>) {
      const { options } = ctx;
      const problem = float64Problem(ctx.problem, options.products);
      const geometry = measurementGeometry(problem);
      const x = startingSignal({ ...ctx, problem }, geometry);
      const z = problem.A.apply(x);
      const n = x.length, m = problem.b.length;
      const r = moduli(z, m);
      const objective = spec.objective(x, r, problem.b, options, geometry);
      return {
        problem, geometry, x, z, r, phi: new Float64Array(m), f: objective.f(r), grad: new Float64Array(n), dir: new Float64Array(n), prevDir: new Float64Array(n), prevGrad: new Float64Array(n),
        search: searchMemory(options.searchMethod, options.betaChoice, n), dx: new Float64Array(n),
        tau: 0, maxStep: Number.NEGATIVE_INFINITY, objective: undefined, rebuildNow: true, lastRebuild: 0, iter: 0, backtracks: 0,
        lastFinite: x.slice(), gz: new Float64Array(z.length), initializer: options.init ? 'custom' : options.initializer,
      };
    },
    step(s, { options, rng }): StepReport {
      const { A, b } = s.problem;
      const n = s.x.length;
      s.iter++;
      const m = b.length;
      const gradAt = (z: Vec, out: Vec): Vec => {
        s.objective!.weights(moduli(z, m, s.r), s.phi);
        return A.adjoint(scaleMeasurements(z, s.phi, s.gz), out);
      };
      if (s.iter - s.lastRebuild === spec.period(options)) s.rebuildNow = true;
      if (s.rebuildNow) {
        s.rebuildNow = false;
        s.lastRebuild = s.iter;
        s.objective = spec.objective(s.x, moduli(s.z, m), b, options, s.geometry);
        s.f = s.objective.f(moduli(s.z, m, s.r));
        gradAt(s.z, s.grad);
        resetSearch(s.search, s.iter);
        searchDirection(s.search, s.iter, s.lastRebuild, s.grad, s.prevGrad, s.prevGrad, s.dx, s.dir);
        // 25 / L, L from the gradients at two random points
        const x1 = rng.gaussianVec(n), x2 = rng.gaussianVec(n);
        const g1 = gradAt(A.apply(x1), new Float64Array(n)), g2 = gradAt(A.apply(x2), new Float64Array(n));
        let dg = 0, dxr = 0;
        for (let j = 0; j < n; j++) {
          dg += ((g1[j] as number) - (g2[j] as number)) ** 2;
          dxr += ((x2[j] as number) - (x1[j] as number)) ** 2;
        }
        s.tau = 25 / Math.max(Math.sqrt(dg) / Math.sqrt(dxr), 1e-30);
      } else {
        gradAt(s.z, s.grad);
        const dg = s.grad.map((v, j) => v - (s.prevGrad[j] as number));
        searchDirection(s.search, s.iter, s.lastRebuild, s.grad, s.prevGrad, dg, s.dx, s.dir);
        // adaptive Barzilai–Borwein step from Δx and Δd = d_{t−1} − d_t (= Δ∇f for steepest descent)
        let dd = 0, ds2 = 0;
        for (let j = 0; j < n; j++) {
          const ds = (s.prevDir[j] as number) - (s.dir[j] as number);
          dd += (s.dx[j] as number) * ds;
          ds2 += ds * ds;
        }
        const tauS = dot(s.dx, s.dx) / dd;
        const tauM = Math.max(dd / ds2, 0);
        let tau = 2 * tauM > tauS ? tauM : tauS - tauM / 2;
        if (!(tau > 0) || !Number.isFinite(tau)) tau = s.tau * 1.5;
        s.tau = tau;
      }
      // one step along d with Armijo backtracking (PhasePack: c = 0.1, shrink 0.2, ≤ 20 times)
      const x0 = s.x, f0 = s.f, slope = dot(s.dir, s.grad);
      const x1 = new Float64Array(n);
      let tau = s.tau, f1 = Number.NaN;
      for (let count = 0; ; count++) {
        for (let j = 0; j < n; j++) x1[j] = (x0[j] as number) + tau * (s.dir[j] as number);
        if (!x1.every(Number.isFinite)) {
          f1 = Number.NaN;
        } else {
          A.apply(x1, s.z);
          f1 = s.objective!.f(moduli(s.z, m, s.r));
        }
        if (f1 <= f0 + 0.1 * tau * slope || count >= 20) break;
        s.backtracks++;
        tau *= 0.2;
      }
      s.tau = tau;
      for (let j = 0; j < n; j++) s.dx[j] = (x1[j] as number) - (x0[j] as number);
      s.prevDir.set(s.dir);
      s.prevGrad.set(s.grad);
      s.x = x1;
      s.f = f1;
      if (Number.isFinite(f1)) s.lastFinite = x1;
      const stepNorm = nrm2(s.dx);
      s.maxStep = Math.max(stepNorm, s.maxStep);
      const residual = s.maxStep > 0 ? stepNorm / s.maxStep : 0;
      return { objective: f1, change: Number.isFinite(residual) ? residual : Number.POSITIVE_INFINITY };
    },
    onTolerance(s) {
      s.rebuildNow = true;
    },
    current(s) {
      return { estimate: s.lastFinite.slice(), objective: s.f };
    },
    info(s) {
      return { initializer: s.initializer, stepSize: s.tau, backtracks: s.backtracks };
    },
  };
}
