/**
 * The runs of `dpr demo` free what they put on the backend (the prior, each digit's A), also when a
 * recovery throws: a long-lived process that runs them again and again keeps its backend's memory.
 * Checked on the wasm backend, whose memory only grows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryAfter, type MeasuredBackend } from '@dpr/test-support';
import { createBackend } from '@dpr/linalg';
import { mnistVaeAvailable } from '@dpr/generative-prior/mnist-vae';
import { datasetInstalled } from '@dpr/datasets';
import { runGaussianDemo, runMnistDemo } from '../src/index.js';
import { nodeSources } from '../src/node.js';

let backend: MeasuredBackend;
beforeAll(async () => {
  backend = await createBackend('wasm', { threads: 1 });
});
afterAll(() => backend.dispose());

const mnistReady = mnistVaeAvailable() && datasetInstalled('mnist');

describe('the demo runs free what they put on the backend', () => {
  it.skipIf(!mnistReady)('MNIST demo: a recovery that throws (maxIters −1) frees the digit\'s A: 6 runs use the memory of one', () => {
    const { first, last } = memoryAfter(backend, 6, () => {
      expect(() => runMnistDemo({ digits: 1, m: 400, restarts: 1, maxIters: -1, baselines: ['fienup'] }, backend, nodeSources())).toThrow(/options.maxIters/);
    });
    expect(last).toBe(first);
  });

  it.skipIf(!mnistReady)('MNIST demo: 3 runs use the memory of one', () => {
    const { first, last } = memoryAfter(backend, 3, () => runMnistDemo({ digits: 1, m: 100, restarts: 1, maxIters: 3, baselines: ['fienup'] }, backend, nodeSources()));
    expect(last).toBe(first);
  });

  it('Gaussian demo: 3 runs use the memory of one', () => {
    const { first, last } = memoryAfter(backend, 3, () => runGaussianDemo({ instances: 1, m: 200, restarts: 1 }, backend));
    expect(last).toBe(first);
  });
});
