/**
 * The alternating-projection loop shared by Gerchberg–Saxton (error reduction) and Fienup's
 * hybrid input-output, in PhasePack's generalised (non-Fourier) form:
 *
 *   1. z = A g_k,   c = b ⊙ phase(z)                (impose the measured magnitudes)
 *   2. g'_k = argmin_y ‖A y − c‖²                    (back to the signal domain: least squares)
 *   3. g_{k+1} = objectUpdate(g_k, g'_k)             (GS: g'_k; HIO: Fienup's rule)
 *
 * Step 2 runs LSQR warm-started at g_k for at most `maxInnerIters` iterations (PhasePack's
 * `maxInnerIters`, default 10) with tolerance tol/100 (PhasePack passes `opts.tol/100` to MATLAB's
 * lsqr). Warm starting matters: c changes little between outer iterations near convergence, so a
 * few inner iterations solve the subproblem to high accuracy; 10 is also enough from a cold start
 * at m/n ≥ 4 (LSQR converges at rate ≈ √(n/m) on a Gaussian A).
 *
 * The reported objective is ½‖|A g| − b‖² at the current iterate.
 */
import { ArgumentError, lsqr, type Vec } from '@dpr/linalg';
import { amplitudeLoss } from '../objectives/amplitude.js';
import { measurementGeometry, projectMagnitudes, relativeChange, startingSignal, validateInitializer, type PlainSignalOptions } from './plain-signal.js';
import { INITIALIZER_NAMES } from '../initializers/index.js';
import type { CapabilityFlags, SharedOptions, SolverContext, SolverDefinition, StepReport } from './types.js';

/** Options of every alternating-projection solver. */
export interface AlternatingProjectionOptions extends PlainSignalOptions {
  /** LSQR iterations per least-squares subproblem (default 10, PhasePack's `maxInnerIters`). */
  maxInnerIters: number;
}

/** State of the loop (exported for the thin definitions). */
export interface AlternatingProjectionState {
  /** g_k, the current input (the estimate). */
  g: Vec;
  /** A g_k. */
  z: Vec;
  c: Vec;
  f: number;
  /** Total LSQR iterations so far. */
  innerIters: number;
  /** The initializer that produced g_0. */
  initializer: string;
}

/** g_{k+1} from g_k and the least-squares output g'_k; may overwrite `gPrime` and return it. */
export type ObjectUpdate<O> = (g: Vec, gPrime: Vec, options: O) => Vec;

/** What a thin alternating-projection definition supplies. */
export interface AlternatingProjectionSpec<O extends AlternatingProjectionOptions> {
  id: string;
  summary: string;
  defaults: O;
  /** Capabilities beyond the shared `initializer` option (e.g. Fienup's `nonNegative`). */
  capabilities?: CapabilityFlags;
  sharedDefaults?: Partial<SharedOptions>;
  validate?(options: SharedOptions & O): void;
  objectUpdate: ObjectUpdate<O>;
}

/** Build a solver definition from an alternating-projection spec. */
export function alternatingProjectionSolver<O extends AlternatingProjectionOptions>(
  spec: AlternatingProjectionSpec<O>,
): SolverDefinition<O, AlternatingProjectionState> {
  return {
    id: spec.id,
    summary: spec.summary,
    needsPrior: false,
    capabilities: { initializers: INITIALIZER_NAMES, ...spec.capabilities },
    defaults: spec.defaults,
    ...(spec.sharedDefaults ? { sharedDefaults: spec.sharedDefaults } : {}),
    validate(options) {
      validateInitializer(options);
      if (!Number.isSafeInteger(options.maxInnerIters) || options.maxInnerIters < 1) {
        throw new ArgumentError('options.maxInnerIters', 'a positive integer', options.maxInnerIters);
      }
      spec.validate?.(options);
    },
    init(ctx: SolverContext<O>) {
      const g = startingSignal(ctx, measurementGeometry(ctx.problem));
      const z = ctx.problem.A.apply(g);
      return { g, z, c: new Float64Array(z.length), f: amplitudeLoss(z, ctx.problem.b), innerIters: 0, initializer: ctx.options.init ? 'custom' : ctx.options.initializer };
    },
    step(s, { problem, options }): StepReport {
      const { A, b } = problem;
      projectMagnitudes(s.z, b, s.c);
      const ls = lsqr(A, s.c, { x0: s.g, maxIters: options.maxInnerIters, tol: options.tol / 100 });
      s.innerIters += ls.iterations;
      const next = spec.objectUpdate(s.g, ls.x, options);
      let d2 = 0;
      for (let j = 0; j < next.length; j++) d2 += ((next[j] as number) - (s.g[j] as number)) ** 2;
      const change = relativeChange(Math.sqrt(d2), s.g);
      s.g = next;
      A.apply(s.g, s.z);
      s.f = amplitudeLoss(s.z, b);
      return { objective: s.f, change, converged: s.f === 0 };
    },
    current(s) {
      return { estimate: s.g.slice(), objective: s.f };
    },
    info(s) {
      return { initializer: s.initializer, innerIterations: s.innerIters };
    },
  };
}
