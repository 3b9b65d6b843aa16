/**
 * The wasm FFT (`assembly-fft/fft.ts`, embedded as base64 by `scripts/build-wasm.mjs`): a
 * mixed-radix Stockham transform (radices 4, 2, 3, 5 hard-coded, any other odd radix generic)
 * and, for lengths with a large prime factor, Bluestein's algorithm on a 2·3·5-smooth length.
 * The module is compiled synchronously once per process (it is small, and browsers compile
 * small modules synchronously, in workers and on the main thread), independently of the `wasm`
 * backend; each kernel instantiates it with a memory of its own that holds its tables and data, so
 * a kernel that is no longer referenced is garbage-collected with its memory.
 *
 * 2-D transforms need no transpose: the rows are a batch of 1-D transforms, and the columns are
 * one transform whose every element is a row, i.e. passes with an inner run of W contiguous values.
 */
import { FFT_SIMD_BASE64 } from './generated/fft-wasm.js';
import { decodeWasm } from '../backends/wasm/wasm-kernels.js';
import { WasmHeap } from '../backends/wasm/wasm-heap.js';
import { chirp, goodSize, passes, prefersBluestein, rootTable } from './factor.js';

interface FftExports {
  fftPass(r: number, xr: number, xi: number, yr: number, yi: number, twr: number, twi: number, m: number, S: number, B: number, bs: number, rt: number, scr: number): void;
  cmulBroadcast(xr: number, xi: number, wr: number, wi: number, yr: number, yi: number, len: number, inner: number): void;
}

let compiled: { module?: WebAssembly.Module; error?: unknown } | undefined;

/** The compiled FFT module, or the reason this runtime cannot run it (no WebAssembly, no SIMD). */
export function fftModule(): { module?: WebAssembly.Module; error?: unknown } {
  if (!compiled) {
    try {
      if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available');
      compiled = { module: new WebAssembly.Module(decodeWasm(FFT_SIMD_BASE64)) };
    } catch (error) {
      compiled = { error };
    }
  }
  return compiled;
}

/** Byte addresses of a split complex buffer in the kernel's memory. */
interface Buf {
  re: number;
  im: number;
}

/** Reserve `count` float64 values in `heap`, optionally holding `values`; their byte address. */
function alloc(heap: WasmHeap, count: number, values?: Float64Array): number {
  const at = heap.alloc(8 * count);
  if (values) heap.f64.set(values, at / 8);
  return at;
}

/** A split complex buffer of `count` values in `heap`. */
function buf(heap: WasmHeap, count: number): Buf {
  return { re: alloc(heap, count), im: alloc(heap, count) };
}

/** A length-n forward DFT engine: `run` transforms `count` items of n·inner values in x, the result in x or y. */
interface Engine {
  /** Returns true when the result is in y. */
  run(x: Buf, y: Buf, count: number, inner: number): boolean;
}

/** The mixed-radix Stockham transform, one wasm call per pass (ping-pong between x and y). */
class MixedRadix implements Engine {
  private readonly steps: { r: number; m: number; s: number; tw: Buf; rt: number; scr: number }[];
  constructor(
    private readonly ex: FftExports,
    heap: WasmHeap,
    readonly n: number,
  ) {
    this.steps = passes(n).map(({ r, m, s, twRe, twIm }) => ({
      r, m, s,
      tw: { re: alloc(heap, twRe.length, twRe), im: alloc(heap, twIm.length, twIm) },
      rt: r > 5 ? alloc(heap, 2 * r, rootTable(r)) : 0,
      scr: r > 5 ? alloc(heap, 8 * (r + 1)) : 0,
    }));
  }

  run(x: Buf, y: Buf, count: number, inner: number): boolean {
    let a = x, b = y;
    for (const { r, m, s, tw, rt, scr } of this.steps) {
      this.ex.fftPass(r, a.re, a.im, b.re, b.im, tw.re, tw.im, m, s * inner, count, this.n * inner, rt, scr);
      [a, b] = [b, a];
    }
    return a === y;
  }
}

/**
 * Bluestein's algorithm: X_k = w_k Σ_j (x_j w_j) conj(w_{k−j}) with the chirp w_j = e^{−πi j²/n},
 * the convolution circular of a 2·3·5-smooth length M ≥ 2n − 1, by the mixed-radix transform.
 */
class Bluestein implements Engine {
  private readonly inner: MixedRadix;
  private readonly M: number;
  private readonly w: Buf;
  /** FFT_M of the wrapped conjugate chirp, over M. */
  private readonly kernel: Buf;
  private readonly a: Buf;
  private readonly b: Buf;
  constructor(
    private readonly ex: FftExports,
    private readonly heap: WasmHeap,
    readonly n: number,
    maxInner: number,
  ) {
    const M = (this.M = goodSize(2 * n - 1));
    this.inner = new MixedRadix(ex, heap, M);
    const w = chirp(n);
    this.w = { re: alloc(heap, n, w.re), im: alloc(heap, n, w.im) };
    const kr = new Float64Array(M), ki = new Float64Array(M);
    for (let j = 0; j < n; j++) {
      kr[j] = kr[(M - j) % M] = (w.re[j] as number) / M;
      ki[j] = ki[(M - j) % M] = -(w.im[j] as number) / M;
    }
    this.kernel = { re: alloc(heap, M, kr), im: alloc(heap, M, ki) };
    this.a = buf(heap, M * maxInner);
    this.b = buf(heap, M * maxInner);
    const where = this.inner.run(this.kernel, this.a, 1, 1) ? this.a : this.kernel;
    if (where !== this.kernel) {
      const f = this.heap.f64;
      f.copyWithin(this.kernel.re / 8, where.re / 8, where.re / 8 + M);
      f.copyWithin(this.kernel.im / 8, where.im / 8, where.im / 8 + M);
    }
  }

  run(x: Buf, _y: Buf, count: number, inner: number): boolean {
    const { n, M, w, kernel, a, b, ex } = this;
    for (let item = 0; item < count; item++) {
      const xi: Buf = { re: x.re + item * n * inner * 8, im: x.im + item * n * inner * 8 };
      ex.cmulBroadcast(xi.re, xi.im, w.re, w.im, a.re, a.im, n, inner);
      const f = this.heap.f64;
      f.fill(0, a.re / 8 + n * inner, a.re / 8 + M * inner);
      f.fill(0, a.im / 8 + n * inner, a.im / 8 + M * inner);
      const [r, o] = this.inner.run(a, b, 1, inner) ? [b, a] : [a, b];
      ex.cmulBroadcast(r.re, r.im, kernel.re, kernel.im, r.re, r.im, M, inner);
      // the inverse transform is the forward one on swapped real and imaginary parts
      const c = this.inner.run({ re: r.im, im: r.re }, { re: o.im, im: o.re }, 1, inner) ? o : r;
      ex.cmulBroadcast(c.re, c.im, w.re, w.im, xi.re, xi.im, n, inner);
    }
    return false;
  }
}

/** Complex values per batch chunk: 2^20, i.e. 32 MiB of data and work buffers in the kernel's memory. */
const CHUNK_VALUES = 1 << 20;

/** A wasm FFT kernel for one shape ([n] or [H, W], row-major), `count` items at a time. */
export class WasmFft {
  readonly algorithm: 'mixed-radix' | 'bluestein';
  private readonly heap: WasmHeap;
  private readonly engines: Engine[];
  private readonly size: number;
  private capacity = 0;
  private x: Buf = { re: 0, im: 0 };
  private y: Buf = { re: 0, im: 0 };

  constructor(
    module: WebAssembly.Module,
    private readonly dims: readonly number[],
  ) {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const ex = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as FftExports;
    this.heap = new WasmHeap(memory, 0);
    this.size = dims.reduce((p, d) => p * d, 1);
    const byLength = new Map<number, Engine>();
    // the last dimension has inner run 1; the first of a 2-D shape has the row length
    const maxInner = dims.length === 2 ? (dims[1] as number) : 1;
    this.engines = dims.map((len) => {
      let e = byLength.get(len);
      if (!e) byLength.set(len, (e = prefersBluestein(len) ? new Bluestein(ex, this.heap, len, maxInner) : new MixedRadix(ex, this.heap, len)));
      return e;
    });
    this.algorithm = this.engines.some((e) => e instanceof Bluestein) ? 'bluestein' : 'mixed-radix';
  }

  /** In place on `count` consecutive items: forward DFT, or (inverse) the unnormalised inverse. */
  transform(re: Float64Array, im: Float64Array, count: number, inverse: boolean): void {
    // batches go through the kernel's memory a chunk of at most CHUNK_VALUES values (or one item) at a time
    const chunk = Math.max(1, Math.min(count, Math.floor(CHUNK_VALUES / this.size)));
    if (chunk > this.capacity) this.grow(chunk);
    // inverse DFT = the forward one with real and imaginary parts swapped, in and out
    const [inRe, inIm] = inverse ? [im, re] : [re, im];
    for (let first = 0; first < count; first += chunk) {
      const items = Math.min(chunk, count - first), from = first * this.size, to = from + items * this.size;
      this.run(inRe.subarray(from, to), inIm.subarray(from, to), items);
    }
  }

  private run(re: Float64Array, im: Float64Array, count: number): void {
    const f = this.heap.f64;
    f.set(re, this.x.re / 8);
    f.set(im, this.x.im / 8);
    let cur = this.x, other = this.y;
    const { dims, engines } = this;
    if (dims.length === 1) {
      if ((engines[0] as Engine).run(cur, other, count, 1)) [cur, other] = [other, cur];
    } else {
      const [H, W] = dims as [number, number];
      if ((engines[1] as Engine).run(cur, other, count * H, 1)) [cur, other] = [other, cur];
      if ((engines[0] as Engine).run(cur, other, count, W)) [cur, other] = [other, cur];
    }
    re.set(f.subarray(cur.re / 8, cur.re / 8 + re.length));
    im.set(f.subarray(cur.im / 8, cur.im / 8 + im.length));
  }

  private grow(count: number): void {
    if (this.capacity > 0) for (const at of [this.x.re, this.x.im, this.y.re, this.y.im]) this.heap.release(at);
    this.x = buf(this.heap, count * this.size);
    this.y = buf(this.heap, count * this.size);
    this.capacity = count;
  }
}
