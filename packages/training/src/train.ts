/**
 * Seeded, resumable VAE training: Adam over minibatches of a shuffled training set, with
 * checkpoints that hold everything needed to continue bit-for-bit (parameters, Adam moments and
 * step count, epoch and step within it, per-epoch history). Randomness is derived from the seed
 * and the position, never carried as generator state: the epoch-e shuffle uses
 * `deriveSeed(seed, 1, e)`, the ε of step s of epoch e uses `deriveSeed(seed, 2, e, s)`, the
 * initial weights `deriveSeed(seed, 0)` and test-set evaluation `deriveSeed(seed, 3, batch)`.
 */
import { ArgumentError, DprError, deriveSeed, Rng, type Adam, type Backend, type Mat } from '@dpr/linalg';
import type { ImageDataset, ImageSplit } from '@dpr/datasets';
import { cloneVaeParams, initVaeParams, lossPerExample, MNIST_VAE_CONFIG, VaeModel, vaeAdam, vaeArrays, type VaeConfig, type VaeLossSums, type VaeParams } from './vae-model.js';

/** Hyper-parameters and data selection of one training run (all recorded in checkpoints). */
export interface VaeTrainConfig {
  dataset: string;
  vae: VaeConfig;
  seed: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Use only the first `trainCount` training images (default: all). */
  trainCount: number;
}

/** Losses of one finished epoch (per example). */
export interface VaeEpochRecord {
  epoch: number;
  /** Mean minibatch loss (recon + KL) over the epoch, per example. */
  trainLoss: number;
  trainRecon: number;
  trainKl: number;
  /** Test-set loss per example (one ε draw per image), when evaluated. */
  testLoss?: number;
  testRecon?: number;
  testKl?: number;
  /** Wall time of the epoch's training steps (without evaluation), seconds. */
  seconds: number;
}

/** Everything needed to resume a run exactly. */
export interface VaeTrainState {
  config: VaeTrainConfig;
  params: VaeParams;
  adam: Adam;
  /** Epochs completed. */
  epoch: number;
  /** Steps done within the current (unfinished) epoch. */
  stepInEpoch: number;
  /** Partial sums of the current epoch's training loss. */
  partial: VaeLossSums & { seconds: number };
  history: VaeEpochRecord[];
}

/** Progress of one step. */
export interface VaeStepInfo {
  epoch: number;
  step: number;
  stepsPerEpoch: number;
  /** This minibatch's loss per example. */
  loss: number;
}

/** Options of {@link trainVae}. */
export interface TrainVaeOptions {
  backend: Backend;
  data: ImageDataset;
  /** A fresh run's configuration (ignored when `resume` is given). */
  config?: Partial<VaeTrainConfig>;
  /** Continue from this state (e.g. from {@link readVaeCheckpoint}); `epochs` may be raised. */
  resume?: VaeTrainState;
  /** Total number of epochs to reach (overrides the config's, e.g. to extend a resumed run). */
  epochs?: number;
  /** Also stop after this many steps in this call (for smoke tests and benchmarks). */
  maxSteps?: number;
  /** Evaluate the test-set loss after every epoch (default true). */
  evaluateTest?: boolean;
  /** Called with the state every `checkpointEvery` steps (if > 0) and at the end of every epoch. */
  onCheckpoint?: (state: VaeTrainState, reason: 'steps' | 'epoch') => void;
  checkpointEvery?: number;
  onStep?: (info: VaeStepInfo) => void;
  onEpoch?: (record: VaeEpochRecord, state: VaeTrainState) => void;
}

/** A training configuration with defaults filled in: Bora et al.'s MNIST VAE, batch 100, Adam 1e-3. */
export function vaeTrainConfig(partial: Partial<VaeTrainConfig> & { dataset: string; trainCount: number }): VaeTrainConfig {
  const c: VaeTrainConfig = {
    dataset: partial.dataset,
    vae: partial.vae ?? MNIST_VAE_CONFIG,
    seed: partial.seed ?? 0,
    epochs: partial.epochs ?? 30,
    batchSize: partial.batchSize ?? 100,
    learningRate: partial.learningRate ?? 1e-3,
    trainCount: partial.trainCount,
  };
  if (!Number.isSafeInteger(c.seed)) throw new ArgumentError('seed', 'a safe integer', c.seed);
  if (!Number.isSafeInteger(c.epochs) || c.epochs < 0) throw new ArgumentError('epochs', 'a non-negative integer', c.epochs);
  if (!Number.isSafeInteger(c.batchSize) || c.batchSize < 1) throw new ArgumentError('batchSize', 'a positive integer', c.batchSize);
  if (!Number.isSafeInteger(c.trainCount) || c.trainCount < c.batchSize) throw new ArgumentError('trainCount', `an integer >= batchSize (${c.batchSize})`, c.trainCount);
  if (!(c.learningRate > 0)) throw new ArgumentError('learningRate', 'a positive number', c.learningRate);
  return c;
}

/** A fresh training state: Xavier-initialised parameters, zero Adam moments. */
export function initialVaeTrainState(config: VaeTrainConfig): VaeTrainState {
  const params = initVaeParams(config.vae, deriveSeed(config.seed, 0));
  return {
    config,
    params,
    adam: vaeAdam(params, { learningRate: config.learningRate }),
    epoch: 0,
    stepInEpoch: 0,
    partial: { recon: 0, kl: 0, count: 0, seconds: 0 },
    history: [],
  };
}

/** Gather images `idx[from..from+B)` of a split: feature-major X (n × B) and batch-major Xt (B × n). */
export function gatherBatch(split: ImageSplit, n: number, idx: ArrayLike<number>, from: number, B: number): { X: Mat; Xt: Mat } {
  const Xt = new Float64Array(B * n), X = new Float64Array(n * B);
  for (let r = 0; r < B; r++) {
    const src = (idx[from + r] as number) * n;
    const img = split.images.subarray(src, src + n);
    Xt.set(img, r * n);
    for (let j = 0; j < n; j++) X[j * B + r] = img[j] as number;
  }
  return { X: { rows: n, cols: B, data: X }, Xt: { rows: B, cols: n, data: Xt } };
}

/** Loss sums of a model over a whole split (or its first `count` images), one ε draw per image. */
export function evaluateVae(model: VaeModel, split: ImageSplit, seed: number, count = split.count, batchSize = 500): VaeLossSums {
  const { inputDim: n, latentDim: k } = model.params.config;
  const total: VaeLossSums = { recon: 0, kl: 0, count: 0 };
  const all = new Int32Array(count).map((_, i) => i);
  for (let from = 0, b = 0; from < count; from += batchSize, b++) {
    const B = Math.min(batchSize, count - from);
    const { X } = gatherBatch(split, n, all, from, B);
    const eps = new Rng(deriveSeed(seed, 3, b)).gaussianVec(k * B);
    const s = model.lossAndGrad(X, undefined, eps);
    total.recon += s.recon;
    total.kl += s.kl;
    total.count += s.count;
  }
  return total;
}

/** A run's configuration differs from a checkpoint's. */
export class VaeCheckpointMismatchError extends DprError {
  constructor(detail: string) {
    super('E_VAE_CHECKPOINT_MISMATCH', `the checkpoint does not belong to this run: ${detail}`);
  }
}

/**
 * Train (or continue training) a VAE. Returns the final state; the model's parameters are
 * `state.params`. Synchronous: run it in a worker or a CLI process.
 */
export function trainVae(options: TrainVaeOptions): VaeTrainState {
  const { backend, data } = options;
  let state: VaeTrainState;
  if (options.resume) {
    state = options.resume;
    if (state.config.dataset !== data.name) throw new VaeCheckpointMismatchError(`dataset '${state.config.dataset}', asked for '${data.name}'`);
    if (state.config.trainCount > data.train.count) throw new VaeCheckpointMismatchError(`trainCount ${state.config.trainCount} > ${data.train.count} training images`);
  } else {
    state = initialVaeTrainState(vaeTrainConfig({ trainCount: data.train.count, ...options.config, dataset: data.name }));
  }
  if (options.epochs !== undefined) {
    if (!Number.isSafeInteger(options.epochs) || options.epochs < 0) throw new ArgumentError('epochs', 'a non-negative integer', options.epochs);
    state.config = { ...state.config, epochs: options.epochs };
  }
  const { seed, batchSize: B, trainCount, vae } = state.config;
  const n = vae.inputDim, k = vae.latentDim;
  if (data.width * data.height !== n) throw new VaeCheckpointMismatchError(`images have ${data.width * data.height} pixels, the VAE ${n} inputs`);
  const stepsPerEpoch = Math.floor(trainCount / B);
  const model = new VaeModel(backend, state.params);
  const grads = cloneVaeParams(state.params, true);
  const every = options.checkpointEvery ?? 0;
  let stepsThisCall = 0;
  try {
    while (state.epoch < state.config.epochs) {
      const e = state.epoch;
      const perm = new Rng(deriveSeed(seed, 1, e)).permutation(trainCount);
      while (state.stepInEpoch < stepsPerEpoch) {
        if (options.maxSteps !== undefined && stepsThisCall >= options.maxSteps) return state;
        const s = state.stepInEpoch;
        const t0 = performance.now();
        const { X, Xt } = gatherBatch(data.train, n, perm, s * B, B);
        const eps = new Rng(deriveSeed(seed, 2, e, s)).gaussianVec(k * B);
        const sums = model.lossAndGrad(X, Xt, eps, grads);
        state.adam.step(vaeArrays(state.params), vaeArrays(grads));
        model.upload();
        state.partial.recon += sums.recon;
        state.partial.kl += sums.kl;
        state.partial.count += sums.count;
        state.partial.seconds += (performance.now() - t0) / 1000;
        state.stepInEpoch++;
        stepsThisCall++;
        options.onStep?.({ epoch: e, step: s, stepsPerEpoch, loss: lossPerExample(sums) });
        if (every > 0 && state.stepInEpoch % every === 0 && state.stepInEpoch < stepsPerEpoch) options.onCheckpoint?.(state, 'steps');
      }
      const p = state.partial;
      const record: VaeEpochRecord = {
        epoch: e + 1,
        trainLoss: (p.recon + p.kl) / p.count,
        trainRecon: p.recon / p.count,
        trainKl: p.kl / p.count,
        seconds: p.seconds,
      };
      if (options.evaluateTest ?? true) {
        const t = evaluateVae(model, data.test, seed);
        record.testLoss = lossPerExample(t);
        record.testRecon = t.recon / t.count;
        record.testKl = t.kl / t.count;
      }
      state.history.push(record);
      state.epoch++;
      state.stepInEpoch = 0;
      state.partial = { recon: 0, kl: 0, count: 0, seconds: 0 };
      options.onEpoch?.(record, state);
      options.onCheckpoint?.(state, 'epoch');
    }
    return state;
  } finally {
    model.dispose();
  }
}
