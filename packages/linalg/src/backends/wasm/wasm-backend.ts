/**
 * The `wasm` backend: float32 matrices resident in WebAssembly linear memory, multiplied by the
 * SIMD (f32x4) kernels of `assembly/kernels.ts`. The module is embedded as base64
 * (`generated/kernels.ts`, written by `scripts/build-wasm.mjs`), so it loads in Node and browsers
 * without fs or fetch. Vectors are converted to float32 on the way in; reductions are blocked
 * and finished in float64, and α, β are applied in float64 on the way out.
 */
import { ArgumentError, BackendUnavailableError } from '../../errors.js';
import type { Mat, Vec } from '../../types.js';
import type { Backend } from '../backend.js';
import { BaseBackend, BaseMatrix } from '../base-backend.js';
import { WasmHeap } from './wasm-heap.js';

/** The exports of the kernel module (addresses are byte offsets; see `assembly/kernels.ts`). */
interface Kernels {
  readonly memory: WebAssembly.Memory;
  heapBase(): number;
  gemv(a: number, m: number, ld: number, x: number, y: number): void;
  gemvT(a: number, m: number, ld: number, x: number, t: number, y: number): void;
  gemm(a: number, rowStride: number, stepStride: number, rows: number, inner: number, b: number, ldb: number, c: number): void;
  gemmSkinny(a: number, m: number, ld: number, x: number, p: number, y: number): void;
  gemmSkinnyT(a: number, m: number, ld: number, x: number, p: number, t: number, y: number): void;
}

/**
 * Whether the skinny kernels (`gemmSkinny`/`gemmSkinnyT`: A streamed once per group of 4–6
 * columns, no work on padding columns) beat the 4×8 GEMM for a B of `p` columns. Measured on
 * 1000×500 and 500×1000 A: 1.3–1.6× faster than one GEMV per column for p = 2..7, 1.2–2× faster
 * than the GEMM for 9..23 columns that its 8-wide blocks do not fill; the GEMM is as fast or
 * faster at multiples of 8 and from 24 columns on. So `gemmMinColumns` keeps its default (2):
 * no B goes to one GEMV per column.
 */
const useSkinny = (p: number): boolean => p < 8 || (p < 24 && p % 8 !== 0);

/** Round up to a multiple of 4 floats (16 bytes), the SIMD width. */
const pad4 = (n: number): number => Math.ceil(n / 4) * 4;

/** Copy row-major `rows × cols` entries into `f32` at float index `at`, zero-padding rows to `ld`. */
function writeRows(f32: Float32Array, at: number, data: ArrayLike<number>, rows: number, cols: number, ld: number): void {
  if (ld === cols) {
    f32.set(data, at);
    return;
  }
  const typed = ArrayBuffer.isView(data) ? (data as unknown as Float64Array) : undefined;
  for (let i = 0; i < rows; i++) {
    const row = at + i * ld, src = i * cols;
    if (typed) f32.set(typed.subarray(src, src + cols), row);
    else for (let j = 0; j < cols; j++) f32[row + j] = data[src + j] as number;
    f32.fill(0, row + cols, row + ld);
  }
}

/** A float32 matrix in wasm memory, rows zero-padded to `ld` floats. */
export class WasmMatrix extends BaseMatrix {
  constructor(
    /** Byte address of entry (0, 0). */
    readonly ptr: number,
    /** Floats per stored row (cols rounded up to a multiple of 4). */
    readonly ld: number,
    rows: number,
    cols: number,
    private readonly wasm: WasmBackend,
  ) {
    super(rows, cols, 'wasm', wasm);
  }

  toFloat64Array(): Float64Array {
    if (this.disposed) throw new ArgumentError('matrix', 'a matrix that has not been disposed');
    const f32 = this.wasm.liveHeap().f32, base = this.ptr / 4;
    const out = new Float64Array(this.rows * this.cols);
    for (let i = 0; i < this.rows; i++) out.set(f32.subarray(base + i * this.ld, base + i * this.ld + this.cols), i * this.cols);
    return out;
  }

  protected free(): void {
    this.wasm.releaseBlock(this.ptr);
  }
}

/** WebAssembly SIMD backend; create it with {@link createWasmBackend}. */
export class WasmBackend extends BaseBackend<WasmMatrix> {
  readonly name = 'wasm' as const;
  readonly precision = 32 as const;
  readonly description = 'WebAssembly SIMD (f32x4), float32';
  private kernels: Kernels | undefined;
  private heap: WasmHeap | undefined;
  private scratchPtr = 0;
  private scratchBytes = 0;

  /** Wrap an instantiated kernel module (use {@link createWasmBackend}). */
  constructor(exports: WebAssembly.Exports) {
    super();
    const k = exports as unknown as Kernels;
    this.kernels = k;
    this.heap = new WasmHeap(k.memory, k.heapBase());
  }

  /** Current size of this backend's wasm memory in bytes (it grows on demand, never shrinks). */
  get memoryBytes(): number {
    return this.heap?.byteLength ?? 0;
  }

  /** The heap, or a typed error once the backend is disposed. @internal */
  liveHeap(): WasmHeap {
    this.assertLive();
    return this.heap as WasmHeap;
  }

  /** Free a matrix block (no-op after the backend was disposed). @internal */
  releaseBlock(ptr: number): void {
    this.heap?.release(ptr);
  }

  protected createMatrix(data: ArrayLike<number>, rows: number, cols: number): WasmMatrix {
    const heap = this.liveHeap(), ld = pad4(cols);
    const ptr = heap.alloc(rows * ld * 4);
    writeRows(heap.f32, ptr / 4, data, rows, cols, ld);
    return new WasmMatrix(ptr, ld, rows, cols, this);
  }

  protected kernelGemv(trans: boolean, alpha: number, A: WasmMatrix, x: Vec, beta: number, y: Vec): void {
    const k = this.kernels as Kernels, ld = A.ld;
    // Scratch layout: x (f32, padded to ld when not transposed) | t (f32, ld; transposed only) | y (f64).
    const xBytes = (trans ? pad4(A.rows) : ld) * 4, tBytes = trans ? ld * 4 : 0;
    const s = this.scratch(xBytes + tBytes + (trans ? ld : A.rows) * 8);
    const heap = this.heap as WasmHeap, yp = s + xBytes + tBytes;
    const f32 = heap.f32;
    f32.set(x, s / 4);
    if (!trans) f32.fill(0, s / 4 + x.length, s / 4 + ld);
    if (trans) k.gemvT(A.ptr, A.rows, ld, s, s + xBytes, yp);
    else k.gemv(A.ptr, A.rows, ld, s, yp);
    const f64 = heap.f64, yo = yp / 8;
    if (beta === 0) for (let i = 0; i < y.length; i++) y[i] = alpha * (f64[yo + i] as number);
    else for (let i = 0; i < y.length; i++) y[i] = alpha * (f64[yo + i] as number) + beta * (y[i] as number);
  }

  protected kernelGemm(trans: boolean, alpha: number, A: WasmMatrix, B: Mat, beta: number, C: Mat): void {
    if (useSkinny(B.cols)) {
      if (trans) this.gemmSkinnyT(alpha, A, B, beta, C);
      else this.gemmSkinny(alpha, A, B, beta, C);
      return;
    }
    const k = this.kernels as Kernels;
    const p = B.cols, ldb = pad4(p), inner = B.rows, rows = C.rows;
    const bBytes = inner * ldb * 4;
    const s = this.scratch(bBytes + rows * ldb * 4);
    const f32 = (this.heap as WasmHeap).f32, bo = s / 4, co = bo + inner * ldb;
    writeRows(f32, bo, B.data, inner, p, ldb);
    f32.fill(0, co, co + rows * ldb);
    const rowStride = trans ? 4 : A.ld * 4, stepStride = trans ? A.ld * 4 : 4;
    k.gemm(A.ptr, rowStride, stepStride, rows, inner, s, ldb, s + bBytes);
    const view = (this.heap as WasmHeap).f32, c = C.data;
    for (let i = 0; i < rows; i++) {
      const src = co + i * ldb, dst = i * p;
      if (beta === 0) for (let j = 0; j < p; j++) c[dst + j] = alpha * (view[src + j] as number);
      else for (let j = 0; j < p; j++) c[dst + j] = alpha * (view[src + j] as number) + beta * (c[dst + j] as number);
    }
  }

  /** C ← α A B + β C for skinny B: X = Bᵀ (f32, p × ld, zero-padded) | y (f64, rows × p). */
  private gemmSkinny(alpha: number, A: WasmMatrix, B: Mat, beta: number, C: Mat): void {
    const k = this.kernels as Kernels, ld = A.ld, p = B.cols, inner = B.rows, rows = C.rows;
    const xBytes = p * ld * 4;
    const s = this.scratch(xBytes + rows * p * 8);
    const heap = this.heap as WasmHeap, f32 = heap.f32, b = B.data;
    for (let c = 0; c < p; c++) {
      const row = s / 4 + c * ld;
      for (let j = 0; j < inner; j++) f32[row + j] = b[j * p + c] as number;
      f32.fill(0, row + inner, row + ld);
    }
    k.gemmSkinny(A.ptr, rows, ld, s, p, s + xBytes);
    const f64 = heap.f64, yo = (s + xBytes) / 8, out = C.data, n = rows * p;
    if (beta === 0) for (let i = 0; i < n; i++) out[i] = alpha * (f64[yo + i] as number);
    else for (let i = 0; i < n; i++) out[i] = alpha * (f64[yo + i] as number) + beta * (out[i] as number);
  }

  /** C ← α Aᵀ B + β C for skinny B: X = B (f32, inner × p) | t (f32, 6 × ld) | y = Cᵀ (f64, p × ld). */
  private gemmSkinnyT(alpha: number, A: WasmMatrix, B: Mat, beta: number, C: Mat): void {
    const k = this.kernels as Kernels, ld = A.ld, p = B.cols, rows = C.rows;
    const xBytes = pad4(B.data.length) * 4, tBytes = 6 * ld * 4;
    const s = this.scratch(xBytes + tBytes + p * ld * 8);
    const heap = this.heap as WasmHeap;
    heap.f32.set(B.data, s / 4);
    k.gemmSkinnyT(A.ptr, A.rows, ld, s, p, s + xBytes, s + xBytes + tBytes);
    const f64 = heap.f64, yo = (s + xBytes + tBytes) / 8, out = C.data;
    for (let c = 0; c < p; c++) {
      const src = yo + c * ld;
      if (beta === 0) for (let l = 0; l < rows; l++) out[l * p + c] = alpha * (f64[src + l] as number);
      else for (let l = 0; l < rows; l++) out[l * p + c] = alpha * (f64[src + l] as number) + beta * (out[l * p + c] as number);
    }
  }

  protected release(): void {
    this.heap = undefined;
    this.kernels = undefined;
  }

  /** A scratch block of at least `bytes` bytes, reused across calls. */
  private scratch(bytes: number): number {
    const heap = this.heap as WasmHeap;
    if (bytes > this.scratchBytes) {
      if (this.scratchBytes > 0) heap.release(this.scratchPtr);
      this.scratchPtr = heap.alloc(bytes);
      this.scratchBytes = bytes;
    }
    return this.scratchPtr;
  }
}

let compiled: Promise<WebAssembly.Module> | undefined;

/** Decode and compile the embedded kernel module. */
async function compileKernels(): Promise<WebAssembly.Module> {
  let base64: string;
  try {
    ({ KERNELS_WASM_BASE64: base64 } = await import('./generated/kernels.js'));
  } catch (err) {
    throw new BackendUnavailableError('wasm', 'kernels not built (run `pnpm --filter @dpr/linalg build:wasm`)', { cause: err });
  }
  const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
  try {
    return await WebAssembly.compile(bytes);
  } catch (err) {
    throw new BackendUnavailableError('wasm', `WebAssembly SIMD is not supported here (${String(err)})`, { cause: err });
  }
}

/** The kernel module, compiled once per process (a failed attempt is retried next time). */
function kernelModule(): Promise<WebAssembly.Module> {
  compiled ??= compileKernels().catch((err: unknown) => {
    compiled = undefined;
    throw err;
  });
  return compiled;
}

/**
 * Start a `wasm` backend (its own memory; matrices of several hundred MB fit, up to the 4 GiB
 * wasm32 limit). Throws {@link BackendUnavailableError} if WebAssembly or SIMD is unavailable.
 */
export async function createWasmBackend(): Promise<Backend> {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.compile !== 'function') {
    throw new BackendUnavailableError('wasm', 'WebAssembly is not available');
  }
  const instance = await WebAssembly.instantiate(await kernelModule(), {});
  return new WasmBackend(instance.exports);
}
