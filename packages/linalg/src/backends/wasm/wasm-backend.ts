/**
 * The `wasm` backend: float32 matrices resident in WebAssembly linear memory in row panels, and
 * resident float32 batches, multiplied by the SIMD kernels of `assembly/` (see `wasm-kernels.ts`
 * for the two builds). Host vectors are converted to float32 on the way in; products sum in
 * float32 over blocks of 256 terms and finish in float64, and α, β are applied in float64 on the
 * way out. Fused products ({@link Backend.product}) stay in wasm memory from input to epilogue.
 */
import { ArgumentError } from '../../errors.js';
import type { Epilogue } from '../../epilogues.js';
import type { Mat, Vec } from '../../types.js';
import type { Backend } from '../backend.js';
import { BaseBackend, BaseBatch, BaseMatrix } from '../base-backend.js';
import { EPILOGUE_KINDS, kernelModule, type Kernels, type WasmSimd } from './wasm-kernels.js';
import { CONTROL_BYTES, HELPER_OPS, HelperThread, helperThreadSupported, inNodeWorkerThread } from './wasm-helper-thread.js';
import { WasmHeap } from './wasm-heap.js';

/** Round up to a multiple of 4 floats (16 bytes), the SIMD width. */
const pad4 = (n: number): number => Math.ceil(n / 4) * 4;

/** A float32 matrix in wasm memory in row panels (`assembly/panels.ts`): rows padded to 4·panels, columns to `ld`. */
export class WasmMatrix extends BaseMatrix {
  constructor(
    /** Byte address of panel 0. */
    readonly ptr: number,
    /** Floats per stored row (cols rounded up to a multiple of 4). */
    readonly ld: number,
    /** Row panels (rows rounded up to a multiple of 4, divided by 4). */
    readonly panels: number,
    rows: number,
    cols: number,
    private readonly wasm: WasmBackend,
  ) {
    super(rows, cols, 'wasm', wasm);
  }

  toFloat64Array(): Float64Array {
    if (this.disposed) throw new ArgumentError('matrix', 'a matrix that has not been disposed');
    return this.wasm.unpack(this);
  }

  protected free(): void {
    this.wasm.releaseBlock(this.ptr);
  }
}

/** A float32 batch in wasm memory: `cols` vectors one after the other, `stride` floats apart (rows padded with zeros to a multiple of 4). */
export class WasmBatch extends BaseBatch {
  readonly stride: number;
  constructor(
    /** Byte address of vector 0. */
    readonly ptr: number,
    rows: number,
    cols: number,
    private readonly wasm: WasmBackend,
  ) {
    super(rows, cols, 'wasm', wasm);
    this.stride = pad4(rows);
  }
  protected free(): void {
    this.wasm.releaseBlock(this.ptr);
  }
}

/**
 * Products of at least this many flops (2 · rows · columns · vectors of the padded matrix) go on
 * two threads by default: GEMM 1000×1000×64 (1.3e8) does, a GEMV 1000×1000 (2e6) and the DPR
 * products (≤ 1e7 at the paper's sizes with 5 restarts) do not, since waking the helper costs
 * tens of microseconds.
 */
export const DEFAULT_THREAD_MIN_FLOPS = 2 ** 24;

/** The shared memory and module a helper thread instantiates, and when to use it. */
interface Threading {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  minFlops: number;
}

/** WebAssembly SIMD backend; create it with {@link createWasmBackend}. */
export class WasmBackend extends BaseBackend<WasmMatrix> {
  readonly name = 'wasm' as const;
  readonly precision = 32 as const;
  readonly description: string;
  /** Which kernel build runs: `relaxed` (fused multiply-add) or `plain` SIMD. */
  readonly build: 'relaxed' | 'plain';
  private kernels: Kernels | undefined;
  private heap: WasmHeap | undefined;
  /** Threads of large products: 2 when a helper thread may share them (see {@link createWasmBackend}). */
  readonly threads: 1 | 2;
  private scratchPtr = 0;
  private scratchBytes = 0;
  private readonly threading: Threading | undefined;
  private readonly ctrlPtr: number = 0;
  private helper: HelperThread | undefined;
  private threadingFailed = false;

  /** Wrap an instantiated kernel module (use {@link createWasmBackend}); `threading` when its memory is shared. */
  constructor(exports: WebAssembly.Exports, threading?: Threading) {
    super();
    const k = exports as unknown as Kernels;
    this.kernels = k;
    this.heap = new WasmHeap(k.memory, k.heapBase());
    this.build = k.relaxed() ? 'relaxed' : 'plain';
    this.threading = threading;
    this.threads = threading ? 2 : 1;
    if (threading) {
      this.ctrlPtr = this.heap.alloc(CONTROL_BYTES);
      this.heap.f32.fill(0, this.ctrlPtr / 4, (this.ctrlPtr + CONTROL_BYTES) / 4);
    }
    const fma = this.build === 'relaxed' ? ', relaxed-SIMD fused multiply-add' : '';
    const two = threading ? `; 2 threads for products of ≥ ${threading.minFlops.toExponential(1)} flops` : '';
    this.description = `WebAssembly SIMD (f32x4${fma}), float32${two}`;
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

  /** Free a block (no-op after the backend was disposed). @internal */
  releaseBlock(ptr: number): void {
    this.heap?.release(ptr);
  }

  /** Row-major float64 entries of a resident matrix. @internal */
  unpack(A: WasmMatrix): Float64Array {
    const k = this.liveKernels(), ld = A.ld;
    const stage = this.scratch(16 * ld);
    const out = new Float64Array(A.rows * A.cols);
    for (let p = 0; p < A.panels; p++) {
      const rows = Math.min(4, A.rows - 4 * p);
      k.unpackPanel(A.ptr + p * 16 * ld, rows, ld, stage);
      const f32 = (this.heap as WasmHeap).f32, s = stage / 4;
      for (let r = 0; r < rows; r++) out.set(f32.subarray(s + r * ld, s + r * ld + A.cols), (4 * p + r) * A.cols);
    }
    return out;
  }

  protected createMatrix(data: ArrayLike<number>, rows: number, cols: number): WasmMatrix {
    const heap = this.liveHeap(), k = this.kernels as Kernels;
    const ld = pad4(cols), panels = Math.ceil(rows / 4);
    const ptr = heap.alloc(Math.max(1, panels) * ld * 16);
    const stage = this.scratch(16 * ld);
    const typed = ArrayBuffer.isView(data) ? (data as unknown as Float64Array) : undefined;
    for (let p = 0; p < panels; p++) {
      const f32 = heap.f32, s = stage / 4;
      const n = Math.min(4, rows - 4 * p);
      f32.fill(0, s, s + 4 * ld);
      for (let r = 0; r < n; r++) {
        const from = (4 * p + r) * cols;
        if (typed) f32.set(typed.subarray(from, from + cols), s + r * ld);
        else for (let j = 0; j < cols; j++) f32[s + r * ld + j] = data[from + j] as number;
      }
      k.packPanel(stage, n, ld, ptr + p * 16 * ld);
    }
    return new WasmMatrix(ptr, ld, panels, rows, cols, this);
  }

  protected override createBatch(rows: number, cols: number): BaseBatch {
    const heap = this.liveHeap(), stride = pad4(rows);
    const ptr = heap.alloc(Math.max(1, stride * cols) * 4);
    heap.f32.fill(0, ptr / 4, ptr / 4 + stride * cols);
    return new WasmBatch(ptr, rows, cols, this);
  }

  protected override kernelWriteBatch(X: BaseBatch, M: Mat): void {
    const x = X as WasmBatch, f32 = (this.heap as WasmHeap).f32, base = x.ptr / 4, p = M.cols;
    for (let c = 0; c < p; c++) {
      const at = base + c * x.stride;
      for (let i = 0; i < x.rows; i++) f32[at + i] = M.data[i * p + c] as number;
    }
  }

  protected override kernelReadBatch(X: BaseBatch, out: Mat): void {
    const x = X as WasmBatch, f32 = (this.heap as WasmHeap).f32, base = x.ptr / 4, p = out.cols;
    for (let c = 0; c < p; c++) {
      const at = base + c * x.stride;
      for (let i = 0; i < x.rows; i++) out.data[i * p + c] = f32[at + i] as number;
    }
  }

  protected override kernelProduct(trans: boolean, A: WasmMatrix, X: BaseBatch, Y: BaseBatch, epilogue: Epilogue | undefined, count: number): void {
    const k = this.kernels as Kernels, x = X as WasmBatch, y = Y as WasmBatch;
    const ys = trans ? A.ld : 4 * A.panels;
    const yBytes = count * ys * 8, tBytes = trans ? 8 * A.ld : 0;
    const s = this.scratch(yBytes + tBytes + count * 8);
    const t = s + yBytes, sums = t + tBytes;
    let kind: number = EPILOGUE_KINDS.copy, aux = 0, as = 0, d = 0, param = 0;
    switch (epilogue?.kind) {
      case 'activation':
        kind = EPILOGUE_KINDS[epilogue.activation.name];
        param = epilogue.activation.slope;
        if (epilogue.bias) aux = (epilogue.bias as WasmBatch).ptr;
        if (epilogue.derivative) d = (epilogue.derivative as WasmBatch).ptr;
        break;
      case 'scale':
        kind = EPILOGUE_KINDS.scale;
        aux = (epilogue.by as WasmBatch).ptr;
        as = (epilogue.by as WasmBatch).stride;
        break;
      case 'amplitude':
        kind = EPILOGUE_KINDS.amplitude;
        aux = (epilogue.b as WasmBatch).ptr;
        break;
      case 'sumsq':
        kind = EPILOGUE_KINDS.sumsq;
        break;
    }
    const helper = this.helperFor(A, count);
    if (helper) {
      this.multiply(helper, trans, A, x.ptr, x.stride, count, t, s, ys);
      k.finish(kind, s, ys, y.rows, count, y.ptr, y.stride, aux, as, d, param, sums);
    } else k.product(trans ? 1 : 0, A.ptr, A.ld, A.panels, x.ptr, x.stride, count, t, s, kind, y.rows, y.ptr, y.stride, aux, as, d, param, sums);
    const out = epilogue?.kind === 'amplitude' ? epilogue.loss : epilogue?.kind === 'sumsq' ? epilogue.out : undefined;
    if (out) out.set((this.heap as WasmHeap).f64.subarray(sums / 8, sums / 8 + count));
  }

  protected kernelGemv(trans: boolean, alpha: number, A: WasmMatrix, x: Vec, beta: number, y: Vec): void {
    const ld = A.ld;
    // Scratch: x (f32, padded to the input length) | t (f32, transposed only) | y (f64).
    const xs = trans ? 4 * A.panels : ld, ys = trans ? ld : 4 * A.panels;
    const xBytes = xs * 4, tBytes = trans ? 8 * ld : 0;
    const s = this.scratch(xBytes + tBytes + ys * 8);
    const yp = s + xBytes + tBytes, f32 = (this.heap as WasmHeap).f32;
    f32.set(x, s / 4);
    f32.fill(0, s / 4 + x.length, s / 4 + xs);
    this.multiply(this.helperFor(A, 1), trans, A, s, xs, 1, s + xBytes, yp, ys);
    const f64 = (this.heap as WasmHeap).f64, yo = yp / 8;
    if (beta === 0) for (let i = 0; i < y.length; i++) y[i] = alpha * (f64[yo + i] as number);
    else for (let i = 0; i < y.length; i++) y[i] = alpha * (f64[yo + i] as number) + beta * (y[i] as number);
  }

  protected kernelGemm(trans: boolean, alpha: number, A: WasmMatrix, B: Mat, beta: number, C: Mat): void {
    const ld = A.ld, p = B.cols, inner = B.rows;
    // Scratch: Bᵀ (f32, p vectors of xs floats) | t (f32, transposed only) | Cᵀ (f64, p vectors of ys).
    const xs = trans ? 4 * A.panels : ld, ys = trans ? ld : 4 * A.panels;
    const xBytes = p * xs * 4, tBytes = trans ? 8 * ld : 0;
    const s = this.scratch(xBytes + tBytes + p * ys * 8);
    // Row by row of B (reads in order, p write streams that stay in L1), then the padding.
    const f32 = (this.heap as WasmHeap).f32, xo = s / 4, b = B.data;
    for (let j = 0; j < inner; j++) for (let c = 0, at = j * p; c < p; c++) f32[xo + c * xs + j] = b[at + c] as number;
    for (let c = 0; c < p; c++) f32.fill(0, xo + c * xs + inner, xo + (c + 1) * xs);
    const yp = s + xBytes + tBytes;
    this.multiply(this.helperFor(A, p), trans, A, s, xs, p, s + xBytes, yp, ys);
    const f64 = (this.heap as WasmHeap).f64, yo = yp / 8, out = C.data, rows = C.rows;
    // Row by row of C: writes in order, p read streams.
    for (let i = 0; i < rows; i++) {
      const at = i * p;
      if (beta === 0) for (let c = 0; c < p; c++) out[at + c] = alpha * (f64[yo + c * ys + i] as number);
      else for (let c = 0; c < p; c++) out[at + c] = alpha * (f64[yo + c * ys + i] as number) + beta * (out[at + c] as number);
    }
  }

  protected release(): void {
    this.helper?.close();
    this.helper = undefined;
    this.heap = undefined;
    this.kernels = undefined;
  }

  /**
   * y (f64, `ys` per vector) ← op(A) x for the `n` vectors of x (f32, `xs` per vector), `t` the
   * `mtv` scratch (8 · ld bytes): one kernel call, or with `helper` (from {@link helperFor}) chunks
   * shared with the helper thread (row panels of A for `mv`, column chunks for `mtv`; each entry is summed by one
   * call, as on one thread). 16 chunks; the worker's `mtv` scratch starts 8 · chunk floats into t.
   */
  private multiply(helper: HelperThread | undefined, trans: boolean, A: WasmMatrix, x: number, xs: number, n: number, t: number, y: number, ys: number): void {
    const k = this.kernels as Kernels;
    const parts = trans ? A.ld / 4 : A.panels, chunk = Math.ceil(parts / 16);
    const all = (): void => {
      if (trans) k.mtv(A.ptr, A.ld, A.panels, 0, parts, x, xs, n, t, y, ys);
      else k.mv(A.ptr, A.ld, 0, parts, x, xs, n, y, ys);
    };
    if (!helper || parts < 2) return all();
    let shared: boolean;
    if (trans) {
      const workerArgs = [A.ptr, A.ld, A.panels, x, xs, n, t + 32 * chunk, y, ys];
      shared = helper.share(HELPER_OPS.mtv, workerArgs, parts, chunk, (q0, q1) => k.mtv(A.ptr, A.ld, A.panels, q0, q1, x, xs, n, t, y, ys));
    } else {
      shared = helper.share(HELPER_OPS.mv, [A.ptr, A.ld, x, xs, n, y, ys], parts, chunk, (p0, p1) => k.mv(A.ptr, A.ld, p0, p1, x, xs, n, y, ys));
    }
    if (!shared) all();
  }

  /**
   * Start the helper thread now (otherwise the first large product starts it, and products run on
   * one thread until it is up) and resolve once it takes work: true, or false when this backend
   * runs on one thread or the helper did not come up within `timeoutMs`.
   */
  async startThreads(timeoutMs = 10_000): Promise<boolean> {
    this.assertLive();
    const t0 = Date.now();
    for (let helper = this.spawn(); helper && !helper.ready; helper = this.spawn()) {
      if (Date.now() - t0 > timeoutMs) return false;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return this.helper?.ready ?? false;
  }

  /** The helper thread when a product of A with `n` vectors is large enough for it and it is up. */
  private helperFor(A: WasmMatrix, n: number): HelperThread | undefined {
    if (!this.threading || 8 * A.panels * A.ld * n < this.threading.minFlops) return undefined;
    const helper = this.spawn();
    return helper?.ready && helper.wanted() ? helper : undefined;
  }

  /** The helper thread, started on first need; undefined with one thread or when it cannot start. */
  private spawn(): HelperThread | undefined {
    const threading = this.threading;
    if (!threading || this.heap === undefined) return undefined;
    if (!this.helper) {
      try {
        this.helper = HelperThread.start(threading.module, threading.memory, this.ctrlPtr);
      } catch {
        this.threadingFailed = true;
      }
    }
    return this.threadingFailed ? undefined : this.helper;
  }

  private liveKernels(): Kernels {
    this.assertLive();
    return this.kernels as Kernels;
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

/** Options of {@link createWasmBackend}. */
export interface WasmBackendOptions {
  /**
   * Kernel build: `auto` (default) runs the relaxed-SIMD build (fused multiply-add) where the
   * runtime supports it and plain SIMD elsewhere; `relaxed` or `plain` insist on one.
   */
  simd?: WasmSimd;
  /**
   * Threads for large products: 2 lets one persistent helper thread compute half of every product
   * of at least `threadMinFlops` flops, where the runtime has shared wasm memory and workers
   * (Node; browsers only when `crossOriginIsolated`), else one thread; 1 keeps everything on the
   * calling thread. Without this option the environment variable `DPR_THREADS` (`1` or `2`)
   * decides, and without it the default is 2, except in a Node worker thread (a sweep's pool
   * already keeps the cores busy), where it is 1. Results are the same bitwise either way.
   */
  threads?: 1 | 2;
  /** Smallest product (flops, 2 · rows · cols · vectors) given to two threads; default {@link DEFAULT_THREAD_MIN_FLOPS}. */
  threadMinFlops?: number;
}

/** The `threads` option, else `DPR_THREADS`, else 2 (1 in a Node worker thread). */
function threadCount(option: unknown): 1 | 2 {
  if (option !== undefined) {
    if (option !== 1 && option !== 2) throw new ArgumentError('options.threads', '1 or 2', option);
    return option;
  }
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.['DPR_THREADS'];
  if (env === undefined || env === '') return inNodeWorkerThread() ? 1 : 2;
  if (env !== '1' && env !== '2') throw new ArgumentError('DPR_THREADS', "'1' or '2'", env);
  return env === '1' ? 1 : 2;
}

/** A shared memory for the helper thread, or undefined where the runtime refuses one. */
function sharedMemory(): WebAssembly.Memory | undefined {
  try {
    return new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
  } catch {
    return undefined;
  }
}

/**
 * Start a `wasm` backend (its own memory; matrices of several hundred MB fit, up to the 4 GiB
 * wasm32 limit). Throws {@link BackendUnavailableError} if WebAssembly or SIMD is unavailable.
 */
export async function createWasmBackend(options: WasmBackendOptions = {}): Promise<Backend> {
  const simd = options.simd ?? 'auto';
  if (!['auto', 'relaxed', 'plain'].includes(simd)) throw new ArgumentError('options.simd', "'auto', 'relaxed' or 'plain'", simd);
  const minFlops = options.threadMinFlops ?? DEFAULT_THREAD_MIN_FLOPS;
  if (!(minFlops >= 0)) throw new ArgumentError('options.threadMinFlops', 'a number ≥ 0', options.threadMinFlops);
  const memory = threadCount(options.threads) === 2 && helperThreadSupported() ? sharedMemory() : undefined;
  const { module } = await kernelModule(simd, memory !== undefined);
  const instance = await WebAssembly.instantiate(module, memory ? { env: { memory } } : {});
  return new WasmBackend(instance.exports, memory ? { module, memory, minFlops } : undefined);
}
