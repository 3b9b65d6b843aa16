/**
 * Shared argument validation for every backend, kept apart from the kernels: a backend extends
 * {@link BaseBackend} and implements only the unchecked `kernel*` methods. Resident batches and
 * fused products have a host implementation here (float64 arrays, the backend's own GEMM, then
 * the epilogue in float64) that a backend with device-resident batches (`wasm`) overrides.
 */
import { ArgumentError, ShapeError } from '../errors.js';
import { complexGemm, complexGemv, uploadComplexMatrix, type CMat, type CVec, type ComplexMatrix } from '../complex.js';
import { applyHostEpilogue, type Epilogue, type HostEpilogue } from '../epilogues.js';
import { assertDim, assertFinite, assertFiniteNumber, assertVec, type Mat, type Vec } from '../types.js';
import type { Backend, BackendName, DenseMatrix, ResidentBatch } from './backend.js';

/** Base class for resident matrices and batches: shape, owner and disposal state. */
abstract class Resident {
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
}

/** Base class for resident matrices. */
export abstract class BaseMatrix extends Resident implements DenseMatrix {
  abstract toFloat64Array(): Float64Array;
}

/** Base class for resident batches. */
export abstract class BaseBatch extends Resident implements ResidentBatch {}

/** The host form of a batch: row-major rows × cols float64 (vector j is column j). */
export class HostBatch extends BaseBatch {
  readonly data: Float64Array;
  constructor(rows: number, cols: number, backend: BackendName, owner: Backend) {
    super(rows, cols, backend, owner);
    this.data = new Float64Array(rows * cols);
  }
  protected free(): void {}
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

/** Columns 0 .. count − 1 of a row-major rows × cols array, as a row-major rows × count copy (or the array itself). */
function leadingColumns(data: Float64Array, rows: number, cols: number, count: number): Float64Array {
  if (count === cols) return data;
  const out = new Float64Array(rows * count);
  for (let i = 0; i < rows; i++) out.set(data.subarray(i * cols, i * cols + count), i * count);
  return out;
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
    this.dispatchGemm(transA, alpha, a, bin, beta, C);
    return C;
  }

  /** Complex matrices and products are shared by every backend: they run on its real GEMMs (see `complex.ts`). */
  complexMatrix(re: ArrayLike<number>, im: ArrayLike<number>, rows: number, cols: number): ComplexMatrix {
    return uploadComplexMatrix(this, re, im, rows, cols);
  }

  cgemv(conjTrans: boolean, alpha: number, A: ComplexMatrix, x: CVec, beta: number, y: CVec): CVec {
    return complexGemv(this, conjTrans, alpha, A, x, beta, y);
  }

  cgemm(conjTrans: boolean, alpha: number, A: ComplexMatrix, B: CMat, beta: number, C: CMat): CMat {
    return complexGemm(this, conjTrans, alpha, A, B, beta, C);
  }

  batch(rows: number, cols: number): ResidentBatch {
    this.assertLive();
    assertDim('rows', rows);
    assertDim('cols', cols);
    return this.createBatch(rows, cols);
  }

  writeBatch(X: ResidentBatch, M: Mat): void {
    const x = this.ownBatch('X', X);
    assertMat('M', M);
    if (M.rows !== x.rows) throw new ShapeError('M.rows', `${x.rows} (rows of X)`, M.rows);
    if (M.cols > x.cols) throw new ShapeError('M.cols', `at most ${x.cols} (cols of X)`, M.cols);
    assertFinite('M.data', M.data);
    this.kernelWriteBatch(x, M);
  }

  readBatch(X: ResidentBatch, out: Mat): Mat {
    const x = this.ownBatch('X', X);
    assertMat('out', out);
    if (out.rows !== x.rows) throw new ShapeError('out.rows', `${x.rows} (rows of X)`, out.rows);
    if (out.cols > x.cols) throw new ShapeError('out.cols', `at most ${x.cols} (cols of X)`, out.cols);
    this.kernelReadBatch(x, out);
    return out;
  }

  product(trans: boolean, A: DenseMatrix, X: ResidentBatch, Y: ResidentBatch, epilogue?: Epilogue, count?: number): void {
    const a = this.own('A', A);
    const x = this.ownBatch('X', X), y = this.ownBatch('Y', Y);
    if (x === y) throw new ArgumentError('Y', 'a batch other than X');
    const inDim = trans ? a.rows : a.cols, outDim = trans ? a.cols : a.rows;
    if (x.rows !== inDim) throw new ShapeError('X.rows', `${inDim} (${trans ? 'rows' : 'cols'} of A)`, x.rows);
    if (y.rows !== outDim) throw new ShapeError('Y.rows', `${outDim} (${trans ? 'cols' : 'rows'} of A)`, y.rows);
    const n = count ?? x.cols;
    if (!Number.isSafeInteger(n) || n < 0 || n > Math.min(x.cols, y.cols)) {
      throw new ArgumentError('count', `an integer in 0..${Math.min(x.cols, y.cols)} (vectors in X and Y)`, count);
    }
    if (epilogue !== undefined) this.checkEpilogue(epilogue, outDim, n);
    if (n === 0) return;
    this.kernelProduct(trans, a, x, y, epilogue, n);
  }

  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    this.release();
  }

  get disposed(): boolean {
    return this._disposed;
  }

  /** A new batch (host form; backends with device-resident batches override the batch kernels together). */
  protected createBatch(rows: number, cols: number): BaseBatch {
    return new HostBatch(rows, cols, this.name, this);
  }

  /** Columns of X ← M; validated. */
  protected kernelWriteBatch(X: BaseBatch, M: Mat): void {
    const x = X as HostBatch;
    for (let i = 0; i < M.rows; i++) x.data.set(M.data.subarray(i * M.cols, (i + 1) * M.cols), i * x.cols);
  }

  /** out ← columns of X; validated. */
  protected kernelReadBatch(X: BaseBatch, out: Mat): void {
    const x = X as HostBatch;
    for (let i = 0; i < out.rows; i++) out.data.set(x.data.subarray(i * x.cols, i * x.cols + out.cols), i * out.cols);
  }

  /** Y_c ← epilogue(op(A) X_c), c < count; validated, count ≥ 1. Host form: GEMM, then the float64 epilogue. */
  protected kernelProduct(trans: boolean, A: M, X: BaseBatch, Y: BaseBatch, epilogue: Epilogue | undefined, count: number): void {
    const x = X as HostBatch, y = Y as HostBatch;
    const B: Mat = { rows: x.rows, cols: count, data: leadingColumns(x.data, x.rows, x.cols, count) };
    const C: Mat = { rows: y.rows, cols: count, data: new Float64Array(y.rows * count) };
    this.dispatchGemm(trans, 1, A, B, 0, C);
    const host: HostEpilogue = { epilogue };
    if (epilogue?.kind === 'activation') {
      if (epilogue.bias) host.bias = (epilogue.bias as HostBatch).data;
      if (epilogue.derivative) host.derivative = new Float64Array(y.rows * count);
    } else if (epilogue?.kind === 'scale') {
      const s = epilogue.by as HostBatch;
      host.by = leadingColumns(s.data, s.rows, s.cols, count);
    } else if (epilogue?.kind === 'amplitude') host.b = (epilogue.b as HostBatch).data;
    applyHostEpilogue(host, C.data, y.rows, count);
    for (let i = 0; i < y.rows; i++) y.data.set(C.data.subarray(i * count, (i + 1) * count), i * y.cols);
    if (host.derivative && epilogue?.kind === 'activation') {
      const d = epilogue.derivative as HostBatch;
      for (let i = 0; i < d.rows; i++) d.data.set(host.derivative.subarray(i * count, (i + 1) * count), i * d.cols);
    }
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

  /** One column is a GEMV: its kernels stream A once, without padding B to a SIMD width. */
  private dispatchGemm(trans: boolean, alpha: number, A: M, B: Mat, beta: number, C: Mat): void {
    if (B.cols === 1) this.kernelGemv(trans, alpha, A, B.data, beta, C.data);
    else if (B.cols < this.gemmMinColumns) this.gemmByColumns(trans, alpha, A, B, beta, C);
    else this.kernelGemm(trans, alpha, A, B, beta, C);
  }

  /** A batch of this backend with `rows` rows and at least `cols` columns (no closures: this runs on every product). */
  private checkShaped(parameter: string, B: ResidentBatch, rows: number, cols: number): void {
    const b = this.ownBatch(parameter, B);
    if (b.rows !== rows) throw new ShapeError(`${parameter}.rows`, `${rows} (rows of Y)`, b.rows);
    if (b.cols < cols) throw new ShapeError(`${parameter}.cols`, `at least ${cols}`, b.cols);
  }

  private static checkSums(parameter: string, v: unknown, count: number): void {
    if (!(v instanceof Float64Array) || v.length < count) throw new ArgumentError(parameter, `a Float64Array of length ≥ ${count}`, v);
  }

  private checkEpilogue(e: Epilogue, rows: number, count: number): void {
    switch (e?.kind) {
      case 'activation':
        if (typeof e.activation?.applyInPlace !== 'function') throw new ArgumentError('epilogue.activation', 'an Activation (see activation())', e.activation);
        if (e.bias !== undefined) this.checkShaped('epilogue.bias', e.bias, rows, 1);
        if (e.derivative !== undefined) this.checkShaped('epilogue.derivative', e.derivative, rows, count);
        return;
      case 'scale':
        this.checkShaped('epilogue.by', e.by, rows, count);
        return;
      case 'amplitude':
        this.checkShaped('epilogue.b', e.b, rows, 1);
        if (e.loss !== undefined) BaseBackend.checkSums('epilogue.loss', e.loss, count);
        return;
      case 'sumsq':
        BaseBackend.checkSums('epilogue.out', e.out, count);
        return;
      default:
        throw new ArgumentError('epilogue.kind', "one of 'activation', 'scale', 'amplitude', 'sumsq'", (e as { kind?: unknown })?.kind);
    }
  }

  private own(parameter: string, A: DenseMatrix): M {
    this.assertLive();
    if (!(A instanceof BaseMatrix) || A.owner !== this) {
      throw new ArgumentError(parameter, `a DenseMatrix created by this '${this.name}' backend instance`, A);
    }
    if (A.disposed) throw new ArgumentError(parameter, 'a matrix that has not been disposed');
    return A as M;
  }

  private ownBatch(parameter: string, X: ResidentBatch): BaseBatch {
    this.assertLive();
    if (!(X instanceof BaseBatch) || X.owner !== this) {
      throw new ArgumentError(parameter, `a ResidentBatch created by this '${this.name}' backend instance`, X);
    }
    if (X.disposed) throw new ArgumentError(parameter, 'a batch that has not been disposed');
    return X;
  }
}
