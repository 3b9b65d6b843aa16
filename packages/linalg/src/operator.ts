/**
 * Linear operators: the matrix-free view of A used by solvers (`apply` = A x, `adjoint` = Aᵀ y).
 */
import { nrm2, scal } from './blas/level1.js';
import { ArgumentError, ShapeError } from './errors.js';
import type { Backend, DenseMatrix } from './backends/backend.js';
import { Rng } from './random.js';
import { assertVec, type Mat, type Vec } from './types.js';

/**
 * A linear map from inputs `V` to outputs `V` with its adjoint (Aᵀ for real maps, Aᴴ for complex
 * ones), and optional batched forms on matrices `M` whose columns are the inputs.
 */
export interface LinearMap<V, M> {
  readonly inputDim: number;
  readonly outputDim: number;
  /** out ← A x (allocates when `out` is omitted). */
  apply(x: V, out?: V): V;
  /** out ← the adjoint applied to y (allocates when `out` is omitted). */
  adjoint(y: V, out?: V): V;
  /** Optional batched A X for X of shape inputDim × p. */
  applyBatch?(X: M, out?: M): M;
  /** Optional batched adjoint of Y, Y of shape outputDim × p. */
  adjointBatch?(Y: M, out?: M): M;
}

/** A linear map R^inputDim → R^outputDim with its adjoint Aᵀ (batched: {@link applyBatch}). */
export interface LinearOperator extends LinearMap<Vec, Mat> {}

function columnwise(X: Mat, inDim: number, outDim: number, f: (x: Vec, out: Vec) => Vec, parameter: string): Mat {
  if (X.rows !== inDim) throw new ShapeError(`${parameter}.rows`, `${inDim}`, X.rows);
  const p = X.cols;
  const out: Mat = { rows: outDim, cols: p, data: new Float64Array(outDim * p) };
  const x = new Float64Array(inDim), y = new Float64Array(outDim);
  for (let r = 0; r < p; r++) {
    for (let i = 0; i < inDim; i++) x[i] = X.data[i * p + r] as number;
    f(x, y);
    for (let i = 0; i < outDim; i++) out.data[i * p + r] = y[i] as number;
  }
  return out;
}

/** A X for a batch of columns X (inputDim × p): one GEMM when the operator supports it. */
export function applyBatch(A: LinearOperator, X: Mat): Mat {
  return A.applyBatch ? A.applyBatch(X) : columnwise(X, A.inputDim, A.outputDim, (x, o) => A.apply(x, o), 'X');
}

/** Aᵀ Y for a batch of columns Y (outputDim × p). */
export function adjointBatch(A: LinearOperator, Y: Mat): Mat {
  return A.adjointBatch ? A.adjointBatch(Y) : columnwise(Y, A.outputDim, A.inputDim, (y, o) => A.adjoint(y, o), 'Y');
}

/** A matrix (real or complex) resident on a backend, seen as a map R^cols → R^rows (or C^cols → C^rows). */
export abstract class MatrixOperator<M extends { readonly rows: number; readonly cols: number; dispose(): void }> {
  readonly inputDim: number;
  readonly outputDim: number;
  constructor(
    readonly backend: Backend,
    readonly matrix: M,
  ) {
    this.inputDim = matrix.cols;
    this.outputDim = matrix.rows;
  }

  /** Frees the matrix on its backend. */
  dispose(): void {
    this.matrix.dispose();
  }
}

/** A dense matrix resident on a backend, seen as a {@link LinearOperator}. */
export class DenseOperator extends MatrixOperator<DenseMatrix> implements LinearOperator {

  /** Upload a row-major `rows × cols` array to `backend` and wrap it. */
  static fromArray(backend: Backend, data: ArrayLike<number>, rows: number, cols: number): DenseOperator {
    return new DenseOperator(backend, backend.matrix(data, rows, cols));
  }

  /** Upload a host matrix. */
  static fromMat(backend: Backend, M: Mat): DenseOperator {
    return DenseOperator.fromArray(backend, M.data, M.rows, M.cols);
  }

  apply(x: Vec, out: Vec = new Float64Array(this.outputDim)): Vec {
    return this.backend.gemv(false, 1, this.matrix, x, 0, out);
  }

  adjoint(y: Vec, out: Vec = new Float64Array(this.inputDim)): Vec {
    return this.backend.gemv(true, 1, this.matrix, y, 0, out);
  }

  /** C ← A B for a batch of column vectors B (inputDim × p). */
  applyBatch(B: Mat, C?: Mat): Mat {
    const out = C ?? { rows: this.outputDim, cols: B.cols, data: new Float64Array(this.outputDim * B.cols) };
    return this.backend.gemm(false, 1, this.matrix, B, 0, out);
  }

  /** C ← Aᵀ B for a batch of column vectors B (outputDim × p). */
  adjointBatch(B: Mat, C?: Mat): Mat {
    const out = C ?? { rows: this.inputDim, cols: B.cols, data: new Float64Array(this.inputDim * B.cols) };
    return this.backend.gemm(true, 1, this.matrix, B, 0, out);
  }
}

/** Options of {@link spectralNorm}. */
export interface PowerMethodOptions {
  /** Maximum iterations (default 500). */
  maxIters?: number;
  /** Stop when the estimate changes by less than tol relative (default 1e-10). */
  tol?: number;
  /** Seed of the random start (default 0). */
  seed?: number;
}

/**
 * Spectral norm ‖A‖₂ by the power method on AᵀA.
 * @returns the estimate and the iterations used.
 */
export function spectralNorm(A: LinearOperator, options: PowerMethodOptions = {}): { value: number; iterations: number } {
  const maxIters = options.maxIters ?? 500;
  const tol = options.tol ?? 1e-10;
  if (!Number.isSafeInteger(maxIters) || maxIters < 1) throw new ArgumentError('maxIters', 'a positive integer', maxIters);
  if (!(tol >= 0)) throw new ArgumentError('tol', 'a non-negative number', tol);
  if (A.inputDim === 0 || A.outputDim === 0) return { value: 0, iterations: 0 };
  const rng = new Rng(options.seed ?? 0);
  let v: Vec = rng.gaussianVec(A.inputDim);
  scal(1 / nrm2(v), v);
  const Av = new Float64Array(A.outputDim);
  let w: Vec = new Float64Array(A.inputDim);
  let sigma = 0;
  for (let it = 1; it <= maxIters; it++) {
    A.apply(v, Av);
    const next = nrm2(Av);
    A.adjoint(Av, w);
    const nw = nrm2(w);
    if (nw === 0) return { value: next, iterations: it };
    scal(1 / nw, w);
    [v, w] = [w, v];
    if (Math.abs(next - sigma) <= tol * next) return { value: next, iterations: it };
    sigma = next;
  }
  return { value: sigma, iterations: maxIters };
}

/** Check that `x` fits an operator's input (helper for implementers). */
export function assertInput(A: LinearOperator, x: Vec, parameter = 'x'): void {
  assertVec(parameter, x);
  if (x.length !== A.inputDim) throw new ShapeError(parameter, `length ${A.inputDim}`, x.length);
}
