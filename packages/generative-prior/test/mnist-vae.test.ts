import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Rng } from '@dpr/linalg';
import { SafetensorsError, vaeDecoderFromSafetensors, writeSafetensors, readSafetensors, type Tensor } from '../src/index.js';
import {
  loadMnistVaeDecoder,
  loadMnistVaeEncoderMean,
  mnistVaeAvailable,
  mnistVaeManifest,
  MNIST_VAE_MANIFEST_PATH,
  MNIST_VAE_WEIGHTS_PATH,
} from '../src/pretrained/mnist-vae.js';

const shipped = mnistVaeAvailable();
if (!shipped) {
  // Visible in the test output: the weights are produced by `pnpm dpr train vae` (see README).
  console.warn(`skipping the shipped MNIST VAE tests: ${MNIST_VAE_WEIGHTS_PATH} or ${MNIST_VAE_MANIFEST_PATH} is not present yet`);
}

describe.skipIf(!shipped)('shipped MNIST VAE (weights/mnist-vae.safetensors)', () => {
  it("the weights file's sha256 matches the manifest", () => {
    const m = mnistVaeManifest();
    const bytes = readFileSync(MNIST_VAE_WEIGHTS_PATH);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(m.sha256);
    expect(bytes.length).toBe(m.bytes);
    expect(m.architecture.decoder).toBe('20-500-500-784');
    expect(m.training.epochs).toBeGreaterThanOrEqual(1);
    expect(m.training.dataset).toBe('mnist');
  });

  it('loads as a 20-500-500-784 softplus/softplus/sigmoid generator that decodes into [0, 1]^784', () => {
    const G = loadMnistVaeDecoder();
    expect(G.dims).toEqual([20, 500, 500, 784]);
    expect([1, 2, 3].map((i) => G.activationOf(i))).toEqual(['softplus', 'softplus', 'sigmoid']);
    const rng = new Rng(0);
    for (let t = 0; t < 3; t++) {
      const y = G.forward(rng.gaussianVec(20));
      expect(y.length).toBe(784);
      expect(y.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
      // a digit: mostly dark background with some bright strokes
      expect(y.filter((v) => v > 0.5).length).toBeGreaterThan(20);
      expect(y.filter((v) => v < 0.1).length).toBeGreaterThan(300);
    }
    const E = loadMnistVaeEncoderMean();
    expect(E.dims).toEqual([784, 500, 500, 20]);
    expect(E.forward(G.forward(new Float64Array(20))).every(Number.isFinite)).toBe(true);
    G.dispose();
    E.dispose();
  });
});

describe('VAE weights layout', () => {
  const t = (shape: number[], seed: number): Tensor => ({ dtype: 'F32', shape, data: new Rng(seed).gaussianVec(shape.reduce((a, b) => a * b, 1)) });

  it('builds the decoder from decoder.fcI tensors and names what is missing or mismatched', () => {
    const tensors: Record<string, Tensor> = {
      'decoder.fc1.weight': t([4, 2], 1),
      'decoder.fc1.bias': t([4], 2),
      'decoder.fc2.weight': t([3, 4], 3),
      'decoder.fc2.bias': t([3], 4),
    };
    const G = vaeDecoderFromSafetensors(readSafetensors(writeSafetensors(tensors)));
    expect(G.dims).toEqual([2, 4, 3]);
    expect([G.activationOf(1), G.activationOf(2)]).toEqual(['softplus', 'sigmoid']);
    const { 'decoder.fc2.bias': _drop, ...noBias } = tensors;
    expect(() => vaeDecoderFromSafetensors(readSafetensors(writeSafetensors(noBias)))).toThrow(/decoder\.fc2\.bias/);
    const bad = { ...tensors, 'decoder.fc2.weight': t([3, 5], 3) };
    expect(() => vaeDecoderFromSafetensors(readSafetensors(writeSafetensors(bad)))).toThrow(SafetensorsError);
    expect(() => vaeDecoderFromSafetensors(readSafetensors(writeSafetensors({ x: t([1], 1) })))).toThrow(/decoder\.fc1\.weight/);
  });
});
