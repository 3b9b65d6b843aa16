/**
 * Shared argument validation for every backend, kept apart from the kernels: a backend extends
 * {@link BaseBackend} and implements only the unchecked `kernel*` methods.
 */
import { ArgumentError, ShapeError } from '../errors.js';
import { assertDim, assertFinite, assertFiniteNumber, assertVec, type Mat, type Vec } from '../types.js';
import type { Backend, BackendName, DenseMatrix } from './backend.js';

/** Base class for resident matrices: shape, owner and disposal state. */
export abstract class BaseMatrix implements DenseMatrix {
  private _disposed = false;
  constructor(
    readonly rows: number,
    readonly cols: number,
    readonly backend: BackendName,
    /** The backend instance that owns the memory. */
    readonly owner: Backend,
  ) {}
  get disposed(): boolean {
    return this._disposed;
  }
  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    this.free();
  }
  /** Release backend memory (called once). */
  protected abstract free(): void;
  abstract toFloat64Array(): Float64Array;
}

function overlaps(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (a.buffer !== b.buffer) return false;
  return a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}

function assertMat(parameter: string, M: unknown): asserts M is Mat {
  const m = M as Mat;
  if (typeof m !== 'object' || m === null || !(m.data instanceof Float64Array)) {
    throw new ArgumentError(parameter, 'a Mat { rows, cols, data: Float64Array }', M);
  }
  assertDim(`${parameter}.rows`, m.rows);
  assertDim(`${parameter}.cols`, m.cols);
  if (m.data.length !== m.rows * m.cols) throw new ShapeError(`${parameter}.data`, `length ${m.rows * m.cols}`, m.data.length);
}

/** Validates arguments, handles aliasing, then dispatches to the backend's kernels. */
export abstract class BaseBackend<M extends BaseMatrix> implements Backend {
  abstract readonly name: BackendName;
  abstract readonly precision: 32 | 64;
  abstract readonly description: string;
  private _disposed = false;
  /**
   * Narrower B run as one GEMV per column: a kernel's GEMM pays off only once B fills its
   * register blocks (measured per backend; 2 = always use the GEMM kernel).
   */
  protected readonly gemmMinColumns: number = 2;

  protected abstract createMatrix(data: ArrayLike<number>, rows: number, cols: number): M;
  /** y ← α op(A) x + β y; arguments already validated, x does not alias y, β = 0 means y is write-only. */
  protected abstract kernelGemv(trans: boolean, alpha: number, A: M, x: Vec, beta: number, y: Vec): void;
  /** C ← α op(A) B + β C; validated, B does not alias C. */
  protected abstract kernelGemm(trans: boolean, alpha: number, A: M, B: Mat, beta: number, C: Mat): void;
  protected abstract release(): void;

  matrix(data: ArrayLike<number>, rows: number, cols: number): DenseMatrix {
    this.assertLive();
    assertDim('rows', rows);
    assertDim('cols', cols);
    if (data === null || typeof data !== 'object' || typeof (data as ArrayLike<number>).length !== 'number') {
      throw new ArgumentError('data', 'an array of numbers', data);
    }
    if (data.length !== rows * cols) throw new ShapeError('data', `length rows*cols = ${rows * cols}`, data.length);
    assertFinite('data', data);
    return this.createMatrix(data, rows, cols);
  }

  gemv(trans: boolean, alpha: number, A: DenseMatrix, x: Vec, beta: number, y: Vec): Vec {
    const a = this.own('A', A);
    assertFiniteNumber('alpha', alpha);
    assertFiniteNumber('beta', beta);
    const inDim = trans ? a.rows : a.cols;
    const outDim = trans ? a.cols : a.rows;
    assertVec('x', x);
    assertVec('y', y);
    if (x.length !== inDim) throw new ShapeError('x', `length ${inDim} (${trans ? 'rows' : 'cols'} of A)`, x.length);
    if (y.length !== outDim) throw new ShapeError('y', `length ${outDim} (${trans ? 'cols' : 'rows'} of A)`, y.length);
    assertFinite('x', x);
    if (beta !== 0) assertFinite('y', y);
    const xin = overlaps(x, y) ? x.slice() : x;
    if (outDim === 0) return y;
    if (inDim === 0 || alpha === 0) {
      if (beta === 0) y.fill(0);
      else if (beta !== 1) for (let i = 0; i < y.length; i++) y[i] = beta * (y[i] as number);
      return y;
    }
    this.kernelGemv(trans, alpha, a, xin, beta, y);
    return y;
  }

  gemm(transA: boolean, alpha: number, A: DenseMatrix, B: Mat, beta: number, C: Mat): Mat {
    const a = this.own('A', A);
    assertFiniteNumber('alpha', alpha);
    assertFiniteNumber('beta', beta);
    assertMat('B', B);
    assertMat('C', C);
    const inDim = transA ? a.rows : a.cols;
    const outDim = transA ? a.cols : a.rows;
    if (B.rows !== inDim) throw new ShapeError('B.rows', `${inDim} (${transA ? 'rows' : 'cols'} of A)`, B.rows);
    if (C.rows !== outDim) throw new ShapeError('C.rows', `${outDim} (${transA ? 'cols' : 'rows'} of A)`, C.rows);
    if (C.cols !== B.cols) throw new ShapeError('C.cols', `${B.cols} (cols of B)`, C.cols);
    assertFinite('B.data', B.data);
    if (beta !== 0) assertFinite('C.data', C.data);
    const bin = overlaps(B.data, C.data) ? { rows: B.rows, cols: B.cols, data: B.data.slice() } : B;
    if (C.data.length === 0) return C;
    if (inDim === 0 || alpha === 0) {
      if (beta === 0) C.data.fill(0);
      else if (beta !== 1) for (let i = 0; i < C.data.length; i++) C.data[i] = beta * (C.data[i] as number);
      return C;
    }
    // One column is a GEMV: its kernels stream A once, without padding B to a SIMD width.
    if (bin.cols === 1) this.kernelGemv(transA, alpha, a, bin.data, beta, C.data);
    else if (bin.cols < this.gemmMinColumns) this.gemmByColumns(transA, alpha, a, bin, beta, C);
    else this.kernelGemm(transA, alpha, a, bin, beta, C);
    return C;
  }

  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    this.release();
  }

  /**
   * C ← α op(A) B + β C as one GEMV per column of B: for kernels whose GEMM only pays off once B
   * is wide enough to fill their register blocks.
   */
  protected gemmByColumns(trans: boolean, alpha: number, A: M, B: Mat, beta: number, C: Mat): void {
    const p = B.cols;
    const x = new Float64Array(B.rows), y = new Float64Array(C.rows);
    for (let c = 0; c < p; c++) {
      for (let i = 0; i < B.rows; i++) x[i] = B.data[i * p + c] as number;
      if (beta !== 0) for (let i = 0; i < C.rows; i++) y[i] = C.data[i * p + c] as number;
      this.kernelGemv(trans, alpha, A, x, beta, y);
      for (let i = 0; i < C.rows; i++) C.data[i * p + c] = y[i] as number;
    }
  }

  protected assertLive(): void {
    if (this._disposed) throw new ArgumentError('backend', `a live backend ('${this.name}' was disposed)`);
  }

  private own(parameter: string, A: DenseMatrix): M {
    this.assertLive();
    if (!(A instanceof BaseMatrix) || A.owner !== this) {
      throw new ArgumentError(parameter, `a DenseMatrix created by this '${this.name}' backend instance`, A);
    }
    if (A.disposed) throw new ArgumentError(parameter, 'a matrix that has not been disposed');
    return A as M;
  }
}
