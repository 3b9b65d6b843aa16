/**
 * `@dpr/generative-prior/mnist-vae` (Node only): the MNIST VAE trained in this repository
 * (`pnpm dpr train vae`, architecture of Bora et al.: 20-500-500-784 decoder with softplus hidden
 * layers and a sigmoid output, 784-500-500-(20, 20) encoder), shipped as
 * `weights/mnist-vae.safetensors` with `weights/mnist-vae.manifest.json`. The file is read through
 * `node:fs` relative to this module and its sha256 is checked against the manifest before use, so
 * a corrupted or swapped file is a {@link PretrainedWeightsError}, never a silently different
 * prior. Browsers: fetch the file yourself and use `vaeDecoderFromSafetensors` from the main entry.
 *
 * @example
 * ```ts
 * import { loadMnistVaeDecoder } from '@dpr/generative-prior/mnist-vae';
 * const G = loadMnistVaeDecoder();            // MlpGenerator 20 → 784
 * const digit = G.forward(new Float64Array(20)); // 784 pixel intensities in [0, 1]
 * ```
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DprError } from '@dpr/linalg';
import type { MlpGenerator } from '../mlp-generator.js';
import { readSafetensors, type SafetensorsFile } from '../safetensors.js';
import { vaeDecoderFromSafetensors, vaeEncoderMeanFromSafetensors, type VaeWeightsOptions } from './vae-weights.js';

/** Path of the shipped weights file. */
export const MNIST_VAE_WEIGHTS_PATH = fileURLToPath(new URL('../../weights/mnist-vae.safetensors', import.meta.url));
/** Path of the shipped manifest. */
export const MNIST_VAE_MANIFEST_PATH = fileURLToPath(new URL('../../weights/mnist-vae.manifest.json', import.meta.url));

/** Shipped weights are missing, unreadable, or do not match their manifest. */
export class PretrainedWeightsError extends DprError {
  /** The file at fault. */
  readonly file: string;
  constructor(file: string, detail: string) {
    super('E_PRETRAINED_WEIGHTS', `${file}: ${detail}`);
    this.file = file;
  }
}

/** The fields of the manifest that loaders and reports use (the file has more). */
export interface MnistVaeManifest {
  name: string;
  weights: string;
  sha256: string;
  bytes: number;
  architecture: { encoder: string; decoder: string; latentDim: number };
  training: { command: string; dataset: string; seed: number; epochs: number; epochsRequested: number; complete: boolean; secondsPerEpoch: number };
  losses: { train: { loss: number; recon: number; kl: number }; test: { loss: number; recon: number; kl: number } | null };
}

/** Whether the weights file and its manifest are present. */
export function mnistVaeAvailable(): boolean {
  return existsSync(MNIST_VAE_WEIGHTS_PATH) && existsSync(MNIST_VAE_MANIFEST_PATH);
}

/** Read and validate the manifest. */
export function mnistVaeManifest(): MnistVaeManifest {
  let raw: string;
  try {
    raw = readFileSync(MNIST_VAE_MANIFEST_PATH, 'utf8');
  } catch (e) {
    throw new PretrainedWeightsError(MNIST_VAE_MANIFEST_PATH, `cannot read the manifest (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let m: MnistVaeManifest;
  try {
    m = JSON.parse(raw) as MnistVaeManifest;
  } catch (e) {
    throw new PretrainedWeightsError(MNIST_VAE_MANIFEST_PATH, `not valid JSON (${(e as Error).message})`);
  }
  if (typeof m !== 'object' || m === null || typeof m.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(m.sha256)) {
    throw new PretrainedWeightsError(MNIST_VAE_MANIFEST_PATH, 'no valid "sha256" field');
  }
  return m;
}

let cached: { sha256: string; file: SafetensorsFile } | undefined;

/** The shipped weights as a parsed safetensors file, after checking its sha256 against the manifest. */
export function loadMnistVaeFile(): SafetensorsFile {
  const manifest = mnistVaeManifest();
  if (cached && cached.sha256 === manifest.sha256) return cached.file;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(MNIST_VAE_WEIGHTS_PATH));
  } catch (e) {
    throw new PretrainedWeightsError(MNIST_VAE_WEIGHTS_PATH, `cannot read the weights (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== manifest.sha256) {
    throw new PretrainedWeightsError(MNIST_VAE_WEIGHTS_PATH, `sha256 ${actual} does not match the manifest's ${manifest.sha256}`);
  }
  const file = readSafetensors(bytes);
  cached = { sha256: manifest.sha256, file };
  return file;
}

function expectDims(G: MlpGenerator, dims: readonly number[], what: string): MlpGenerator {
  if (G.dims.length !== dims.length || G.dims.some((d, i) => d !== dims[i])) {
    G.dispose();
    throw new PretrainedWeightsError(MNIST_VAE_WEIGHTS_PATH, `${what} has layer widths ${G.dims.join('-')}, expected ${dims.join('-')}`);
  }
  return G;
}

/** The decoder G : R^20 → [0, 1]^784 (softplus, softplus, sigmoid) as an {@link MlpGenerator}. */
export function loadMnistVaeDecoder(options: VaeWeightsOptions = {}): MlpGenerator {
  return expectDims(vaeDecoderFromSafetensors(loadMnistVaeFile(), options), [20, 500, 500, 784], 'the decoder');
}

/** The encoder mean μ : R^784 → R^20 (softplus, softplus, identity), e.g. to start a projection. */
export function loadMnistVaeEncoderMean(options: VaeWeightsOptions = {}): MlpGenerator {
  return expectDims(vaeEncoderMeanFromSafetensors(loadMnistVaeFile(), options), [784, 500, 500, 20], 'the encoder');
}
