/**
 * `@dpr/generative-prior/mnist-vae` (Node only): the MNIST VAE trained in this repository
 * (`pnpm dpr train vae`, architecture of Bora et al.: 20-500-500-784 decoder with softplus hidden
 * layers and a sigmoid output, 784-500-500-(20, 20) encoder), shipped in half precision as the
 * package `@dpr/mnist-vae-weights` (`mnist-vae.safetensors` with `mnist-vae.manifest.json`; a
 * dependency, so it is installed with this one). The file is read through `node:fs` from that
 * package's folder and its sha256 is checked against the manifest before use, so
 * a corrupted or swapped file is a {@link PretrainedWeightsError}, never a silently different
 * prior. Browsers: fetch the file yourself and use `vaeDecoderFromSafetensors` from the main entry.
 *
 * @example
 * ```ts
 * import { loadMnistVaeDecoder } from '@dpr/generative-prior/mnist-vae';
 * const G = loadMnistVaeDecoder();            // MlpGenerator 20 → 784
 * const digit = G.forward(new Float64Array(20)); // 784 pixel intensities in [0, 1]
 * ```
 * @module mnist-vae
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DprError, plainBytes } from '@dpr/linalg';
import type { MlpGenerator } from '../mlp-generator.js';
import { readSafetensors, type SafetensorsFile } from '../safetensors.js';
import { vaeDecoderFromSafetensors, vaeEncoderMeanFromSafetensors, type VaeWeightsOptions } from './vae-weights.js';

const require = createRequire(import.meta.url);

/**
 * Where a shipped VAE's files live: the folder of its weights package `@dpr/NAME-weights`
 * (half-precision safetensors + manifest), or the bare package path when it is not installed (the
 * loaders then fail naming it).
 */
function weightsFolder(name: PretrainedVaeName): string {
  try {
    return dirname(require.resolve(`@dpr/${name}-weights/package.json`));
  } catch {
    return `@dpr/${name}-weights`;
  }
}

/** Path of the shipped weights file (in `@dpr/mnist-vae-weights`). */
export const MNIST_VAE_WEIGHTS_PATH = join(weightsFolder('mnist-vae'), 'mnist-vae.safetensors');
/** Path of the shipped manifest (in `@dpr/mnist-vae-weights`). */
export const MNIST_VAE_MANIFEST_PATH = join(weightsFolder('mnist-vae'), 'mnist-vae.manifest.json');

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

/** The VAEs trained in this repository, shipped as the packages `@dpr/mnist-vae-weights` and `@dpr/fashion-mnist-vae-weights`. */
export const PRETRAINED_VAE_NAMES = ['mnist-vae', 'fashion-mnist-vae'] as const;
/** Name of a shipped VAE: `NAME.safetensors` + `NAME.manifest.json` in the package `@dpr/NAME-weights`. */
export type PretrainedVaeName = (typeof PRETRAINED_VAE_NAMES)[number];

/** Paths of a shipped VAE's weights and manifest. */
export function pretrainedVaePaths(name: PretrainedVaeName): { weights: string; manifest: string } {
  if (name === 'mnist-vae') return { weights: MNIST_VAE_WEIGHTS_PATH, manifest: MNIST_VAE_MANIFEST_PATH };
  const dir = weightsFolder(name);
  return { weights: join(dir, `${name}.safetensors`), manifest: join(dir, `${name}.manifest.json`) };
}

/** Whether a shipped VAE's weights file and manifest are present. */
export function pretrainedVaeAvailable(name: PretrainedVaeName): boolean {
  const p = pretrainedVaePaths(name);
  return existsSync(p.weights) && existsSync(p.manifest);
}

/** Whether the weights file and its manifest are present. */
export function mnistVaeAvailable(): boolean {
  return pretrainedVaeAvailable('mnist-vae');
}

/** Read and validate a shipped VAE's manifest (the epoch count is `training.epochs`). */
export function pretrainedVaeManifest(name: PretrainedVaeName): MnistVaeManifest {
  const path = pretrainedVaePaths(name).manifest;
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (e) {
    throw new PretrainedWeightsError(path, `cannot read the manifest (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let m: MnistVaeManifest;
  try {
    m = JSON.parse(raw) as MnistVaeManifest;
  } catch (e) {
    throw new PretrainedWeightsError(path, `not valid JSON (${(e as Error).message})`);
  }
  if (typeof m !== 'object' || m === null || typeof m.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(m.sha256)) {
    throw new PretrainedWeightsError(path, 'no valid "sha256" field');
  }
  return m;
}

/** Read and validate the manifest. */
export function mnistVaeManifest(): MnistVaeManifest {
  return pretrainedVaeManifest('mnist-vae');
}

const cache = new Map<PretrainedVaeName, { sha256: string; file: SafetensorsFile }>();

/** A shipped VAE's weights as a parsed safetensors file, after checking its sha256 against the manifest. */
export function loadPretrainedVaeFile(name: PretrainedVaeName): SafetensorsFile {
  const manifest = pretrainedVaeManifest(name);
  const cached = cache.get(name);
  if (cached && cached.sha256 === manifest.sha256) return cached.file;
  const path = pretrainedVaePaths(name).weights;
  let bytes: Uint8Array;
  try {
    bytes = plainBytes(readFileSync(path));
  } catch (e) {
    throw new PretrainedWeightsError(path, `cannot read the weights (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== manifest.sha256) {
    throw new PretrainedWeightsError(path, `sha256 ${actual} does not match the manifest's ${manifest.sha256}`);
  }
  const file = readSafetensors(bytes);
  cache.set(name, { sha256: manifest.sha256, file });
  return file;
}

/** The shipped weights as a parsed safetensors file, after checking its sha256 against the manifest. */
export function loadMnistVaeFile(): SafetensorsFile {
  return loadPretrainedVaeFile('mnist-vae');
}

function expectDims(G: MlpGenerator, dims: readonly number[], what: string, file = MNIST_VAE_WEIGHTS_PATH): MlpGenerator {
  if (G.dims.length !== dims.length || G.dims.some((d, i) => d !== dims[i])) {
    G.dispose();
    throw new PretrainedWeightsError(file, `${what} has layer widths ${G.dims.join('-')}, expected ${dims.join('-')}`);
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

/** A shipped VAE's decoder G : R^20 → [0, 1]^784 (e.g. `fashion-mnist-vae`, same architecture as MNIST's). */
export function loadPretrainedVaeDecoder(name: PretrainedVaeName, options: VaeWeightsOptions = {}): MlpGenerator {
  return expectDims(vaeDecoderFromSafetensors(loadPretrainedVaeFile(name), options), [20, 500, 500, 784], 'the decoder', pretrainedVaePaths(name).weights);
}

/** A shipped VAE's encoder mean μ : R^784 → R^20. */
export function loadPretrainedVaeEncoderMean(name: PretrainedVaeName, options: VaeWeightsOptions = {}): MlpGenerator {
  return expectDims(vaeEncoderMeanFromSafetensors(loadPretrainedVaeFile(name), options), [784, 500, 500, 20], 'the encoder', pretrainedVaePaths(name).weights);
}
