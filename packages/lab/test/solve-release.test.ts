/**
 * `solve` builds A and the prior for one request and frees them when it returns: a long-lived
 * process (the browser lab, a user's loop) that solves again and again must not grow its backend's
 * memory. Checked on the wasm backend, whose memory only grows, for every kind of request that puts
 * matrices on the backend, including one that fails after the problem is built.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryAfter, type MeasuredBackend } from '@dpr/test-support';
import { createBackend } from '@dpr/linalg';
import { readSafetensors, writeSafetensors } from '@dpr/generative-prior';
import { mnistVaeAvailable } from '@dpr/generative-prior/mnist-vae';
import { solve, type SolveRequest } from '../src/index.js';
import { nodeSources } from '../src/node.js';

let backend: MeasuredBackend;
beforeAll(async () => {
  backend = await createBackend('wasm', { threads: 1 });
});
afterAll(() => backend.dispose());

const small: SolveRequest = { prior: 'gaussian:5,60,120', m: 80, maxIters: 5 };

describe('solve frees what it put on the backend', () => {
  const cases: Array<[string, SolveRequest]> = [
    ['a seeded prior instance', small],
    ['a plain signal', { algorithm: 'wirtinger-flow', n: 100, m: 400, maxIters: 5 }],
    ['a complex measurement model', { algorithm: 'wirtinger-flow', n: 32, m: 128, measurement: 'complex-gaussian', maxIters: 5 }],
    ['a prior under a CDP model', { prior: 'gaussian:5,60,64', measurement: 'cdp:2', maxIters: 5 }],
  ];
  for (const [label, req] of cases) {
    it(`${label}: 6 solves use the memory of one`, () => {
      const { first, last } = memoryAfter(backend, 6, () => solve(req, backend, nodeSources()));
      expect(last).toBe(first);
    });
  }

  it('an instance file: 6 solves use the memory of one', () => {
    const bytes = solve({ ...small, saveInstance: true }, backend, nodeSources()).instanceBytes!;
    const { first, last } = memoryAfter(backend, 6, () => solve({ instance: bytes, maxIters: 5 }, backend, nodeSources()));
    expect(last).toBe(first);
  });

  it('a request that fails after its problem is built frees it too', () => {
    const bytes = solve({ ...small, saveInstance: true }, backend, nodeSources()).instanceBytes!;
    const { first, last } = memoryAfter(backend, 6, () => {
      expect(() => solve({ instance: bytes, n: 7 }, backend, nodeSources())).toThrow(/does not match the signal dimension/);
    });
    expect(last).toBe(first);
  });

  it('a request the measurement model rejects (m under CDP) frees the prior it built', () => {
    const { first, last } = memoryAfter(backend, 6, () => {
      expect(() => solve({ prior: 'gaussian:5,200,400', measurement: 'cdp:2', m: 7, maxIters: 5 }, backend, nodeSources())).toThrow(/fixed by 'cdp'/);
    });
    expect(last).toBe(first);
  });

  it('a malformed instance file frees the A read from it', () => {
    const bytes = solve({ prior: 'gaussian:5,60,400', m: 400, saveInstance: true, maxIters: 1 }, backend, nodeSources()).instanceBytes!;
    const file = readSafetensors(bytes);
    const noB = writeSafetensors({ A: file.tensors.get('A')!, W1: file.tensors.get('W1')!, W2: file.tensors.get('W2')! }); // no b, no x0: nothing to measure
    const { first, last } = memoryAfter(backend, 6, () => {
      expect(() => solve({ instance: noB, maxIters: 5 }, backend, nodeSources())).toThrow(/give the measurements 'b'/);
    });
    expect(last).toBe(first);
  });

  it.skipIf(!mnistVaeAvailable())('the shipped VAE prior: 4 solves use the memory of one', () => {
    const { first, last } = memoryAfter(backend, 4, () => solve({ prior: 'mnist-vae', target: 'latent', m: 100, maxIters: 3 }, backend, nodeSources()));
    expect(last).toBe(first);
  });

  it.skipIf(!mnistVaeAvailable())('an image request whose target fails (bytes that are no PNG) frees the VAE and A it built', () => {
    const { first, last } = memoryAfter(backend, 4, () => {
      expect(() => solve({ prior: 'mnist-vae', target: 'image', targetImage: new Uint8Array([1, 2, 3]), m: 300, maxIters: 3 }, backend, nodeSources())).toThrow(/PNG/);
    });
    expect(last).toBe(first);
  });

  it('the problem handed to onProblem is freed once solve returns', () => {
    let seen: { A: unknown } | undefined;
    solve(small, backend, nodeSources(), { onProblem: (p) => { seen = p; } });
    const A = seen!.A as { matrix: { disposed: boolean } };
    expect(A.matrix.disposed).toBe(true);
  });
});
