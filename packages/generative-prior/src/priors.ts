/**
 * Every generative prior by id: one table, filled explicitly (no import side effects), read by
 * `dpr solve --prior`, the sweeps and the browser app. A spec is `ID` or `ID:PARAMS`:
 *
 * - `gaussian:k,n1,...,n`: the paper's random bias-free ReLU net (Section 4.1), weights from the seed;
 * - `mnist-vae`, `fashion-mnist-vae`: the decoders of the VAEs trained in this repository (the
 *   weights come from `loadPretrained`, so the table itself reads no files: Node passes the
 *   sha256-checked loader of `@dpr/generative-prior/mnist-vae`, a browser the bytes it fetched).
 */
import { ArgumentError, type Backend } from '@dpr/linalg';
import type { Generator } from './generator.js';
import type { MlpGenerator } from './mlp-generator.js';
import { ReluNetwork, type WeightScale } from './relu-network.js';
import type { SafetensorsFile } from './safetensors.js';
import { vaeDecoderFromSafetensors } from './pretrained/vae-weights.js';

/** What a prior is built with. */
export interface PriorContext {
  /** Backend the weights live on (default js). */
  backend?: Backend;
  /** Seed of random weights (random priors). */
  seed?: number;
  /** Scale of random weights (default `unit`). */
  weightScale?: WeightScale;
  /** The parsed weights file of a shipped model (pretrained priors). */
  loadPretrained?: (name: string) => SafetensorsFile;
}

/** One prior. */
export interface PriorModel {
  readonly id: string;
  readonly summary: string;
  /** Whether it needs shipped weights (`loadPretrained`). */
  readonly pretrained: boolean;
  /** Latent and signal dimension of a spec's parameters (without building it). */
  dims(params: string | undefined): readonly number[];
  create(params: string | undefined, context: PriorContext): Generator;
}

/** Widths k, n1, …, n of `gaussian:k,n1,...,n`. */
function gaussianDims(params: string | undefined): number[] {
  const dims = params === undefined || !/^\d+(,\d+)+$/.test(params) ? [] : params.split(',').map(Number);
  if (dims.length < 2 || dims.some((d) => d < 1)) throw new ArgumentError('prior', 'gaussian:k,n1,...,n with positive integer widths (e.g. gaussian:10,500,1000)', `gaussian:${params ?? ''}`);
  return dims;
}

/** The paper's random ReLU network. */
export const gaussianPrior: PriorModel = {
  id: 'gaussian',
  summary: 'random bias-free ReLU net G(x) = relu(W_d … relu(W_1 x)), W_i iid N(0, 1) or N(0, 1/n_i)',
  pretrained: false,
  dims: gaussianDims,
  create(params, context) {
    return ReluNetwork.random({ dims: gaussianDims(params), seed: context.seed ?? 0, scale: context.weightScale ?? 'unit', ...(context.backend ? { backend: context.backend } : {}) });
  },
};

/** A shipped VAE decoder 20 → 784 (softplus, softplus, sigmoid). */
function pretrainedVae(id: string, summary: string): PriorModel {
  return {
    id,
    summary,
    pretrained: true,
    dims: () => [20, 500, 500, 784],
    create(params, context) {
      if (params !== undefined) throw new ArgumentError('prior', `'${id}' without parameters`, `${id}:${params}`);
      if (!context.loadPretrained) throw new ArgumentError('loadPretrained', `a loader of the shipped weights (prior '${id}')`);
      const G: MlpGenerator = vaeDecoderFromSafetensors(context.loadPretrained(id), context.backend ? { backend: context.backend } : {});
      return G;
    },
  };
}

/** Every prior, by id. */
export const PRIORS: Readonly<Record<string, PriorModel>> = {
  [gaussianPrior.id]: gaussianPrior,
  'mnist-vae': pretrainedVae('mnist-vae', 'the MNIST VAE decoder trained in this repository (Bora et al. architecture)'),
  'fashion-mnist-vae': pretrainedVae('fashion-mnist-vae', 'the Fashion-MNIST VAE decoder trained in this repository'),
};

/** Split a spec `ID[:PARAMS]` and look the prior up, or throw naming the known ones. */
export function parsePriorSpec(spec: string): { model: PriorModel; params: string | undefined } {
  const colon = spec.indexOf(':');
  const id = colon < 0 ? spec : spec.slice(0, colon);
  const model = PRIORS[id];
  if (!model) throw new ArgumentError('prior', `one of ${Object.keys(PRIORS).map((k) => (k === 'gaussian' ? 'gaussian:k,n1,...,n' : k)).join(', ')}`, spec);
  return { model, params: colon < 0 ? undefined : spec.slice(colon + 1) };
}

/** Build the prior of a spec. */
export function createPrior(spec: string, context: PriorContext = {}): Generator {
  const { model, params } = parsePriorSpec(spec);
  return model.create(params, context);
}
