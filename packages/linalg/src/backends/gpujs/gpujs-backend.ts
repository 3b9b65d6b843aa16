/**
 * The `gpujs` backend: gpu.js WebGL kernels in float32 (`headlessgl` in Node, `webgl2`/`webgl` in
 * browsers; never gpu.js's CPU modes).
 *
 * - A matrix is uploaded once, as 2D float textures (4 entries per texel), and stays resident;
 *   matrices beyond MAX_TEXTURE_SIZE or 2^24 entries are split into row/column tiles.
 * - Kernels are compiled per (operation, tile shape) with loop bounds as `constants` (no
 *   `loopMaxIterations` cap) and cached; the upload kernel uses `pipeline + immutable` so every
 *   upload gets its own texture.
 * - GEMV splits each dot product into chunks of {@link CHUNK} so that a short, wide matrix still
 *   gives the GPU many threads; chunk and tile partial sums, α and β are applied on the host in
 *   float64. GEMM takes host B and C: B is uploaded per call, α op(A) B is read back.
 */
import { BackendUnavailableError } from '../../errors.js';
import type { Mat, Vec } from '../../types.js';
import type { Backend } from '../backend.js';
import { BaseBackend, BaseMatrix } from '../base-backend.js';
import { glDriverInfo } from './detect.js';
import { GlRuntime, type GpuKernel, type GpuTexture } from './runtime.js';
import { MAX_TILE_ELEMENTS, spans, tileShape, type Span } from './tiling.js';

/** Length of the dot-product chunk each GEMV thread sums. */
export const CHUNK = 256;

/** Compute kernels kept compiled at once (upload kernels are kept while the backend lives). */
const KERNEL_CACHE_LIMIT = 64;

// Kernel sources as text (gpu.js parses them; text survives any transpiler). `a` is one tile of A,
// read a[row][col]; loop bounds are compile-time constants.
const UPLOAD = 'function (a) { return a[this.thread.y][this.thread.x]; }';
const GEMV_N = `function (a, x) {
  let s = 0;
  const j0 = this.thread.x * this.constants.chunk;
  for (let k = 0; k < this.constants.chunk; k++) {
    const j = j0 + k;
    if (j < this.constants.len) { s += a[this.thread.y][j] * x[j]; }
  }
  return s;
}`;
const GEMV_T = `function (a, x) {
  let s = 0;
  const i0 = this.thread.x * this.constants.chunk;
  for (let k = 0; k < this.constants.chunk; k++) {
    const i = i0 + k;
    if (i < this.constants.len) { s += a[i][this.thread.y] * x[i]; }
  }
  return s;
}`;
const GEMM_N = `function (a, b) {
  let s = 0;
  for (let l = 0; l < this.constants.len; l++) { s += a[this.thread.y][l] * b[l][this.thread.x]; }
  return s;
}`;
const GEMM_T = `function (a, b) {
  let s = 0;
  for (let l = 0; l < this.constants.len; l++) { s += a[l][this.thread.y] * b[l][this.thread.x]; }
  return s;
}`;

interface Tile {
  readonly rows: Span;
  readonly cols: Span;
  readonly texture: GpuTexture;
}

class GpuJsMatrix extends BaseMatrix {
  constructor(
    readonly tiles: readonly Tile[],
    rows: number,
    cols: number,
    private readonly gpujs: GpuJsBackend,
  ) {
    super(rows, cols, 'gpujs', gpujs);
  }
  toFloat64Array(): Float64Array {
    const out = new Float64Array(this.rows * this.cols);
    for (const t of this.tiles) {
      rowsOf(t.texture.toArray()).forEach((row, i) => {
        for (let j = 0; j < t.cols.size; j++) out[(t.rows.start + i) * this.cols + t.cols.start + j] = row[j] as number;
      });
    }
    return out;
  }
  protected free(): void {
    if (this.gpujs.live) for (const t of this.tiles) t.texture.delete();
  }
}

/** A kernel's 1- or 2-D result as rows. */
function rowsOf(out: unknown): Float32Array[] {
  return out instanceof Float32Array ? [out] : (out as Float32Array[]);
}

/** Options of {@link createGpuJsBackend}, mainly to exercise tiling in tests. */
export interface GpuJsBackendOptions {
  /** Cap on a tile side (default and maximum: the context's MAX_TEXTURE_SIZE). */
  maxTextureSize?: number;
  /** Cap on the entries of one tile (default and maximum 2^24). */
  maxTileElements?: number;
}

/** gpu.js WebGL backend; create it with {@link createGpuJsBackend}. */
export class GpuJsBackend extends BaseBackend<GpuJsMatrix> {
  readonly name = 'gpujs' as const;
  readonly precision = 32 as const;
  /** Whether the WebGL context is still alive. */
  live = true;
  private readonly uploads = new Map<string, GpuKernel>();
  private readonly kernels = new Map<string, GpuKernel>();
  private readonly maxSide: number;
  private readonly maxElements: number;

  constructor(
    private readonly rt: GlRuntime,
    readonly description: string,
    options: GpuJsBackendOptions = {},
  ) {
    super();
    this.maxSide = Math.max(1, Math.min(rt.maxTextureSize, options.maxTextureSize ?? Infinity));
    this.maxElements = Math.max(1, Math.min(MAX_TILE_ELEMENTS, options.maxTileElements ?? Infinity));
  }

  protected createMatrix(data: ArrayLike<number>, rows: number, cols: number): GpuJsMatrix {
    const shape = tileShape(rows, cols, this.maxSide, this.maxElements);
    const tiles: Tile[] = [];
    try {
      for (const rs of spans(rows, shape.rows)) {
        for (const cs of spans(cols, shape.cols)) {
          const block = new Float32Array(rs.size * cs.size);
          for (let i = 0; i < rs.size; i++) {
            const from = (rs.start + i) * cols + cs.start;
            for (let j = 0; j < cs.size; j++) block[i * cs.size + j] = data[from + j] as number;
          }
          const k = this.cached(this.uploads, `upload:${rs.size}x${cs.size}`, UPLOAD, {
            output: [cs.size, rs.size], pipeline: true, immutable: true, optimizeFloatMemory: true,
          });
          tiles.push({ rows: rs, cols: cs, texture: this.rt.run(k, this.rt.input2d(block, rs.size, cs.size)) as GpuTexture });
        }
      }
    } catch (err) {
      for (const t of tiles) t.texture.delete();
      throw err;
    }
    return new GpuJsMatrix(tiles, rows, cols, this);
  }

  protected kernelGemv(trans: boolean, alpha: number, A: GpuJsMatrix, x: Vec, beta: number, y: Vec): void {
    const xf = Float32Array.from(x);
    const acc = new Float64Array(y.length);
    for (const t of A.tiles) {
      const inSpan = trans ? t.rows : t.cols, outSpan = trans ? t.cols : t.rows;
      const chunk = Math.min(CHUNK, inSpan.size), parts = Math.ceil(inSpan.size / chunk);
      const k = this.compute(`gemv${trans ? 'T' : 'N'}:${t.rows.size}x${t.cols.size}`, trans ? GEMV_T : GEMV_N, {
        output: [parts, outSpan.size], constants: { len: inSpan.size, chunk },
      });
      const out = rowsOf(this.rt.run(k, t.texture, xf.slice(inSpan.start, inSpan.start + inSpan.size)));
      for (let i = 0; i < outSpan.size; i++) {
        const row = out[i] as Float32Array;
        let s = 0;
        for (let q = 0; q < parts; q++) s += row[q] as number;
        acc[outSpan.start + i] = (acc[outSpan.start + i] as number) + s;
      }
    }
    for (let i = 0; i < y.length; i++) y[i] = alpha * (acc[i] as number) + (beta === 0 ? 0 : beta * (y[i] as number));
  }

  protected kernelGemm(trans: boolean, alpha: number, A: GpuJsMatrix, B: Mat, beta: number, C: Mat): void {
    const p = B.cols;
    const acc = new Float64Array(C.data.length);
    for (const t of A.tiles) {
      const inSpan = trans ? t.rows : t.cols, outSpan = trans ? t.cols : t.rows;
      // B is uploaded in column blocks that keep the B block and the output within the tile limits.
      const step = Math.max(1, Math.min(this.maxSide, Math.floor(this.maxElements / Math.max(inSpan.size, outSpan.size))));
      for (const js of spans(p, step)) {
        const b = new Float32Array(inSpan.size * js.size);
        for (let l = 0; l < inSpan.size; l++) {
          const from = (inSpan.start + l) * p + js.start;
          for (let j = 0; j < js.size; j++) b[l * js.size + j] = B.data[from + j] as number;
        }
        const k = this.compute(`gemm${trans ? 'T' : 'N'}:${t.rows.size}x${t.cols.size}:${js.size}`, trans ? GEMM_T : GEMM_N, {
          output: [js.size, outSpan.size], constants: { len: inSpan.size },
        });
        const out = rowsOf(this.rt.run(k, t.texture, this.rt.input2d(b, inSpan.size, js.size)));
        for (let i = 0; i < outSpan.size; i++) {
          const row = out[i] as Float32Array, base = (outSpan.start + i) * p + js.start;
          for (let j = 0; j < js.size; j++) acc[base + j] = (acc[base + j] as number) + (row[j] as number);
        }
      }
    }
    const c = C.data;
    for (let i = 0; i < c.length; i++) c[i] = alpha * (acc[i] as number) + (beta === 0 ? 0 : beta * (c[i] as number));
  }

  protected release(): void {
    this.live = false;
    this.uploads.clear();
    this.kernels.clear();
    this.rt.destroy();
  }

  /** A compute kernel from the cache, evicting the least recently used beyond the limit. */
  private compute(key: string, source: string, settings: Record<string, unknown>): GpuKernel {
    const k = this.cached(this.kernels, key, source, settings);
    this.kernels.delete(key);
    this.kernels.set(key, k);
    if (this.kernels.size > KERNEL_CACHE_LIMIT) {
      const [oldKey, old] = this.kernels.entries().next().value as [string, GpuKernel];
      this.kernels.delete(oldKey);
      old.destroy();
    }
    return k;
  }

  private cached(cache: Map<string, GpuKernel>, key: string, source: string, settings: Record<string, unknown>): GpuKernel {
    let k = cache.get(key);
    if (!k) {
      k = this.rt.kernel(source, settings);
      cache.set(key, k);
    }
    return k;
  }
}

/** Check on a tiny problem that the WebGL kernels run and give exact small-integer answers. */
function selfTest(b: Backend): void {
  const A = b.matrix([1, 2, 3, 4, 5, 6], 2, 3);
  try {
    const y = b.gemv(false, 1, A, new Float64Array([1, 1, 1]), 0, new Float64Array(2));
    const z = b.gemv(true, 1, A, new Float64Array([1, 2]), 0, new Float64Array(3));
    const got = [...y, ...z].join(',');
    if (got !== '6,15,9,12,15') throw new BackendUnavailableError('gpujs', `WebGL self-test gave [${got}], expected [6,15,9,12,15]`);
  } finally {
    A.dispose();
  }
}

/**
 * Start the gpujs backend on real WebGL (`headlessgl` in Node, which on Linux needs an X server,
 * e.g. `xvfb-run`; `webgl2`/`webgl` in browsers) and self-test it.
 *
 * @throws {@link BackendUnavailableError} when gpu.js or a working float32 WebGL context is
 * missing; gpu.js's CPU modes are never used.
 */
export async function createGpuJsBackend(options: GpuJsBackendOptions = {}): Promise<Backend> {
  const rt = await GlRuntime.start();
  const driver = await glDriverInfo();
  const backend = new GpuJsBackend(rt, `gpu.js ${rt.mode} (float32 WebGL) on ${driver.renderer}, max texture ${rt.maxTextureSize}`, options);
  try {
    selfTest(backend);
  } catch (err) {
    backend.dispose();
    throw err instanceof BackendUnavailableError ? err : new BackendUnavailableError('gpujs', `WebGL self-test failed: ${String(err)}`, { cause: err });
  }
  return backend;
}

/**
 * Whether gpu.js runs on a real hardware GPU here (not Mesa llvmpipe/softpipe, SwiftShader or
 * another software rasterizer). Decided from the GL driver the context loaded, not from renderer
 * strings (see `detect.ts`); cached after the first call. Never throws.
 */
export async function detectRealGpu(): Promise<boolean> {
  return (await glDriverInfo()).hardware;
}
