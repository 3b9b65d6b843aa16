import { describe, expect, it } from 'vitest';
import { JsBackend, Rng, selectBackend, type Mat } from '@dpr/linalg';
import { readSafetensors, vaeDecoderFromSafetensors, vaeEncoderMeanFromSafetensors } from '@dpr/generative-prior';
import {
  vaeAdam,
  vaeArrays,
  cloneVaeParams,
  initVaeParams,
  readVaeCheckpoint,
  trainVae,
  VaeCheckpointError,
  VaeModel,
  vaeParamsFromWeights,
  vaeManifest,
  writeVaeCheckpoint,
  writeVaeWeights,
  type VaeConfig,
  type VaeParams,
} from '../src/index.js';
import { datasetInstalled, loadDataset, type ImageDataset } from '@dpr/datasets';

const TINY: VaeConfig = { inputDim: 6, hiddenDims: [5, 4], latentDim: 3 };

function randomBatch(n: number, B: number, seed: number): { X: Mat; Xt: Mat } {
  const rng = new Rng(seed);
  const Xt = new Float64Array(B * n).map(() => rng.uniform());
  const X = new Float64Array(n * B);
  for (let r = 0; r < B; r++) for (let j = 0; j < n; j++) X[j * B + r] = Xt[r * n + j]!;
  return { X: { rows: n, cols: B, data: X }, Xt: { rows: B, cols: n, data: Xt } };
}

/** The loss written out per example with scalar loops: an independent check of the batched code. */
function naiveLoss(p: VaeParams, X: Mat, eps: Float64Array): number {
  const { latentDim: k } = p.config, B = X.cols, nEnc = p.config.hiddenDims.length + 1;
  const sp = (z: number) => Math.log(1 + Math.exp(z));
  const dense = (i: number, h: number[], act: (z: number) => number) => {
    const l = p.layers[i]!;
    return Array.from({ length: l.outDim }, (_, r) => act(l.b[r]! + h.reduce((s, v, c) => s + l.W[r * l.inDim + c]! * v, 0)));
  };
  let total = 0;
  for (let e = 0; e < B; e++) {
    const x = Array.from({ length: X.rows }, (_, j) => X.data[j * B + e]!);
    let h = x;
    for (let i = 0; i < nEnc; i++) h = dense(i, h, i < nEnc - 1 ? sp : (z) => z);
    const mu = h.slice(0, k), lv = h.slice(k);
    let z = mu.map((m, j) => m + Math.exp(lv[j]! / 2) * eps[j * B + e]!);
    for (let j = 0; j < k; j++) total += 0.5 * (mu[j]! ** 2 + Math.exp(lv[j]!) - 1 - lv[j]!);
    for (let i = nEnc; i < p.layers.length; i++) z = dense(i, z, i < p.layers.length - 1 ? sp : (v) => v);
    // cross-entropy −[x log σ(l) + (1 − x) log(1 − σ(l))] with log σ(l) = −softplus(−l), log(1 − σ(l)) = −softplus(l)
    const stable = (v: number) => Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
    z.forEach((l, j) => (total += x[j]! * stable(-l) + (1 - x[j]!) * stable(l)));
  }
  return total / B;
}

describe('VAE forward and backward (js backend, float64)', () => {
  const backend = new JsBackend();
  const B = 4;
  const { X, Xt } = randomBatch(TINY.inputDim, B, 1);
  const eps = new Rng(2).gaussianVec(TINY.latentDim * B);
  // Xavier weights are small; scale them up so that softplus/sigmoid are exercised away from 0.
  const params = initVaeParams(TINY, 3);
  for (const l of params.layers) {
    for (let i = 0; i < l.W.length; i++) l.W[i] = 2 * l.W[i]!;
    for (let i = 0; i < l.b.length; i++) l.b[i] = 0.3 * Math.sin(i + l.outDim);
  }
  const lossOf = (p: VaeParams) => {
    const m = new VaeModel(backend, p);
    const s = m.lossAndGrad(X, undefined, eps);
    m.dispose();
    return (s.recon + s.kl) / s.count;
  };

  it('computes the same loss as a scalar per-example implementation', () => {
    expect(lossOf(params)).toBeCloseTo(naiveLoss(params, X, eps), 10);
  });

  it('matches central finite differences for every weight and bias', () => {
    const grads = cloneVaeParams(params, true);
    const model = new VaeModel(backend, params);
    model.lossAndGrad(X, Xt, eps, grads);
    model.dispose();
    const h = 1e-5;
    let worst = 0, checked = 0;
    params.layers.forEach((l, li) => {
      for (const key of ['W', 'b'] as const) {
        for (let j = 0; j < l[key].length; j++) {
          const p = cloneVaeParams(params);
          p.layers[li]![key][j] = l[key][j]! + h;
          const up = lossOf(p);
          p.layers[li]![key][j] = l[key][j]! - h;
          const down = lossOf(p);
          const fd = (up - down) / (2 * h), an = grads.layers[li]![key][j]!;
          worst = Math.max(worst, Math.abs(fd - an) / Math.max(1e-4, Math.abs(fd) + Math.abs(an)));
          checked++;
        }
      }
    });
    expect(checked).toBe(params.layers.reduce((a, l) => a + l.W.length + l.b.length, 0));
    expect(worst).toBeLessThan(1e-6);
  });

  it('Adam takes the textbook first step (−lr · sign(g))', () => {
    const p = cloneVaeParams(params), g = cloneVaeParams(params, true);
    g.layers[0]!.W[0] = 0.5;
    g.layers[0]!.W[1] = -3;
    const adam = vaeAdam(p, { learningRate: 0.01 });
    adam.step(vaeArrays(p), vaeArrays(g));
    expect(p.layers[0]!.W[0]).toBeCloseTo(params.layers[0]!.W[0]! - 0.01, 9);
    expect(p.layers[0]!.W[1]).toBeCloseTo(params.layers[0]!.W[1]! + 0.01, 9);
    expect(p.layers[0]!.W[2]).toBe(params.layers[0]!.W[2]);
    expect(adam.t).toBe(1);
  });
});

/** A synthetic dataset: blurry bars on a 6 × 6 grid, easy to model, fast to train on. */
function barsDataset(count: number): ImageDataset {
  const side = 6, n = side * side, rng = new Rng(9);
  const make = (c: number) => {
    const images = new Float32Array(c * n), labels = new Uint8Array(c);
    for (let i = 0; i < c; i++) {
      const row = rng.int(side), col = rng.int(side);
      labels[i] = row;
      for (let j = 0; j < n; j++) {
        const r = Math.floor(j / side), q = j % side;
        images[i * n + j] = r === row || q === col ? 0.9 : 0.05;
      }
    }
    return { images, labels, count: c };
  };
  return { name: 'mnist', train: make(count), test: make(200), width: side, height: side };
}

describe('VAE training', () => {
  const config: VaeConfig = { inputDim: 36, hiddenDims: [32, 32], latentDim: 4 };

  it.skipIf(!datasetInstalled('mnist'))('the loss falls over the first few hundred steps (smoke test: MNIST subset, narrow VAE)', async () => {
    const backend = await selectBackend({ backend: 'wasm', onWarning: () => {} });
    const data = loadDataset('mnist');
    const losses: number[] = [];
    const t0 = performance.now();
    const vae: VaeConfig = { inputDim: 784, hiddenDims: [64, 64], latentDim: 8 };
    const state = trainVae({ backend, data, config: { vae, seed: 0, epochs: 10, batchSize: 50, trainCount: 2000 }, maxSteps: 300, evaluateTest: false, onStep: (s) => losses.push(s.loss) });
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(losses.length).toBe(300);
    const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    const first = mean(losses.slice(0, 10)), last = mean(losses.slice(-50));
    expect(first).toBeGreaterThan(400); // ≈ 784 · log 2 at initialisation, less the quick first steps
    expect(last).toBeLessThan(0.5 * first);
    expect(state.epoch).toBe(7); // 40 steps per epoch: 7 full epochs and 20 steps
    expect(state.stepInEpoch).toBe(20);
    expect(state.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(state.history[6]!.trainLoss).toBeLessThan(state.history[0]!.trainLoss);
  });

  it('stopping, checkpointing and resuming reproduces an uninterrupted run exactly', async () => {
    const backend = await selectBackend({ backend: 'wasm', onWarning: () => {} });
    const data = barsDataset(300);
    const cfg = { vae: config, seed: 5, epochs: 3, batchSize: 50 };
    const straight = trainVae({ backend, data, config: cfg });
    const saved: Uint8Array[] = [];
    // Stop mid-epoch 2 (step 4 of 6), checkpoint, read back and continue.
    const partial = trainVae({ backend, data, config: cfg, maxSteps: 10, checkpointEvery: 2, onCheckpoint: (s) => saved.push(writeVaeCheckpoint(s)) });
    expect([partial.epoch, partial.stepInEpoch]).toEqual([1, 4]);
    const restored = readVaeCheckpoint(saved[saved.length - 1]!);
    expect([restored.epoch, restored.stepInEpoch, restored.adam.t]).toEqual([1, 4, 10]);
    const resumed = trainVae({ backend, data, resume: restored });
    expect(resumed.epoch).toBe(3);
    resumed.params.layers.forEach((l, i) => {
      expect(Array.from(l.W)).toEqual(Array.from(straight.params.layers[i]!.W));
      expect(Array.from(l.b)).toEqual(Array.from(straight.params.layers[i]!.b));
    });
    expect(resumed.history).toEqual(straight.history.map((h, i) => ({ ...h, seconds: resumed.history[i]!.seconds })));
    // --epochs may be raised on resume
    const more = trainVae({ backend, data, resume: readVaeCheckpoint(writeVaeCheckpoint(resumed)), epochs: 4 });
    expect(more.epoch).toBe(4);
  });

  it('rejects files that are not checkpoints', () => {
    const p = initVaeParams(config, 1);
    expect(() => readVaeCheckpoint(writeVaeWeights(p))).toThrow(VaeCheckpointError);
    expect(() => readVaeCheckpoint(new Uint8Array(3))).toThrow(/not a valid VAE checkpoint/);
  });
});

describe('exported weights', () => {
  it('load into generative-prior generators that decode and encode like the trained model', () => {
    const backend = new JsBackend();
    const params = initVaeParams(TINY, 4);
    params.layers.forEach((l) => l.b.forEach((_, i) => (l.b[i] = 0.1 * i)));
    const bytes = writeVaeWeights(params, { format: 'test' });
    const file = readSafetensors(bytes);
    expect([...file.tensors.keys()].sort()).toEqual(
      ['decoder.fc1', 'decoder.fc2', 'decoder.fc3', 'encoder.fc1', 'encoder.fc2', 'encoder.logvar', 'encoder.mean'].flatMap((n) => [`${n}.bias`, `${n}.weight`]).sort(),
    );
    const G = vaeDecoderFromSafetensors(file);
    expect(G.dims).toEqual([3, 4, 5, 6]);
    const model = new VaeModel(backend, params);
    const z = new Rng(1).gaussianVec(3);
    const ref = model.decode({ rows: 3, cols: 1, data: z }).data;
    const out = G.forward(z);
    out.forEach((v, i) => expect(v).toBeCloseTo(ref[i]!, 5)); // float32 file
    const back = vaeParamsFromWeights(file, TINY);
    back.layers.forEach((l, i) => {
      Array.from(l.W).forEach((v, j) => expect(v).toBeCloseTo(params.layers[i]!.W[j]!, 6));
      Array.from(l.b).forEach((v, j) => expect(v).toBeCloseTo(params.layers[i]!.b[j]!, 6));
    });
    const E = vaeEncoderMeanFromSafetensors(file);
    const x = new Rng(2).uniformVec(6);
    const mu = model.encode({ rows: 6, cols: 1, data: x }).mean;
    E.forward(x).forEach((v, i) => expect(v).toBeCloseTo(mu[i]!, 5));
  });

  it('the manifest records the sha256, epochs and losses of the state', () => {
    const data = barsDataset(100);
    const state = trainVae({ backend: new JsBackend(), data, config: { vae: { inputDim: 36, hiddenDims: [8], latentDim: 2 }, epochs: 1, batchSize: 50, seed: 3 } });
    const bytes = writeVaeWeights(state.params);
    const m = vaeManifest({ name: 'x', weightsFile: 'x.safetensors', bytes, state, command: 'cmd', backend: 'js' });
    expect(m.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(m.training).toMatchObject({ epochs: 1, epochsRequested: 1, complete: true, steps: 2, seed: 3, command: 'cmd' });
    expect(m.architecture.decoder).toBe('2-8-36');
    expect(m.losses.test?.loss).toBeCloseTo(state.history[0]!.testLoss!, 12);
  });
});
