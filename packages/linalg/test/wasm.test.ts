import { describe, expect, it } from 'vitest';
import { createWasmBackend, WasmBackend } from '../src/backends/wasm/wasm-backend.js';
import { describeBackend } from './backend-conformance.js';

describeBackend('wasm', () => createWasmBackend());

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
