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
 * Stopping (PhasePack's `solveGerchbergSaxton` / `solveFienup`): the relative residual
 * ‖Aᵀ(A g − c)‖ / ‖c‖ with c = b ⊙ phase(A g), the gradient of the least-squares fit to the
 * projected magnitudes, falls to tol (default 1e-6; at most 10000 iterations). PhasePack checks
 * Fienup's residual at the top of the next iteration, so its iteration count is one higher.
 *
 * The reported objective is ½‖|A g| − b‖² at the current iterate.
 *
 * Complex signals (a complex model's stacked operator, g = [Re g; Im g]): phase(z) = z/|z| and LSQR
 * on the stacked real operator is the complex least-squares fit, as in PhasePack's complex mode.
 */
import { ArgumentError, lsqr, nrm2, type Vec } from '@dpr/linalg';
import { amplitudeLoss } from '../objectives/amplitude.js';
import { float64Problem, measurementGeometry, PLAIN_SIGNAL_DEFAULTS, projectMagnitudes, startingSignal, validatePlainSignalOptions, type PlainSignalOptions } from './plain-signal.js';
import { INITIALIZER_NAMES } from '../initializers/index.js';
import type { Problem } from '../problem.js';
import type { CapabilityFlags, SharedOptions, SolverContext, SolverDefinition, StepReport } from './types.js';

/** Options of every alternating-projection solver. */
export interface AlternatingProjectionOptions extends PlainSignalOptions {
  /** LSQR iterations per least-squares subproblem (default 10, PhasePack's `maxInnerIters`). */
  maxInnerIters: number;
}

/** State of the loop (exported for the thin definitions). */
export interface AlternatingProjectionState {
  /** The problem computed with (float64, see `float64Operator`). */
  problem: Problem;
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
  /** The method's own defaults (`products` defaults to `float64`, see `PlainSignalOptions`). */
  defaults: Omit<O, 'products'>;
  /** Capabilities beyond the shared `initializer` option (e.g. Fienup's `nonNegative`). */
  capabilities?: CapabilityFlags;
  sharedDefaults?: Partial<SharedOptions>;
  validate?(options: SharedOptions & O, problem: Problem): void;
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
    capabilities: { initializers: INITIALIZER_NAMES, complex: true, ...spec.capabilities },
    defaults: { ...PLAIN_SIGNAL_DEFAULTS, ...spec.defaults } as O,
    sharedDefaults: { maxIters: 10000, tol: 1e-6, ...spec.sharedDefaults },
    validate(options, problem) {
      validatePlainSignalOptions(options);
      if (!Number.isSafeInteger(options.maxInnerIters) || options.maxInnerIters < 1) {
        throw new ArgumentError('options.maxInnerIters', 'a positive integer', options.maxInnerIters);
      }
      spec.validate?.(options, problem);
    },
    init(ctx: SolverContext<O>) {
      const problem = float64Problem(ctx.problem, ctx.options.products);
      const g = startingSignal({ ...ctx, problem }, measurementGeometry(problem));
      const z = problem.A.apply(g);
      const c = projectMagnitudes(z, problem.b, new Float64Array(z.length));
      return { problem, g, z, c, f: amplitudeLoss(z, problem.b), innerIters: 0, initializer: ctx.options.init ? 'custom' : ctx.options.initializer };
    },
    step(s, { options }): StepReport {
      const { A, b } = s.problem;
      // s.z = A g_k is LSQR's starting product; A g_{k+1} is formed below, not by LSQR
      const ls = lsqr(A, s.c, { x0: s.g, Ax0: s.z, residual: false, maxIters: options.maxInnerIters, tol: options.tol / 100 });
      s.innerIters += ls.iterations;
      const next = spec.objectUpdate(s.g, ls.x, options);
      s.g = next;
      A.apply(s.g, s.z);
      s.f = amplitudeLoss(s.z, b);
      projectMagnitudes(s.z, b, s.c);
      // PhasePack's residual ‖Aᵀ(A g − c)‖ / ‖c‖
      const r = new Float64Array(s.z.length);
      for (let i = 0; i < r.length; i++) r[i] = (s.z[i] as number) - (s.c[i] as number);
      const nc = nrm2(s.c);
      const residual = nc > 0 ? nrm2(A.adjoint(r)) / nc : 0;
      return { objective: s.f, change: Number.isFinite(residual) ? residual : Number.POSITIVE_INFINITY, converged: s.f === 0 };
    },
    current(s) {
      return { estimate: s.g.slice(), objective: s.f };
    },
    info(s) {
      return { initializer: s.initializer, innerIterations: s.innerIters };
    },
  };
}
