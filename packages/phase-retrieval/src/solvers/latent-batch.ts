/**
 * Shared machinery of the prior solvers (DPR, DPR-Adam): evaluating f and v on many latent codes
 * at once (columns of a k × R matrix), one GEMM per layer and per product with A.
 */
import { ArgumentError, adjointBatch, applyBatch, mat, type Mat, type Rng, type Vec } from '@dpr/linalg';
import type { BatchLinearization, Generator } from '@dpr/generative-prior';
import type { Problem } from '../problem.js';
import { amplitudeLossBatch } from '../objectives/amplitude.js';

/** G, A G and f at every column of X, with the linearisation kept for the backward pass. */
export interface BatchPoint {
  X: Mat;
  lin: BatchLinearization;
  /** A G(X), m × R. */
  Z: Mat;
  /** f per column. */
  f: Float64Array;
}

/** Evaluate f at every column of X. */
export function evaluateBatch(problem: Problem, X: Mat): BatchPoint {
  const lin = problem.prior!.linearizeBatch(X);
  const Z = applyBatch(problem.A, lin.value);
  return { X, lin, Z, f: amplitudeLossBatch(Z, problem.b) };
}

/** f only (no linearisation kept): for the negation check. */
export function objectiveBatch(problem: Problem, X: Mat): Float64Array {
  return amplitudeLossBatch(applyBatch(problem.A, problem.prior!.forwardBatch(X)), problem.b);
}

/** The descent directions v(x) of every column: Jᵀ Aᵀ (sgn(AG(x)) ⊙ (|AG(x)| − b)). */
export function descentBatch(problem: Problem, p: BatchPoint): Mat {
  const res = mat(p.Z.rows, p.Z.cols);
  amplitudeLossBatch(p.Z, problem.b, res);
  return p.lin.vjp(adjointBatch(problem.A, res));
}

/** Column r of M. */
export function column(M: Mat, r: number): Vec {
  const out = new Float64Array(M.rows);
  for (let i = 0; i < M.rows; i++) out[i] = M.data[i * M.cols + r] as number;
  return out;
}

/** Columns `runs` of M, in that order. */
export function selectColumns(M: Mat, runs: readonly number[]): Mat {
  const out = mat(M.rows, runs.length);
  for (let i = 0; i < M.rows; i++) runs.forEach((r, j) => (out.data[i * runs.length + j] = M.data[i * M.cols + r] as number));
  return out;
}

/** Squared norms of the columns of M. */
export function columnNorms2(M: Mat): Float64Array {
  const out = new Float64Array(M.cols);
  for (let i = 0; i < M.data.length; i++) {
    const c = i % M.cols;
    out[c] = (out[c] as number) + (M.data[i] as number) ** 2;
  }
  return out;
}

/**
 * R starting codes as the columns of a k × R matrix: `init` (if given) first, then iid N(0, I_k)
 * draws. Zero codes are rejected: x = 0 is a stationary point. `rescale` says whether the codes
 * are to be rescaled by {@link rescaleCodes} (a positively homogeneous G and no given `init`).
 */
export function drawCodes(problem: Problem, rng: Rng, R: number, init: Vec | undefined): { X: Mat; rescale: boolean } {
  const G: Generator = problem.prior!;
  const k = G.latentDim;
  const X = mat(k, R);
  for (let r = 0; r < R; r++) {
    const x = r === 0 && init ? init : rng.gaussianVec(k);
    if (x.every((v) => v === 0)) throw new ArgumentError('options.init', 'a non-zero latent code (x = 0 is a stationary point of f)');
    for (let i = 0; i < k; i++) X.data[i * R + r] = x[i] as number;
  }
  return { X, rescale: G.positivelyHomogeneous === true && !init };
}

/**
 * For a positively homogeneous G (bias-free ReLU nets): x_r ← c_r x_r with c_r = ‖b‖ / ‖A G(x_r)‖
 * (given `nz` = ‖A G(x_r)‖² per column), so that ‖A G(x)‖ = ‖b‖ — the scale at which the data fit
 * can only improve — which makes the start independent of the units of A, W and b. In place.
 */
export function rescaleCodes(X: Mat, nz: ArrayLike<number>, b: Vec): Mat {
  let nb = 0;
  for (const v of b) nb += v * v;
  const R = X.cols;
  for (let r = 0; r < R; r++) {
    const c = (nz[r] as number) > 0 && nb > 0 ? Math.sqrt(nb / (nz[r] as number)) : 1;
    for (let i = 0; i < X.rows; i++) X.data[i * R + r] = c * (X.data[i * R + r] as number);
  }
  return X;
}

/** {@link drawCodes}, rescaled on the host ({@link rescaleCodes}) where it applies. */
export function startingCodes(problem: Problem, rng: Rng, R: number, init: Vec | undefined): Mat {
  const { X, rescale } = drawCodes(problem, rng, R, init);
  return rescale ? rescaleCodes(X, columnNorms2(applyBatch(problem.A, problem.prior!.forwardBatch(X))), problem.b) : X;
}

/** Index of the smallest entry. */
export function argmin(f: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < f.length; i++) if ((f[i] as number) < (f[best] as number)) best = i;
  return best;
}
