/**
 * The one solver signature shared by DPR and every baseline (PhasePack style: problem + options →
 * result), and the definition a solver supplies to the shared loop in `run-solver.ts`.
 */
import type { Rng, Vec } from '@dpr/linalg';
import type { Problem } from '../problem.js';
import type { InitializerName } from '../initializers/index.js';

/** What to record in the history, once per iteration (iteration 0 = the initial point). */
export interface RecordOptions {
  /** The solver's objective value (default true). */
  objective?: boolean;
  /** ‖|A y| − b‖ / ‖b‖ (costs one product with A per iteration). */
  residual?: boolean;
  /** Relative error against `problem.truth` (up to sign for plain signals). */
  error?: boolean;
  /** Elapsed milliseconds. */
  time?: boolean;
}

/** Reported to `onIteration` after every iteration. */
export interface IterationInfo {
  iteration: number;
  objective: number;
  /** Relative change of the iterate in this iteration. */
  change: number;
  elapsedMs: number;
  maxIters: number;
  /** The current iterate: y (signal space) and the latent code x of prior solvers (computed on call; e.g. to draw progress). */
  current(): { estimate: Vec; latent?: Vec };
}

/** Options every solver accepts. */
export interface SharedOptions {
  /** Maximum iterations (solver-specific default). */
  maxIters: number;
  /**
   * Stop when the solver's relative residual (its {@link StepReport.change}: for most solvers the
   * relative change of the iterate) falls to tol or below (as many times as the solver's
   * `tolerancePatience` asks).
   */
  tol: number;
  /** Stop after this much wall time (default ∞). */
  maxTimeMs: number;
  /** Seed of every random choice (random starts, restarts). */
  seed: number;
  /** A custom initial point (a latent code in R^k for prior solvers, a signal in R^n otherwise). */
  init: Vec | undefined;
  /** History recording flags. */
  record: RecordOptions;
  /** Called after each iteration; return `'stop'` to stop. */
  onIteration: ((info: IterationInfo) => void | 'stop') | undefined;
  /** Aborts the run (the result so far is returned with stopReason `'aborted'`). */
  signal: AbortSignal | undefined;
}

/** Why a run stopped (`diverged`: the iterate or the objective overflowed to a non-finite value). */
export type StopReason = 'tol' | 'maxIters' | 'maxTime' | 'aborted' | 'callback' | 'diverged';

/** Per-iteration records (only the requested series are present). */
export interface History {
  objective?: number[];
  residual?: number[];
  error?: number[];
  timeMs?: number[];
}

/** What every solver returns. */
export interface SolverResult {
  solver: string;
  /** The recovered signal y* (= G(x*) under a prior). */
  estimate: Vec;
  /** The recovered latent code x* (prior solvers only). */
  latent?: Vec;
  /** Final objective value. */
  objective: number;
  iterations: number;
  stopReason: StopReason;
  history: History;
  /** Wall-clock ms from the solver's `init` (after its `prepare`) to the final estimate. */
  timeMs: number;
  /** Solver-specific extras (e.g. restarts tried, chosen run). */
  info: Record<string, number | string | boolean>;
}

/**
 * What a solver accepts, declared once by its definition and read by the CLI, the sweeps, the
 * browser app and the conformance spec (nobody looks for option names in `defaults`).
 */
export interface SolverCapabilities {
  /** Acts on the latent code of `problem.prior` (y = G(x)); the problem must have a prior. */
  readonly prior: boolean;
  /** Recovers a K-sparse y and needs the `sparsity` option (K). */
  readonly sparsity: boolean;
  /** Accepts complex measurements (a complex operator's real view, b = |A y|; see `realSignalView` and the registry's `dtype`). */
  readonly complex: boolean;
  /** Takes the `restarts` option (R starts, the lowest objective kept), with its default R. */
  readonly restarts: { readonly default: number } | null;
  /** Takes the `initializer` option: the names it accepts and its paper's default. */
  readonly initializers: { readonly names: readonly InitializerName[]; readonly default: InitializerName } | null;
  /** Takes the `nonNegative` option (a signal-domain constraint, e.g. Fienup's HIO update). */
  readonly nonNegative: boolean;
}

/** The capabilities a definition declares (the rest default to false / null; defaults fill in the values). */
export interface CapabilityFlags {
  sparsity?: boolean;
  complex?: boolean;
  restarts?: boolean;
  initializers?: readonly InitializerName[];
  nonNegative?: boolean;
}

/** A solver: one id, its defaults, and `solve`. */
export interface Solver<O extends object = object> {
  readonly id: string;
  readonly summary: string;
  readonly needsPrior: boolean;
  /** What it accepts (typed; see {@link SolverCapabilities}). */
  readonly capabilities: SolverCapabilities;
  /** Defaults of the solver-specific options. */
  readonly defaults: Readonly<O>;
  /** Default shared options for this solver (e.g. its usual maxIters). */
  readonly sharedDefaults: Readonly<Partial<SharedOptions>>;
  solve(problem: Problem, options?: Partial<SharedOptions & O>): SolverResult;
}

/** What the loop hands a solver. */
export interface SolverContext<O extends object> {
  readonly problem: Problem;
  readonly options: Readonly<SharedOptions & O>;
  readonly rng: Rng;
}

/** What a solver's `prepare` allocates: freed by `dispose`. */
export interface SolverWorkspace {
  dispose(): void;
}

/** One step's report to the loop. */
export interface StepReport {
  /** Objective after the step. */
  objective: number;
  /**
   * The relative residual compared with tol: the relative change of the iterate
   * ‖z_{t+1} − z_t‖ / ‖z_t‖ unless the solver documents another (e.g. PhasePack's
   * ‖Δx_t‖ / max_s ‖Δx_s‖).
   */
  change: number;
  /** The solver knows it has converged (e.g. zero residual). */
  converged?: boolean;
}

/**
 * A solver supplies only its state machine; stopping, recording, progress and abort live in
 * {@link runSolver}, written once.
 */
export interface SolverDefinition<O extends object, S, W extends SolverWorkspace | undefined = undefined> {
  id: string;
  summary: string;
  needsPrior: boolean;
  /** The capabilities beyond `needsPrior` (omitted ones are false / absent). */
  capabilities?: CapabilityFlags;
  defaults: O;
  sharedDefaults?: Partial<SharedOptions>;
  /** Throw typed errors for bad solver-specific options. */
  validate?(options: SharedOptions & O, problem: Problem): void;
  /**
   * Allocate, before the run's clock starts (`SolverResult.timeMs`), what depends only on the
   * options, the dimensions, G and A — never on b, the truth or the random draws: e.g. a workspace
   * resident on the backend. It is handed to `init`; `dispose` frees it, or the loop does when
   * `init` throws.
   */
  prepare?(ctx: SolverContext<O>): W;
  /** Build the initial state (iteration 0), with the workspace from `prepare` (if any). */
  init(ctx: SolverContext<O>, workspace: W): S;
  /** Advance one iteration. */
  step(state: S, ctx: SolverContext<O>): StepReport;
  /**
   * How many times the residual must reach tol before the run stops (default 1; PhasePack's
   * gradient methods: 3, its `tolerancePenaltyLimit`). Hits need not be consecutive.
   */
  tolerancePatience?: number;
  /** Called when the residual reaches tol but the patience is not used up (e.g. rebuild the objective). */
  onTolerance?(state: S, ctx: SolverContext<O>): void;
  /**
   * The current estimate y (signal space), latent code if any, and objective. After a step whose
   * objective is not finite, a solver may return its last finite iterate here (the run then ends
   * with stopReason `'diverged'`).
   */
  current(state: S, ctx: SolverContext<O>): { estimate: Vec; latent?: Vec; objective: number };
  /** f at the current state, where that is cheaper than `current` (the loop's first record; default `current(…).objective`). */
  objective?(state: S): number;
  /** Extra result fields. */
  info?(state: S): Record<string, number | string | boolean>;
  /** Frees what `init` allocated outside the JS heap (e.g. resident backend batches); called once when the run ends. */
  dispose?(state: S): void;
}
