/**
 * The one solver loop: option merging (unknown keys are errors), problem validation, stopping
 * (tol, maxIters, maxTimeMs, divergence), recording, progress callbacks and abort, for every solver.
 *
 * Stopping: after each step the solver's relative residual (`StepReport.change`) is compared with
 * tol; the run stops with `'tol'` when it has been ≤ tol `tolerancePatience` times (default once).
 * A step whose objective is not finite, or that the kernels reject because the iterate overflowed,
 * ends the run with `'diverged'` and a complete result (the solver's `current` estimate).
 *
 * The clock (`timeMs`) runs from `init` to the final estimate; a solver's `prepare` (allocations
 * that depend on neither b nor the random start) runs before it.
 */
import { ArgumentError, Rng, assertVec } from '@dpr/linalg';
import { validateProblem, type Problem } from '../problem.js';
import { measurementResidual, relativeError, plainSignalError } from '../metrics.js';
import type { InitializerName } from '../initializers/index.js';
import { CapabilityError, isComplexOperator } from './capability-error.js';
import type { History, SharedOptions, Solver, SolverCapabilities, SolverContext, SolverDefinition, SolverResult, SolverWorkspace, StopReason } from './types.js';

/** Defaults of the shared options (a solver may override maxIters/tol in `sharedDefaults`). */
export const SHARED_DEFAULTS: SharedOptions = {
  maxIters: 1000,
  tol: 1e-10,
  maxTimeMs: Number.POSITIVE_INFINITY,
  seed: 0,
  init: undefined,
  record: { objective: true },
  onIteration: undefined,
  signal: undefined,
};

const SHARED_KEYS = Object.keys(SHARED_DEFAULTS) as (keyof SharedOptions)[];

function validateShared(o: SharedOptions): void {
  if (!Number.isSafeInteger(o.maxIters) || o.maxIters < 0) throw new ArgumentError('options.maxIters', 'a non-negative integer', o.maxIters);
  if (typeof o.tol !== 'number' || !(o.tol >= 0)) throw new ArgumentError('options.tol', 'a non-negative number', o.tol);
  if (typeof o.maxTimeMs !== 'number' || !(o.maxTimeMs > 0)) throw new ArgumentError('options.maxTimeMs', 'a positive number of milliseconds', o.maxTimeMs);
  if (!Number.isSafeInteger(o.seed)) throw new ArgumentError('options.seed', 'a safe integer', o.seed);
  if (o.onIteration !== undefined && typeof o.onIteration !== 'function') throw new ArgumentError('options.onIteration', 'a function', o.onIteration);
  if (o.signal !== undefined && (typeof o.signal !== 'object' || typeof o.signal.aborted !== 'boolean')) {
    throw new ArgumentError('options.signal', 'an AbortSignal', o.signal);
  }
  if (typeof o.record !== 'object' || o.record === null) throw new ArgumentError('options.record', 'an object of flags', o.record);
  for (const k of Object.keys(o.record)) {
    if (!['objective', 'residual', 'error', 'time'].includes(k)) throw new ArgumentError(`options.record.${k}`, 'one of objective, residual, error, time');
  }
}

/** Merge user options over defaults; any key the solver does not know is an error. */
export function mergeOptions<O extends object>(def: SolverDefinition<O, unknown, SolverWorkspace | undefined>, options: object = {}): SharedOptions & O {
  if (typeof options !== 'object' || options === null) throw new ArgumentError('options', 'an object', options);
  const known = new Set<string>([...SHARED_KEYS, ...Object.keys(def.defaults)]);
  for (const key of Object.keys(options)) {
    if (!known.has(key)) {
      throw new ArgumentError(`options.${key}`, `a known option of '${def.id}' (${[...known].sort().join(', ')})`);
    }
  }
  const merged = { ...SHARED_DEFAULTS, ...def.sharedDefaults, ...def.defaults } as Record<string, unknown>;
  for (const [k, v] of Object.entries(options)) if (v !== undefined) merged[k] = v;
  return merged as SharedOptions & O;
}

/** Run a solver definition on a problem. */
export function runSolver<O extends object, S, W extends SolverWorkspace | undefined>(def: SolverDefinition<O, S, W>, problem: Problem, userOptions: object = {}): SolverResult {
  if (isComplexOperator(problem?.A) && !def.capabilities?.complex) throw new CapabilityError(def.id, 'complex', 'problem.A', 'complex measurements need a complex-aware solver');
  validateProblem(problem);
  if (def.needsPrior && problem.prior === undefined) throw new ArgumentError('problem.prior', `a generator (solver '${def.id}' needs a prior)`);
  const options = mergeOptions(def, userOptions);
  validateShared(options);
  if (options.init !== undefined) {
    const dim = def.needsPrior ? problem.prior!.latentDim : problem.A.inputDim;
    assertVec('options.init', options.init, dim);
  }
  def.validate?.(options, problem);
  if (options.record.error && problem.truth === undefined) throw new ArgumentError('options.record.error', 'problem.truth to be given');

  const ctx: SolverContext<O> = { problem, options, rng: new Rng(options.seed) };
  const workspace = def.prepare?.(ctx) as W;
  const t0 = performance.now();
  let state: S;
  try {
    state = def.init(ctx, workspace);
  } catch (e) {
    workspace?.dispose();
    throw e;
  }
  try {
  const history: History = {};
  const rec = options.record;
  const errorOf = (y: Float64Array) => (def.needsPrior ? relativeError(y, problem.truth!) : plainSignalError(problem.A, y, problem.truth!));
  const record = (objective: number) => {
    if (rec.objective ?? true) (history.objective ??= []).push(objective);
    if (rec.residual || rec.error) {
      const { estimate } = def.current(state, ctx);
      if (rec.residual) (history.residual ??= []).push(measurementResidual(problem.A, estimate, problem.b));
      if (rec.error) (history.error ??= []).push(errorOf(estimate));
    }
    if (rec.time) (history.timeMs ??= []).push(performance.now() - t0);
  };
  record(def.objective ? def.objective(state) : def.current(state, ctx).objective);
  const isFiniteState = (): boolean => {
    try {
      return def.current(state, ctx).estimate.every(Number.isFinite);
    } catch {
      return false;
    }
  };

  let iterations = 0;
  let toleranceHits = 0;
  const patience = def.tolerancePatience ?? 1;
  let stopReason: StopReason = 'maxIters';
  while (true) {
    if (options.signal?.aborted) {
      stopReason = 'aborted';
      break;
    }
    if (iterations >= options.maxIters) {
      stopReason = 'maxIters';
      break;
    }
    if (performance.now() - t0 >= options.maxTimeMs) {
      stopReason = 'maxTime';
      break;
    }
    let report;
    try {
      report = def.step(state, ctx);
    } catch (e) {
      // an iterate that overflowed is rejected by the kernels: report divergence, not a crash
      if (e instanceof ArgumentError && !isFiniteState()) {
        stopReason = 'diverged';
        break;
      }
      throw e;
    }
    iterations++;
    if (!Number.isFinite(report.objective)) {
      record(report.objective);
      stopReason = 'diverged';
      break;
    }
    record(report.objective);
    if (options.onIteration) {
      const verdict = options.onIteration({ iteration: iterations, objective: report.objective, change: report.change, elapsedMs: performance.now() - t0, maxIters: options.maxIters, current: () => def.current(state, ctx) });
      if (verdict === 'stop') {
        stopReason = 'callback';
        break;
      }
    }
    if (report.converged) {
      stopReason = 'tol';
      break;
    }
    if (report.change <= options.tol) {
      if (++toleranceHits >= patience) {
        stopReason = 'tol';
        break;
      }
      def.onTolerance?.(state, ctx);
    }
  }
  const final = def.current(state, ctx);
  return {
    solver: def.id,
    estimate: final.estimate,
    ...(final.latent ? { latent: final.latent } : {}),
    objective: final.objective,
    iterations,
    stopReason,
    history,
    timeMs: performance.now() - t0,
    info: def.info?.(state) ?? {},
  };
  } finally {
    def.dispose?.(state);
  }
}

/** The typed capabilities of a definition: its flags, with the default values taken from its defaults. */
function capabilitiesOf<O extends object>(def: SolverDefinition<O, unknown, SolverWorkspace | undefined>): SolverCapabilities {
  const c = def.capabilities ?? {};
  const defaults = def.defaults as { restarts?: unknown; initializer?: unknown };
  const fail = (what: string): never => {
    throw new ArgumentError(`solver '${def.id}'.defaults.${what}`, `a default for the declared capability '${what}'`);
  };
  return {
    prior: def.needsPrior,
    sparsity: c.sparsity ?? false,
    complex: c.complex ?? false,
    restarts: c.restarts ? { default: typeof defaults.restarts === 'number' ? defaults.restarts : fail('restarts') } : null,
    initializers: c.initializers
      ? { names: c.initializers, default: typeof defaults.initializer === 'string' ? (defaults.initializer as InitializerName) : fail('initializer') }
      : null,
    nonNegative: c.nonNegative ?? false,
  };
}

/** Turn a definition into a {@link Solver}. */
export function defineSolver<O extends object, S, W extends SolverWorkspace | undefined = undefined>(def: SolverDefinition<O, S, W>): Solver<O> {
  return {
    id: def.id,
    summary: def.summary,
    needsPrior: def.needsPrior,
    capabilities: capabilitiesOf(def),
    defaults: def.defaults,
    sharedDefaults: def.sharedDefaults ?? {},
    solve: (problem, options) => runSolver(def, problem, options ?? {}),
  };
}
