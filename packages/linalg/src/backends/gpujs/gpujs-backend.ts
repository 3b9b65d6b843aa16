/**
 * The `gpujs` backend: gpu.js WebGL kernels in float32 (`headlessgl` in Node, `webgl2`/`webgl` in
 * browsers; never gpu.js's CPU modes).
 *
 * - A matrix is uploaded once and stays resident as RGBA float textures, one texel holding four
 *   consecutive entries of a row; matrices beyond MAX_TEXTURE_SIZE or 2^24 entries are split into
 *   row/column tiles. The upload kernel is `pipeline + immutable`, so every upload keeps its own
 *   texture.
 * - Kernels are compiled per (operation, tile shape) with loop bounds as `constants` (so no
 *   `loopMaxIterations` cap applies) and cached.
 * - GEMV splits each dot product into chunks of {@link CHUNK} so that a short, wide matrix still
 *   gives the GPU many threads; chunk and tile partial sums, α and β are applied on the host in
 *   float64. GEMM takes host B and C: B is uploaded (and packed 4 rows per texel) per call, and
 *   α op(A) B is read back.
 */
import { BackendUnavailableError } from '../../errors.js';
import type { Mat, Vec } from '../../types.js';
import type { Backend } from '../backend.js';
import { BaseBackend, BaseMatrix } from '../base-backend.js';
import { detectRealGpu as detect, glDriverInfo } from './detect.js';
import { GlRuntime, type GpuKernel, type GpuTexture } from './runtime.js';
import { MAX_TILE_ELEMENTS, spans, tileShape, type Span } from './tiling.js';

/** Length of the dot-product chunk each GEMV thread sums. */
export const CHUNK = 256;

/** Compute kernels kept compiled at once (upload kernels are kept while the backend lives). */
const KERNEL_CACHE_LIMIT = 64;

// Kernel sources as text (gpu.js parses them; text survives any transpiler). `a` is one tile of A
// as an RGBA float texture: texel a[i][q] holds A[i][4q .. 4q+3] (columns padded with zeros to a
// multiple of 4). Loop bounds are compile-time constants.
const UPLOAD = `function (a) {
  const j = 4 * this.thread.x;
  return [a[this.thread.y][j], a[this.thread.y][j + 1], a[this.thread.y][j + 2], a[this.thread.y][j + 3]];
}`;
/** Partial sums of row y of A·x over texels [x·chunk, (x+1)·chunk); x[q] = x[4q .. 4q+3]. */
const GEMV_N = `function (a, x) {
  let s = 0;
  for (let k = 0; k < this.constants.chunk; k++) {
    const q = this.thread.x * this.constants.chunk + k;
    if (q < this.constants.len) {
      const v = a[this.thread.y][q];
      const w = x[q];
      s += v[0] * w[0] + v[1] * w[1] + v[2] * w[2] + v[3] * w[3];
    }
  }
  return s;
}`;
/** Partial sums of (Aᵀx)[4y .. 4y+3] over rows [x·chunk, (x+1)·chunk). */
const GEMV_T = `function (a, x) {
  let s0 = 0; let s1 = 0; let s2 = 0; let s3 = 0;
  for (let k = 0; k < this.constants.chunk; k++) {
    const i = this.thread.x * this.constants.chunk + k;
    if (i < this.constants.len) {
      const v = a[i][this.thread.y];
      const xi = x[i];
      s0 += v[0] * xi; s1 += v[1] * xi; s2 += v[2] * xi; s3 += v[3] * xi;
    }
  }
  return [s0, s1, s2, s3];
}`;
/** B (4·len rows, zero-padded) packed like A, down the columns: texel b[q][j] = B[4q .. 4q+3][j]. */
const PACK_B = `function (b) {
  const l = 4 * this.thread.y;
  return [b[l][this.thread.x], b[l + 1][this.thread.x], b[l + 2][this.thread.x], b[l + 3][this.thread.x]];
}`;
/** (A·B)[y][x] from A and packed B. */
const GEMM_N = `function (a, b) {
  let s = 0;
  for (let q = 0; q < this.constants.len; q++) {
    const v = a[this.thread.y][q];
    const w = b[q][this.thread.x];
    s += v[0] * w[0] + v[1] * w[1] + v[2] * w[2] + v[3] * w[3];
  }
  return s;
}`;
/** (AᵀB)[4y .. 4y+3][x]. */
const GEMM_T = `function (a, b) {
  let s0 = 0; let s1 = 0; let s2 = 0; let s3 = 0;
  for (let l = 0; l < this.constants.len; l++) {
    const v = a[l][this.thread.y];
    const bl = b[l][this.thread.x];
    s0 += v[0] * bl; s1 += v[1] * bl; s2 += v[2] * bl; s3 += v[3] * bl;
  }
  return [s0, s1, s2, s3];
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
      (t.texture.toArray() as unknown as Float32Array[][]).forEach((texels, i) => {
        const base = (t.rows.start + i) * this.cols + t.cols.start;
        for (let j = 0; j < t.cols.size; j++) out[base + j] = (texels[j >> 2] as Float32Array)[j & 3] as number;
      });
    }
    return out;
  }
  protected free(): void {
    if (this.gpujs.live) for (const t of this.tiles) t.texture.delete();
  }
}

/** Texels holding n entries, 4 per texel. */
const texels = (n: number): number => Math.ceil(n / 4);

/** Options of {@link createGpuJsBackend}, mainly to exercise tiling in tests. */
export interface GpuJsBackendOptions {
  /** Cap on a tile side in entries (default and maximum: the context's MAX_TEXTURE_SIZE). */
  maxTextureSize?: number;
  /** Cap on the entries of one tile (default and maximum 2^24). */
  maxTileElements?: number;
}

/** gpu.js WebGL backend; create it with {@link createGpuJsBackend}. */
export class GpuJsBackend extends BaseBackend<GpuJsMatrix> {
  readonly name = 'gpujs' as const;
  readonly precision = 32 as const;
  private alive = true;
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
          const q = texels(cs.size), block = new Float32Array(rs.size * 4 * q); // zero padding
          for (let i = 0; i < rs.size; i++) {
            const from = (rs.start + i) * cols + cs.start;
            for (let j = 0; j < cs.size; j++) block[i * 4 * q + j] = data[from + j] as number;
          }
          const k = this.cached(this.uploads, `upload:${rs.size}x${q}`, UPLOAD, {
            output: [q, rs.size], returnType: 'Array(4)', pipeline: true, immutable: true,
          });
          tiles.push({ rows: rs, cols: cs, texture: this.rt.run(k, this.rt.input2d(block, rs.size, 4 * q)) as GpuTexture });
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
    for (const { rows, cols, texture } of A.tiles) {
      const q = texels(cols.size);
      if (!trans) {
        const chunk = Math.min(texels(CHUNK), q), parts = Math.ceil(q / chunk);
        const k = this.compute(`gemvN:${rows.size}x${q}`, GEMV_N, {
          output: [parts, rows.size], constants: { len: q, chunk }, argumentTypes: { a: 'ArrayTexture(4)', x: 'Array1D(4)' },
        });
        const xs = new Float32Array(4 * q);
        xs.set(xf.subarray(cols.start, cols.start + cols.size));
        const x4 = Array.from({ length: q }, (_, t) => xs.subarray(4 * t, 4 * t + 4));
        (this.rt.run(k, texture, x4) as Float32Array[]).forEach((row, i) => {
          let s = 0;
          for (let p = 0; p < parts; p++) s += row[p] as number;
          acc[rows.start + i] = (acc[rows.start + i] as number) + s;
        });
      } else {
        const chunk = Math.min(CHUNK, rows.size), parts = Math.ceil(rows.size / chunk);
        const k = this.compute(`gemvT:${rows.size}x${q}`, GEMV_T, {
          output: [parts, q], returnType: 'Array(4)', constants: { len: rows.size, chunk },
        });
        (this.rt.run(k, texture, xf.slice(rows.start, rows.start + rows.size)) as Float32Array[][]).forEach((row, t) => {
          for (let c = 0; c < 4 && 4 * t + c < cols.size; c++) {
            let s = 0;
            for (let p = 0; p < parts; p++) s += (row[p] as Float32Array)[c] as number;
            acc[cols.start + 4 * t + c] = (acc[cols.start + 4 * t + c] as number) + s;
          }
        });
      }
    }
    for (let i = 0; i < y.length; i++) y[i] = alpha * (acc[i] as number) + (beta === 0 ? 0 : beta * (y[i] as number));
  }

  protected kernelGemm(trans: boolean, alpha: number, A: GpuJsMatrix, B: Mat, beta: number, C: Mat): void {
    const p = B.cols;
    const acc = new Float64Array(C.data.length);
    for (const { rows, cols, texture } of A.tiles) {
      const q = texels(cols.size);
      const inner = trans ? rows : cols, bRows = trans ? rows.size : 4 * q; // B rows zero-padded to 4q
      // B goes up in column blocks that keep the B block and the output within the tile limits.
      const step = Math.max(1, Math.min(this.maxSide, Math.floor(this.maxElements / Math.max(rows.size, 4 * q))));
      for (const js of spans(p, step)) {
        const b = new Float32Array(bRows * js.size);
        for (let l = 0; l < inner.size; l++) {
          const from = (inner.start + l) * p + js.start;
          for (let j = 0; j < js.size; j++) b[l * js.size + j] = B.data[from + j] as number;
        }
        const bIn = this.rt.input2d(b, bRows, js.size);
        if (!trans) {
          // The packed B texture is consumed at once, so the pack kernel may reuse it (not immutable).
          const pack = this.compute(`packB:${q}:${js.size}`, PACK_B, { output: [js.size, q], returnType: 'Array(4)', pipeline: true });
          const k = this.compute(`gemmN:${rows.size}x${q}:${js.size}`, GEMM_N, { output: [js.size, rows.size], constants: { len: q } });
          (this.rt.run(k, texture, this.rt.run(pack, bIn)) as Float32Array[]).forEach((row, i) => {
            const base = (rows.start + i) * p + js.start;
            for (let j = 0; j < js.size; j++) acc[base + j] = (acc[base + j] as number) + (row[j] as number);
          });
        } else {
          const k = this.compute(`gemmT:${rows.size}x${q}:${js.size}`, GEMM_T, {
            output: [js.size, q], returnType: 'Array(4)', constants: { len: rows.size },
          });
          (this.rt.run(k, texture, bIn) as Float32Array[][]).forEach((row, t) => {
            for (let c = 0; c < 4 && 4 * t + c < cols.size; c++) {
              const base = (cols.start + 4 * t + c) * p + js.start;
              for (let j = 0; j < js.size; j++) acc[base + j] = (acc[base + j] as number) + ((row[j] as Float32Array)[c] as number);
            }
          });
        }
      }
    }
    const c = C.data;
    for (let i = 0; i < c.length; i++) c[i] = alpha * (acc[i] as number) + (beta === 0 ? 0 : beta * (c[i] as number));
  }

  /** Whether the WebGL context is still alive (matrices free their textures only then). */
  get live(): boolean {
    return this.alive;
  }

  protected release(): void {
    this.alive = false;
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
export function detectRealGpu(): Promise<boolean> {
  return detect();
}
