/**
 * The manifest shipped next to trained VAE weights: architecture, how it was trained (command,
 * seed, epochs), final losses and the sha256 of the weights file, which loaders verify.
 */
import { sha256Hex } from '@dpr/datasets';
import type { VaeTrainState } from './train.js';

/** Losses per example (nats). */
export interface VaeLosses {
  loss: number;
  recon: number;
  kl: number;
}

/** The JSON manifest of a weights file. */
export interface VaeManifest {
  name: string;
  /** Weights file name, relative to the manifest. */
  weights: string;
  sha256: string;
  bytes: number;
  architecture: {
    encoder: string;
    decoder: string;
    latentDim: number;
    hiddenActivation: 'softplus';
    outputActivation: 'sigmoid';
    likelihood: string;
    prior: string;
    tensors: string;
  };
  training: {
    command: string;
    dataset: string;
    trainImages: number;
    seed: number;
    epochs: number;
    epochsRequested: number;
    complete: boolean;
    steps: number;
    batchSize: number;
    optimizer: string;
    init: string;
    backend: string;
    secondsPerEpoch: number;
    randomness: string;
  };
  /** Losses of the last completed epoch: train = mean minibatch loss over that epoch, test = whole test set. */
  losses: { train: VaeLosses; test: VaeLosses | null };
  history: VaeTrainState['history'];
}

/** Build the manifest of weights `bytes` written from `state`. */
export function vaeManifest(opts: { name: string; weightsFile: string; bytes: Uint8Array; state: VaeTrainState; command: string; backend: string }): VaeManifest {
  const { state } = opts;
  const c = state.config, v = c.vae;
  const last = state.history[state.history.length - 1];
  const secs = state.history.map((h) => h.seconds);
  return {
    name: opts.name,
    weights: opts.weightsFile,
    sha256: sha256Hex(opts.bytes),
    bytes: opts.bytes.length,
    architecture: {
      encoder: `${[v.inputDim, ...v.hiddenDims].join('-')}-(${v.latentDim} mean, ${v.latentDim} log-variance)`,
      decoder: [v.latentDim, ...[...v.hiddenDims].reverse(), v.inputDim].join('-'),
      latentDim: v.latentDim,
      hiddenActivation: 'softplus',
      outputActivation: 'sigmoid',
      likelihood: 'Bernoulli: binary cross-entropy on the output logits, summed over pixels',
      prior: `N(0, I_${v.latentDim}); loss = recon + KL(q(z|x) || p(z)), averaged over the batch`,
      tensors: 'float32, W row-major [out, in]: encoder.fc1..fcH, encoder.mean, encoder.logvar, decoder.fc1..fcD (weight, bias)',
    },
    training: {
      command: opts.command,
      dataset: c.dataset,
      trainImages: c.trainCount,
      seed: c.seed,
      epochs: state.epoch,
      epochsRequested: c.epochs,
      complete: state.epoch >= c.epochs,
      steps: state.adam.t,
      batchSize: c.batchSize,
      optimizer: `Adam lr ${c.learningRate}, betas (${state.adam.hyper.beta1}, ${state.adam.hyper.beta2}), eps ${state.adam.hyper.epsilon}`,
      init: 'Xavier (Glorot) uniform weights, zero biases',
      backend: opts.backend,
      secondsPerEpoch: secs.length ? secs.reduce((a, b) => a + b, 0) / secs.length : 0,
      randomness: 'init deriveSeed(seed, 0); epoch-e shuffle deriveSeed(seed, 1, e); step-s noise deriveSeed(seed, 2, e, s); test noise deriveSeed(seed, 3, batch)',
    },
    losses: {
      train: last ? { loss: last.trainLoss, recon: last.trainRecon, kl: last.trainKl } : { loss: Number.NaN, recon: Number.NaN, kl: Number.NaN },
      test: last?.testLoss !== undefined ? { loss: last.testLoss, recon: last.testRecon as number, kl: last.testKl as number } : null,
    },
    history: state.history,
  };
}
