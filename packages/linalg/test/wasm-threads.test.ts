/**
 * The wasm backend's helper thread (`src/backends/wasm/wasm-helper-thread.ts`): a backend that
 * splits every product over two threads (threadMinFlops 0) passes the whole backend conformance
 * spec and gives bitwise the results of one thread; the options and DPR_THREADS are validated;
 * a Node process with a live helper exits on its own.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWasmBackend, WasmBackend } from '../src/backends/wasm/wasm-backend.js';
import { activation, createBackend, mat, Rng, type Backend } from '../src/index.js';
import { describeBackend } from './backend-conformance.js';

setFlagsFromString('--experimental-wasm-relaxed-simd');

/** A backend that gives the helper half of every product, with the helper up. */
async function twoThreads(): Promise<WasmBackend> {
  const backend = (await createWasmBackend({ threads: 2, threadMinFlops: 0 })) as WasmBackend;
  expect(await backend.startThreads()).toBe(true);
  return backend;
}

describeBackend('wasm (two threads on every product)', twoThreads);

describe('wasm helper thread', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('gives bitwise the one-thread results for GEMV, GEMVᵀ, GEMM and fused products', async () => {
    const one = (await createWasmBackend({ threads: 1 })) as WasmBackend, two = await twoThreads();
    expect([one.threads, two.threads]).toEqual([1, 2]);
    const rng = new Rng(21);
    const run = (b: Backend, A: ReturnType<Backend['matrix']>, trans: boolean, B: ReturnType<typeof mat>, rows: number): Float64Array[] => {
      const C = mat(rows, B.cols);
      b.gemm(trans, 1, A, B, 0, C);
      const y = new Float64Array(rows);
      b.gemv(trans, 0.5, A, B.data.filter((_, i) => i % B.cols === 0), 0, y);
      const X = b.batch(B.rows, B.cols), Y = b.batch(rows, B.cols), D = b.batch(rows, B.cols);
      b.writeBatch(X, B);
      b.product(trans, A, X, Y, { kind: 'activation', activation: activation('relu'), derivative: D });
      const out = [mat(rows, B.cols), mat(rows, B.cols)];
      b.readBatch(Y, out[0]!);
      b.readBatch(D, out[1]!);
      for (const v of [X, Y, D]) v.dispose();
      return [C.data, y, out[0]!.data, out[1]!.data];
    };
    for (const [m, n, p] of [[5, 3, 2], [37, 301, 7], [301, 37, 3], [1000, 999, 5], [9, 1030, 40]] as const) {
      const a = rng.gaussianVec(m * n);
      const A1 = one.matrix(a, m, n), A2 = two.matrix(a, m, n);
      for (const trans of [false, true]) {
        const inner = trans ? m : n, rows = trans ? n : m;
        const B = mat(inner, p, rng.gaussianVec(inner * p));
        const want = run(one, A1, trans, B, rows), got = run(two, A2, trans, B, rows);
        for (let k = 0; k < want.length; k++) expect(Array.from(got[k]!), `${m}x${n}·${p} ${trans} #${k}`).toEqual(Array.from(want[k]!));
      }
    }
    one.dispose();
    two.dispose();
    await expect(two.startThreads()).rejects.toThrow(/disposed/);
  });

  it('validates threads, threadMinFlops and DPR_THREADS; DPR_THREADS=1 keeps one thread', async () => {
    await expect(createWasmBackend({ threads: 3 as 2 })).rejects.toThrow(/options\.threads/);
    await expect(createWasmBackend({ threadMinFlops: -1 })).rejects.toThrow(/options\.threadMinFlops/);
    vi.stubEnv('DPR_THREADS', 'two');
    await expect(createWasmBackend()).rejects.toThrow(/DPR_THREADS/);
    vi.stubEnv('DPR_THREADS', '1');
    const env1 = (await createWasmBackend()) as WasmBackend;
    expect(env1.threads).toBe(1);
    expect(await env1.startThreads()).toBe(false);
    const explicit = (await createBackend('wasm', { threads: 2 })) as WasmBackend;
    expect(explicit.threads).toBe(2);
    expect(explicit.description).toMatch(/2 threads for products of ≥ 1\.7e\+7 flops/);
    for (const b of [env1, explicit]) b.dispose();
  });

  it('never keeps a Node process alive', () => {
    const src = fileURLToPath(new URL('../src/backends/wasm/wasm-backend.ts', import.meta.url));
    const script = [
      `const { createWasmBackend } = await import(${JSON.stringify(src)});`,
      'const b = await createWasmBackend({ threads: 2, threadMinFlops: 0 });',
      'if (!(await b.startThreads())) process.exit(3);',
      'const A = b.matrix(new Float64Array(64 * 64).fill(1), 64, 64), y = new Float64Array(64);',
      'b.gemv(false, 1, A, new Float64Array(64).fill(1), 0, y);',
      'if (y[0] !== 64) process.exit(4);',
    ].join('\n');
    const res = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(res.error, res.stderr).toBeUndefined();
    expect(res.status, res.stderr).toBe(0);
  }, 90_000);
});
