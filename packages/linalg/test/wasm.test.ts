import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { createWasmBackend, WasmBackend } from '../src/backends/wasm/wasm-backend.js';
import { relaxedSimdSupported } from '../src/backends/wasm/wasm-kernels.js';
import { mat, Rng } from '../src/index.js';
import { describeBackend, refGemm, tolerance } from './backend-conformance.js';

// Node 20's V8 has relaxed SIMD behind a flag (the dpr CLI sets it too); later runtimes have it on.
setFlagsFromString('--experimental-wasm-relaxed-simd');

describeBackend('wasm (plain SIMD)', () => createWasmBackend({ simd: 'plain' }));
describeBackend('wasm (relaxed SIMD, fused multiply-add)', () => createWasmBackend({ simd: 'relaxed' }));

describe('wasm kernel builds', () => {
  it('auto picks the relaxed build where the runtime validates it, and says which', async () => {
    expect(await relaxedSimdSupported()).toBe(true);
    const auto = (await createWasmBackend()) as WasmBackend, plain = (await createWasmBackend({ simd: 'plain' })) as WasmBackend;
    expect(auto.build).toBe('relaxed');
    expect(auto.description).toMatch(/fused multiply-add/);
    expect(plain.build).toBe('plain');
    expect(plain.description).not.toMatch(/fused/);
    await expect(createWasmBackend({ simd: 'fast' as 'plain' })).rejects.toThrow(/options\.simd/);
    auto.dispose();
    plain.dispose();
  });
});

describe('wasm backend memory', () => {
  it('reuses the space of disposed matrices instead of growing', async () => {
    const backend = (await createWasmBackend()) as WasmBackend;
    const data = new Float64Array(1000 * 2000);
    const x = new Float64Array(2000).fill(1);
    const y = new Float64Array(1000);
    let grownTo = 0;
    for (let round = 0; round < 10; round++) {
      const A = backend.matrix(data, 1000, 2000);
      const B = backend.matrix(data.subarray(0, 500 * 999), 500, 999);
      backend.gemv(false, 1, A, x, 0, y);
      A.dispose();
      B.dispose();
      if (round === 0) grownTo = backend.memoryBytes;
    }
    expect(grownTo).toBeGreaterThanOrEqual(1000 * 2000 * 4);
    expect(backend.memoryBytes).toBe(grownTo);
    backend.dispose();
  });

  it('reads entries back with padded rows and refuses disposed matrices', async () => {
    const backend = await createWasmBackend();
    const A = backend.matrix([1, 2, 3, 4, 5, 6], 2, 3);
    expect(Array.from(A.toFloat64Array())).toEqual([1, 2, 3, 4, 5, 6]);
    A.dispose();
    expect(() => A.toFloat64Array()).toThrow(/disposed/);
    backend.dispose();
  });
});

describe('wasm gemm with skinny and ragged B', () => {
  // Every p from 2 to 24 plus 28 and 40: vector pairs and a lone vector, in one or several column
  // blocks of the transposed kernel; row counts with tails of 1–3 rows (a padded last panel), and
  // reductions longer than one 256-term block.
  const shapes: Array<[number, number]> = [[6, 5], [37, 300], [300, 37], [513, 10], [10, 513]];
  const ps = [...Array.from({ length: 23 }, (_, i) => i + 2), 28, 40];
  for (const trans of [false, true]) {
    it(`matches the float64 reference entry by entry${trans ? ' (transposed)' : ''}`, async () => {
      const backend = await createWasmBackend();
      const rng = new Rng(trans ? 11 : 5);
      for (const [m, n] of shapes) {
        const a = rng.gaussianVec(m * n);
        const A = backend.matrix(a, m, n);
        const inner = trans ? m : n, rows = trans ? n : m, tol = tolerance(backend, inner);
        for (const p of ps) {
          for (const [alpha, beta] of [[1, 0], [0.75, -1.5]] as const) {
            const B = mat(inner, p, rng.gaussianVec(inner * p));
            const C0 = mat(rows, p, rng.gaussianVec(rows * p));
            const C = mat(rows, p, C0.data.slice());
            backend.gemm(trans, alpha, A, B, beta, C);
            const want = refGemm(trans, alpha, a, m, n, B, beta, C0);
            // Error bound per entry: tol · (Σ_l |α a_il b_lc| + |β c_ic|).
            const abs = (v: Float64Array): Float64Array => v.map(Math.abs);
            const scale = refGemm(trans, Math.abs(alpha), abs(a), m, n, mat(inner, p, abs(B.data)), Math.abs(beta), mat(rows, p, abs(C0.data)));
            for (let i = 0; i < want.length; i++) {
              const err = Math.abs((C.data[i] as number) - (want[i] as number));
              if (err > tol * (scale[i] as number)) expect.fail(`${m}x${n}·${p}: entry ${i} off by ${err}, bound ${tol * (scale[i] as number)}`);
            }
          }
        }
        A.dispose();
      }
      backend.dispose();
    });
  }
});
