/**
 * A generator whose weights are rejected part way (a later layer of the wrong shape or with a
 * non-finite entry) frees the layers it had already uploaded: a long-lived process that loads user
 * weights (instance files, `dpr theory --weights`) must not grow its backend's memory on every bad file.
 * Checked on the wasm backend, whose memory only grows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArgumentError, Rng, ShapeError, createBackend } from '@dpr/linalg';
import { memoryAfterFailures, type MeasuredBackend } from '@dpr/test-support';
import { MlpGenerator, ReluNetwork } from '../src/index.js';

let backend: MeasuredBackend;
beforeAll(async () => {
  backend = await createBackend('wasm', { threads: 1 });
});
afterAll(() => backend.dispose());

/** A 400 × 400 first layer (640 kB in float32): a leak of it shows in a few calls. */
const W1 = new Rng(1).gaussianVec(400 * 400);

describe('a generator whose weights are rejected frees the layers it uploaded', () => {
  it('MlpGenerator: a second layer with a bias of the wrong length', () => {
    const { first, last } = memoryAfterFailures(backend, 8, ShapeError, () => new MlpGenerator([
      { W: W1, inDim: 400, outDim: 400, activation: 'softplus' },
      { W: new Float64Array(10 * 400), inDim: 400, outDim: 10, bias: new Float64Array(9), activation: 'sigmoid' },
    ], { backend }));
    expect(last).toBe(first);
  });

  it('ReluNetwork: a second weight matrix with a non-finite entry', () => {
    const W2 = new Float64Array(10 * 400).fill(1);
    W2[7] = Number.NaN;
    const { first, last } = memoryAfterFailures(backend, 8, ArgumentError, () => new ReluNetwork([W1, W2], [400, 400, 10], backend));
    expect(last).toBe(first);
  });
});
