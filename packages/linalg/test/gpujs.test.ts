/**
 * The gpujs backend on real WebGL (headless-gl; on Linux under an X server such as `xvfb-run`).
 * Without WebGL the suite is skipped with the reason in its name, unless DPR_REQUIRE_WEBGL=1 (CI),
 * where it fails. On a real-GPU machine set DPR_EXPECT_REAL_GPU=1 (scripts/gpu-check.sh does).
 */
import { describe, expect, it } from 'vitest';
import { Rng, hasRealGpu, mat } from '../src/index.js';
import { createGpuJsBackend, detectRealGpu } from '../src/backends/gpujs/gpujs-backend.js';
import { classifyGlDriver, glDriverInfo, isHardwareRendererString } from '../src/backends/gpujs/detect.js';
import { spans, tileShape } from '../src/backends/gpujs/tiling.js';
import { describeBackend, refGemm, refGemv } from './backend-conformance.js';

const env = process.env;
const unavailable = await createGpuJsBackend().then(
  (b) => {
    b.dispose();
    return undefined;
  },
  (err: unknown) => (err instanceof Error ? err.message : String(err)),
);

describe('gpujs real-GPU detection (pure)', () => {
  const mesa = ['/usr/lib/x86_64-linux-gnu/libGLX_mesa.so.0.0.0', '/usr/lib/x86_64-linux-gnu/libLLVM-15.so.1'];
  it('says llvmpipe (swrast_dri.so) is software even with a GPU device open', () => {
    const info = classifyGlDriver([...mesa, '/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so'], ['/dev/nvidia0'], {});
    expect(info.hardware).toBe(false);
    expect(info.renderer).toMatch(/swrast_dri/);
  });
  it('recognises hardware drivers and GPU device nodes', () => {
    expect(classifyGlDriver(['/usr/lib/x86_64-linux-gnu/libnvidia-glcore.so.550.54'], [], {}).hardware).toBe(true);
    expect(classifyGlDriver([...mesa, '/usr/lib/x86_64-linux-gnu/dri/iris_dri.so'], [], {}).renderer).toBe('Mesa iris (iris_dri.so)');
    expect(classifyGlDriver(mesa, ['/dev/dri/renderD128'], {}).hardware).toBe(true);
  });
  it('honours software-forcing environment and defaults to false', () => {
    expect(classifyGlDriver(['/x/dri/iris_dri.so'], ['/dev/dri/renderD128'], { LIBGL_ALWAYS_SOFTWARE: '1' }).hardware).toBe(false);
    expect(classifyGlDriver(mesa, ['/dev/dri/renderD128'], { GALLIUM_DRIVER: 'llvmpipe' }).hardware).toBe(false);
    expect(classifyGlDriver(mesa, ['/dev/null'], {}).hardware).toBe(false);
  });
  it('rejects software renderer strings (browsers)', () => {
    expect(isHardwareRendererString('ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11 vs_5_0 ps_5_0)')).toBe(true);
    expect(isHardwareRendererString('ANGLE (Mesa, llvmpipe (LLVM 15.0.6, 256 bits), OpenGL 4.5)')).toBe(false);
    expect(isHardwareRendererString('Google SwiftShader')).toBe(false);
    expect(isHardwareRendererString('')).toBe(false);
  });
  it('tiles within the texture limits', () => {
    expect(tileShape(5000, 12288, 16384)).toEqual({ rows: 1365, cols: 12288 });
    expect(tileShape(3, 40000, 16384)).toEqual({ rows: 3, cols: 16384 });
    expect(spans(10, 4).map((s) => s.size)).toEqual([4, 4, 2]);
    expect(spans(0, 4)).toEqual([]);
  });
});

if (unavailable === undefined) {
  describeBackend('gpujs', () => createGpuJsBackend());

  describe('gpujs on WebGL', () => {
    it('runs gpu.js in a real WebGL mode', async () => {
      const b = await createGpuJsBackend();
      expect(b.description).toMatch(/^gpu\.js (headlessgl|webgl2|webgl) /);
      b.dispose();
    });

    const expectReal = env['DPR_EXPECT_REAL_GPU'] === '1';
    it(expectReal ? 'detectRealGpu() is true on this GPU' : 'detectRealGpu() is false on llvmpipe', async () => {
      const info = await glDriverInfo(); // inspects the loaded GL driver even where a pre-check answers
      expect(info.hardware, `GL driver: ${info.renderer}`).toBe(expectReal);
      expect(await detectRealGpu(), `GL driver: ${info.renderer}`).toBe(expectReal);
      expect(await hasRealGpu()).toBe(expectReal); // what selectBackend('auto') asks
    });

    it('keeps every uploaded matrix in its own texture', async () => {
      const b = await createGpuJsBackend();
      const A = b.matrix([1, 2, 3, 4], 2, 2), B = b.matrix([5, 6, 7, 8], 2, 2);
      const x = new Float64Array([1, 1]);
      expect(Array.from(b.gemv(false, 1, A, x, 0, new Float64Array(2)))).toEqual([3, 7]);
      expect(Array.from(b.gemv(false, 1, B, x, 0, new Float64Array(2)))).toEqual([11, 15]);
      expect(Array.from(A.toFloat64Array())).toEqual([1, 2, 3, 4]);
      b.dispose();
    });

    it('splits matrices beyond the texture limits into tiles', async () => {
      const b = await createGpuJsBackend({ maxTextureSize: 16, maxTileElements: 200 });
      const m = 37, n = 53, p = 5;
      const rng = new Rng(7);
      const a = rng.gaussianVec(m * n);
      const A = b.matrix(a, m, n);
      expect(Array.from(A.toFloat64Array())).toEqual(Array.from(Float32Array.from(a)));
      for (const trans of [false, true]) {
        const x = rng.gaussianVec(trans ? m : n), y0 = rng.gaussianVec(trans ? n : m);
        const y = b.gemv(trans, 0.5, A, x, -2, y0.slice());
        const want = refGemv(trans, 0.5, a, m, n, x, -2, y0);
        y.forEach((v, i) => expect(v).toBeCloseTo(want[i] as number, 3));
        const B = mat(trans ? m : n, p, rng.gaussianVec((trans ? m : n) * p));
        const C0 = mat(trans ? n : m, p, rng.gaussianVec((trans ? n : m) * p));
        const C = b.gemm(trans, 1.5, A, B, 0.25, mat(C0.rows, p, C0.data.slice()));
        const wantC = refGemm(trans, 1.5, a, m, n, B, 0.25, C0);
        C.data.forEach((v, i) => expect(v).toBeCloseTo(wantC[i] as number, 3));
      }
      b.dispose();
    });
  });
} else if (env['DPR_REQUIRE_WEBGL'] === '1') {
  describe('gpujs on WebGL (required: DPR_REQUIRE_WEBGL=1)', () => {
    it('starts a real WebGL context', () => {
      throw new Error(`gpujs backend unavailable: ${unavailable}`);
    });
  });
} else {
  describe.skip(`gpujs conformance skipped, WebGL unavailable: ${unavailable}`, () => {
    it('needs WebGL (run under xvfb-run, or set DPR_REQUIRE_WEBGL=1 to make this fail)', () => {});
  });
}
