/**
 * The checks free what they put on the backend: `descentCertificate` uploads the network's layers
 * once (`ReluPasses`) and frees them when it returns, also when it throws half way (here: an
 * operator that fails), and reading a weights file leaves nothing behind when the file is
 * malformed. A long-lived process (the browser app, a user's loop) that checks again and again
 * keeps its backend's memory. Checked on the wasm backend, whose memory only grows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryAfter, type MeasuredBackend } from '@dpr/test-support';
import { createBackend, type LinearOperator } from '@dpr/linalg';
import { gaussianPriorInstance } from '@dpr/phase-retrieval';
import { writeSafetensors } from '@dpr/generative-prior';
import { descentCertificate, reluNetworkFromSafetensors, runDescentCheck } from '../src/index.js';

/** A 2-300-600 network: its resident layers take 0.7 MB, so a leak shows in a few calls. */
const dims = [2, 300, 600], m = 50;
let backend: MeasuredBackend;
let instance: ReturnType<typeof gaussianPriorInstance>;
beforeAll(async () => {
  backend = await createBackend('wasm', { threads: 1 });
  instance = gaussianPriorInstance({ dims, m, seed: 1, backend });
});
afterAll(() => backend.dispose());

/** A that fails on its first product (as a broken user operator would). */
const failing: LinearOperator = {
  inputDim: dims[2]!,
  outputDim: m,
  apply: () => {
    throw new Error('operator failed');
  },
  adjoint: () => {
    throw new Error('operator failed');
  },
};

describe('the descent certificate frees its resident passes', () => {
  it('6 certificates use the memory of one', () => {
    const { first, last } = memoryAfter(backend, 6, () => descentCertificate(instance.problem, { x0: instance.x0, gridSize: 9, samples: 10, zeroDirections: 4 }));
    expect(last).toBe(first);
  });

  it('a certificate that throws half way frees them too', () => {
    const { first, last } = memoryAfter(backend, 6, () => {
      expect(() => descentCertificate({ ...instance.problem, A: failing }, { x0: instance.x0, gridSize: 9, samples: 10 })).toThrow(/operator failed/);
    });
    expect(last).toBe(first);
  });

  it('runDescentCheck: 4 checks use the memory of one', () => {
    const { first, last } = memoryAfter(backend, 4, () => runDescentCheck({ dims, m, grid: 9, samples: 10, backend }));
    expect(last).toBe(first);
  });
});

describe('reading a network from a weights file', () => {
  it('a file whose A does not fit leaves nothing on the backend', () => {
    const W1 = { dtype: 'F64' as const, shape: [300, 2], data: new Float64Array(600).fill(0.1) };
    const W2 = { dtype: 'F64' as const, shape: [600, 300], data: new Float64Array(180000).fill(0.1) };
    const A = { dtype: 'F64' as const, shape: [50, 599], data: new Float64Array(50 * 599) }; // 599 columns, G has 600 outputs
    const bytes = writeSafetensors({ W1, W2, A });
    const { first, last } = memoryAfter(backend, 6, () => {
      expect(() => reluNetworkFromSafetensors(bytes, true, backend)).toThrow(/tensor 'A'/);
    });
    expect(last).toBe(first);
  });
});
