/**
 * A VAE model whose weights are rejected part way (here: a non-finite entry in its last layer,
 * as a diverged in-memory state would have) frees the layers it had already uploaded: a process
 * that retries training again and again must not grow its backend's memory. Checked on the wasm
 * backend, whose memory only grows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArgumentError, createBackend } from '@dpr/linalg';
import { memoryAfterFailures, type MeasuredBackend } from '@dpr/test-support';
import { VaeModel, initVaeParams } from '../src/index.js';

let backend: MeasuredBackend;
beforeAll(async () => {
  backend = await createBackend('wasm', { threads: 1 });
});
afterAll(() => backend.dispose());

describe('a VAE model with rejected weights frees what it uploaded', () => {
  it('8 rejected models use the memory of one', () => {
    // encoder 400 → 400 (640 kB in float32) first: a leak of it shows in a few calls
    const params = initVaeParams({ inputDim: 400, hiddenDims: [400], latentDim: 4 }, 1);
    params.layers[params.layers.length - 1]!.W[0] = Number.NaN;
    const { first, last } = memoryAfterFailures(backend, 8, ArgumentError, () => new VaeModel(backend, params));
    expect(last).toBe(first);
  });
});
