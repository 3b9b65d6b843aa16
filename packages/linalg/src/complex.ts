/**
 * Complex vectors and matrices as split real/imaginary float64 buffers (`re`, `im`), and the complex
 * products of every backend.
 *
 * The products reuse the backend's real kernels instead of adding complex kernels: with
 * A = Ar + i·Ai and the right-hand side stacked as real columns S = [Br | Bi],
 *
 *   op(A) B = (Ar S)[:, re] − (Ai S)[:, im] + i·((Ar S)[:, im] + (Ai S)[:, re])        (op = none)
 *   Aᴴ B    = (Arᵀ S)[:, re] + (Aiᵀ S)[:, im] + i·((Arᵀ S)[:, im] − (Aiᵀ S)[:, re])   (op = ᴴ)
 *
 * i.e. exactly two real GEMMs (one per part of A) per complex GEMV or GEMM. Why: every backend's
 * real GEMV/GEMM is tuned (SIMD register blocks on `wasm`, tiled shaders on `gpujs`) and streams A
 * once per call; stacking [Br | Bi] keeps that one pass per part of A, so a complex product costs
 * what two real products of the same width cost and inherits every kernel improvement for free,
 * with nothing complex-specific to maintain per backend. The host combination (four axpys) is
 * O((m + n)·p), negligible next to the O(m·n·p) products.
 */
import { ArgumentError, ShapeError } from './errors.js';
import type { Backend, BackendName, DenseMatrix } from './backends/backend.js';
import { assertDim, assertFinite, assertFiniteNumber, assertVec, type Mat } from './types.js';

/** A complex vector: entry j is re[j] + i·im[j]. */
export interface CVec {
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** A host complex matrix, row-major split parts: entry (i, j) is re[i·cols + j] + i·im[i·cols + j]. */
export interface CMat {
  readonly rows: number;
  readonly cols: number;
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** A complex matrix resident on a backend: its real and imaginary parts as two real matrices. */
export interface ComplexMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly backend: BackendName;
  readonly re: DenseMatrix;
  readonly im: DenseMatrix;
  readonly disposed: boolean;
  /** Frees both parts. */
  dispose(): void;
}

/** A zero complex vector of length n. */
export function cvec(n: number): CVec {
  assertDim('n', n);
  return { re: new Float64Array(n), im: new Float64Array(n) };
}

/** A complex host matrix, zero-filled or wrapping the given parts (each of length rows·cols). */
export function cmat(rows: number, cols: number, re?: Float64Array, im?: Float64Array): CMat {
  assertDim('rows', rows);
  assertDim('cols', cols);
  const len = rows * cols;
  const r = re ?? new Float64Array(len), i = im ?? new Float64Array(len);
  if (r.length !== len) throw new ShapeError('re', `length rows*cols = ${len}`, r.length);
  if (i.length !== len) throw new ShapeError('im', `length rows*cols = ${len}`, i.length);
  return { rows, cols, re: r, im: i };
}

/** Throws unless `x` is a complex vector (two Float64Arrays of one length, `length` if given). */
export function assertCVec(parameter: string, x: unknown, length?: number): asserts x is CVec {
  const v = x as CVec;
  if (typeof v !== 'object' || v === null) throw new ArgumentError(parameter, 'a complex vector { re, im }', x);
  assertVec(`${parameter}.re`, v.re, length);
  assertVec(`${parameter}.im`, v.im, v.re.length);
}

/** ⟨x, y⟩ = Σ conj(x_j) y_j (conjugate-linear in the first argument). */
export function cdot(x: CVec, y: CVec): { re: number; im: number } {
  assertCVec('x', x);
  assertCVec('y', y, x.re.length);
  let re = 0, im = 0;
  for (let j = 0; j < x.re.length; j++) {
    const a = x.re[j] as number, b = x.im[j] as number, c = y.re[j] as number, d = y.im[j] as number;
    re += a * c + b * d;
    im += a * d - b * c;
  }
  return { re, im };
}

/** ‖x‖₂ of a complex vector. */
export function cnrm2(x: CVec): number {
  let s = 0;
  for (let j = 0; j < x.re.length; j++) s += (x.re[j] as number) ** 2 + (x.im[j] as number) ** 2;
  return Math.sqrt(s);
}

/** A complex matrix owned by a backend: two resident real matrices. */
export class SplitComplexMatrix implements ComplexMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly backend: BackendName;
  constructor(
    readonly re: DenseMatrix,
    readonly im: DenseMatrix,
  ) {
    if (re.rows !== im.rows || re.cols !== im.cols) throw new ShapeError('im', `${re.rows} × ${re.cols} (the shape of re)`, `${im.rows} × ${im.cols}`);
    this.rows = re.rows;
    this.cols = re.cols;
    this.backend = re.backend;
  }
  get disposed(): boolean {
    return this.re.disposed;
  }
  dispose(): void {
    this.re.dispose();
    this.im.dispose();
  }
}

/** Upload the split parts of a row-major `rows × cols` complex matrix to `backend`. */
export function uploadComplexMatrix(backend: Backend, re: ArrayLike<number>, im: ArrayLike<number>, rows: number, cols: number): ComplexMatrix {
  const r = backend.matrix(re, rows, cols);
  try {
    return new SplitComplexMatrix(r, backend.matrix(im, rows, cols));
  } catch (e) {
    r.dispose();
    throw e;
  }
}

/**
 * C ← α op(A) B + β C with op(A) = A or Aᴴ (`conjTrans`), α and β real, by two real GEMMs of the
 * backend on the stacked columns [Br | Bi] (see the module comment). When β = 0, C is not read.
 */
export function complexGemm(backend: Backend, conjTrans: boolean, alpha: number, A: ComplexMatrix, B: CMat, beta: number, C: CMat): CMat {
  if (!(A instanceof SplitComplexMatrix)) throw new ArgumentError('A', 'a ComplexMatrix made by backend.complexMatrix', A);
  assertFiniteNumber('alpha', alpha);
  assertFiniteNumber('beta', beta);
  const inDim = conjTrans ? A.rows : A.cols, outDim = conjTrans ? A.cols : A.rows;
  const p = B.cols;
  if (B.rows !== inDim) throw new ShapeError('B.rows', `${inDim} (${conjTrans ? 'rows' : 'cols'} of A)`, B.rows);
  if (C.rows !== outDim) throw new ShapeError('C.rows', `${outDim} (${conjTrans ? 'cols' : 'rows'} of A)`, C.rows);
  if (C.cols !== p) throw new ShapeError('C.cols', `${p} (cols of B)`, C.cols);
  for (const [name, v, len] of [['B.re', B.re, inDim * p], ['B.im', B.im, inDim * p], ['C.re', C.re, outDim * p], ['C.im', C.im, outDim * p]] as const) {
    assertVec(name, v, len);
  }
  assertFinite('B.re', B.re);
  assertFinite('B.im', B.im);
  if (beta !== 0) {
    assertFinite('C.re', C.re);
    assertFinite('C.im', C.im);
  }
  // S = [Br | Bi]: inDim × 2p, one real GEMM per part of A
  const S: Mat = { rows: inDim, cols: 2 * p, data: new Float64Array(inDim * 2 * p) };
  for (let i = 0; i < inDim; i++) {
    S.data.set(B.re.subarray(i * p, (i + 1) * p), i * 2 * p);
    S.data.set(B.im.subarray(i * p, (i + 1) * p), i * 2 * p + p);
  }
  const P: Mat = { rows: outDim, cols: 2 * p, data: new Float64Array(outDim * 2 * p) };
  const Q: Mat = { rows: outDim, cols: 2 * p, data: new Float64Array(outDim * 2 * p) };
  backend.gemm(conjTrans, 1, A.re, S, 0, P);
  backend.gemm(conjTrans, 1, A.im, S, 0, Q);
  const s = conjTrans ? 1 : -1; // sign of the Ai·Bi term in the real part; the Ai·Br term in the imaginary part gets −s
  for (let i = 0; i < outDim; i++) {
    for (let c = 0; c < p; c++) {
      const o = i * 2 * p + c, k = i * p + c;
      const re = (P.data[o] as number) + s * (Q.data[o + p] as number);
      const im = (P.data[o + p] as number) - s * (Q.data[o] as number);
      C.re[k] = alpha * re + (beta === 0 ? 0 : beta * (C.re[k] as number));
      C.im[k] = alpha * im + (beta === 0 ? 0 : beta * (C.im[k] as number));
    }
  }
  return C;
}

/** y ← α op(A) x + β y (op = none or ᴴ), α and β real: {@link complexGemm} with one column. */
export function complexGemv(backend: Backend, conjTrans: boolean, alpha: number, A: ComplexMatrix, x: CVec, beta: number, y: CVec): CVec {
  assertCVec('x', x);
  assertCVec('y', y);
  const inDim = conjTrans ? A.rows : A.cols, outDim = conjTrans ? A.cols : A.rows;
  if (x.re.length !== inDim) throw new ShapeError('x', `length ${inDim} (${conjTrans ? 'rows' : 'cols'} of A)`, x.re.length);
  if (y.re.length !== outDim) throw new ShapeError('y', `length ${outDim} (${conjTrans ? 'cols' : 'rows'} of A)`, y.re.length);
  complexGemm(backend, conjTrans, alpha, A, { rows: inDim, cols: 1, re: x.re, im: x.im }, beta, { rows: outDim, cols: 1, re: y.re, im: y.im });
  return y;
}
