/**
 * One image recovery from b = |A y0| with any solver, the way Figure 3 runs them:
 *
 * - prior solvers (`dpr-adam`, `dpr`) act on the latent code of the given generator, with their
 *   own restarts (DPR-Adam: R restarts, each from x_1 and −x_1, best by f);
 * - plain-signal solvers (Fienup, Gerchberg-Saxton, Wirtinger Flow, …) act on the pixels directly;
 *   `restarts` R means R seeded runs, the first from the solver's own initializer (spectral /
 *   optimal) and the others from random starts, and the run with the lowest measurement residual
 *   ‖|A y| − b‖ / ‖b‖ is kept (never chosen by the truth);
 * - `sparta` acts on the 2-D DCT coefficients of the image: the operator is A ∘ IDCT, SPARTA
 *   recovers K-sparse coefficients (K = `sparsity`, default {@link DEFAULT_DCT_SPARSITY}) and the
 *   image is their inverse DCT.
 *
 * Fienup runs with its non-negativity constraint (images are non-negative). Runs that diverge (non-finite
 * iterates) are not candidates (errors are not caught: they propagate to the caller); when every run does, the result is the all-zero image with
 * stop reason `diverged` (so the error curves show the failure instead of dropping the point).
 *
 * A plain-signal solver recovers y0 only up to a global sign; images are non-negative, so the sign
 * is fixed without the truth: the estimate is negated when its pixel sum is negative.
 * @see PAPER.md, "Experiments the paper reports", item 2.
 */
import { ArgumentError, deriveSeed, type LinearOperator, type Vec } from '@dpr/linalg';
import type { Generator } from '@dpr/generative-prior';
import { measurementResidual } from '../metrics.js';
import { getSolver } from '../solvers/registry.js';
import type { IterationInfo, SolverResult } from '../solvers/types.js';
import type { ProductPrecision } from '../solvers/plain-signal.js';
import { composeOperators } from '../transforms/compose.js';
import { dct2Operator, idct2 } from '../transforms/dct.js';

/** SPARTA's sparsity K on the 2-D DCT of a 28 × 28 image when none is given. */
export const DEFAULT_DCT_SPARSITY = 50;

/** Options of {@link recoverImage}. */
export interface RecoverImageOptions {
  /** A solver id of `@dpr/phase-retrieval` (`dpr-adam`, `sparta`, `fienup`, `wirtinger-flow`, …). */
  algorithm: string;
  /** The measurement operator A (m × n, n = width · height · channels). */
  A: LinearOperator;
  /** b = |A y0|. */
  b: Vec;
  /** The generator (needed by the prior solvers). */
  prior?: Generator;
  /** Image height (for the DCT of SPARTA). */
  height: number;
  /** Image width (for the DCT of SPARTA). */
  width: number;
  /** Restarts: DPR-Adam's R, or the number of seeded runs of a plain solver (default 1). */
  restarts?: number;
  /** Seed of every random choice. */
  seed: number;
  /** SPARTA's sparsity on the DCT coefficients (default {@link DEFAULT_DCT_SPARSITY}). */
  sparsity?: number;
  /** Iteration cap per run (the solver's default when absent). */
  maxIters?: number;
  /** Stopping tolerance on the relative change of the iterate (the solver's default when absent). */
  tol?: number;
  /** Where the plain-signal solvers' products run (their `products` option; default `float64`). */
  products?: ProductPrecision;
  /** Called after each iteration of every run; `current()` gives the image (SPARTA: after the inverse DCT). */
  onIteration?: (info: IterationInfo) => void | 'stop';
  /** Aborts the runs (each stops with stopReason `'aborted'`). */
  signal?: AbortSignal;
}

/** What {@link recoverImage} returns. */
export interface ImageRecovery {
  /** The recovered image y* (length n). */
  estimate: Float64Array;
  /** ‖|A y*| − b‖ / ‖b‖. */
  residual: number;
  /** Iterations of the kept run. */
  iterations: number;
  /** Stop reason of the kept run. */
  stopReason: string;
  /** Wall time of all runs, milliseconds. */
  timeMs: number;
  /** Which plain-solver run was kept (0 for prior solvers, −1 when every run diverged). */
  chosenRun: number;
}

/** The inverse 2-D DCT as an operator (apply = IDCT, adjoint = DCT). */
function idctOperator(height: number, width: number): LinearOperator {
  const D = dct2Operator(height, width);
  return { inputDim: D.outputDim, outputDim: D.inputDim, apply: (x, out) => D.adjoint(x, out), adjoint: (y, out) => D.apply(y, out) };
}

/** Recover one image (see the module comment for what each kind of solver does). */
export function recoverImage(options: RecoverImageOptions): ImageRecovery {
  const { algorithm, A, b, prior, height, width, seed } = options;
  const restarts = options.restarts ?? 1;
  if (!Number.isSafeInteger(restarts) || restarts < 1) throw new ArgumentError('restarts', 'a positive integer', restarts);
  const solver = getSolver(algorithm);
  const caps: Record<string, unknown> = { ...(options.maxIters === undefined ? {} : { maxIters: options.maxIters }), ...(options.tol === undefined ? {} : { tol: options.tol }) };
  if (options.signal) caps['signal'] = options.signal;
  const t0 = performance.now();
  if (solver.needsPrior) {
    if (!prior) throw new ArgumentError('prior', `a generator (${algorithm} needs one)`, prior);
    const extra = solver.capabilities.restarts ? { restarts } : {};
    const r = solver.solve({ A, b, prior }, { seed, ...caps, ...extra, ...(options.onIteration ? { onIteration: options.onIteration } : {}) });
    const estimate = Float64Array.from(r.estimate);
    return { estimate, residual: measurementResidual(A, estimate, b), iterations: r.iterations, stopReason: r.stopReason, timeMs: performance.now() - t0, chosenRun: 0 };
  }
  const isSparta = solver.capabilities.sparsity;
  if (isSparta && A.inputDim !== height * width) throw new ArgumentError('A', `n = height · width = ${height * width} columns for the DCT`, A.inputDim);
  const op = isSparta ? composeOperators(A, idctOperator(height, width)) : A;
  const onIteration = options.onIteration;
  if (onIteration) {
    caps['onIteration'] = isSparta
      ? (info: IterationInfo) => onIteration({ ...info, current: () => ({ estimate: idct2(info.current().estimate, height, width) }) })
      : onIteration;
  }
  const hasInitializer = solver.capabilities.initializers !== null;
  let best: { estimate: Float64Array; residual: number; r: SolverResult; run: number } | undefined;
  for (let run = 0; run < restarts; run++) {
    const opts: Record<string, unknown> = { seed: deriveSeed(seed, run), ...caps };
    if (isSparta) opts['sparsity'] = options.sparsity ?? DEFAULT_DCT_SPARSITY;
    if (hasInitializer && run > 0) opts['initializer'] = 'random';
    if (options.products !== undefined && 'products' in solver.defaults) opts['products'] = options.products;
    if (solver.capabilities.nonNegative) opts['nonNegative'] = true; // Fienup's object-domain constraint: images are non-negative
    const r: SolverResult = solver.solve({ A: op, b }, opts); // errors propagate; a run that diverges ends with stopReason 'diverged'
    if (r.stopReason === 'diverged' || !r.estimate.every(Number.isFinite)) continue; // diverged: not a candidate
    const y = isSparta ? Float64Array.from(idct2(r.estimate, height, width)) : Float64Array.from(r.estimate);
    let sum = 0;
    for (let i = 0; i < y.length; i++) sum += y[i]!;
    if (sum < 0) for (let i = 0; i < y.length; i++) y[i] = -y[i]!;
    let residual = measurementResidual(A, y, b);
    if (!Number.isFinite(residual)) residual = Infinity;
    if (!best || residual < best.residual) best = { estimate: y, residual, r, run };
  }
  if (!best) {
    // every run diverged or threw: no reconstruction, reported as the all-zero image
    const zero = new Float64Array(A.inputDim);
    return { estimate: zero, residual: measurementResidual(A, zero, b), iterations: 0, stopReason: 'diverged', timeMs: performance.now() - t0, chosenRun: -1 };
  }
  return { estimate: best.estimate, residual: best.residual, iterations: best.r.iterations, stopReason: best.r.stopReason, timeMs: performance.now() - t0, chosenRun: best.run };
}
