/**
 * The architecture of the DCGAN generator of Radford et al. (2016) in the form of the PyTorch
 * DCGAN tutorial, the weights it is built from, and its options.
 */
import { ArgumentError, type Backend } from '@dpr/linalg';
import type { ConvTranspose2dShape } from '../conv-transpose.js';

/** Widths of a DCGAN generator. */
export interface DcganArchitecture {
  /** k, the latent dimension (tutorial: 100). */
  nz: number;
  /** Width of the last hidden layer; layer widths are ngf·2^{blocks−1}, …, ngf (tutorial: 64). */
  ngf: number;
  /** Image channels (tutorial: 3). */
  nc: number;
  /** Number of stride-2 upsampling layers; the image side is 4·2^blocks (tutorial: 4 → 64). */
  blocks: number;
}

/** The architecture of the PyTorch DCGAN tutorial: 100 → 3 × 64 × 64. */
export const DCGAN_TUTORIAL_ARCHITECTURE: Readonly<DcganArchitecture> = Object.freeze({ nz: 100, ngf: 64, nc: 3, blocks: 4 });

/** Eval-mode parameters of one `BatchNorm2d` (each of length C_out). */
export interface DcganBatchNorm {
  /** γ. */
  weight: ArrayLike<number>;
  /** β. */
  bias: ArrayLike<number>;
  /** μ. */
  runningMean: ArrayLike<number>;
  /** σ² (≥ 0). */
  runningVar: ArrayLike<number>;
}

/** One `ConvTranspose2d` layer (with its batch norm, for every layer but the last). */
export interface DcganLayerWeights {
  /** Row-major `[C_in, C_out, 4, 4]` (PyTorch `ConvTranspose2d.weight` layout). */
  weight: ArrayLike<number>;
  /** Optional convolution bias, length C_out (the tutorial uses `bias=False`). */
  bias?: ArrayLike<number>;
  /** Required for layers 0 … blocks−1, absent for the last (Tanh) layer. */
  batchNorm?: DcganBatchNorm;
}

/** Options shared by the constructors of `DcganGenerator`. */
export interface DcganOptions {
  /** Backend the convolution weights live on (default: a new js backend). */
  backend?: Backend;
  /** Batch-norm ε (PyTorch default 1e-5). */
  eps?: number;
  /**
   * Most latent codes per GEMM pass in the batched methods (default: as many as keep the largest
   * intermediate, the columns matrix of one layer, under 4 Mi entries; 16 at full size).
   */
  maxBatchGroup?: number;
}

/** Options of `DcganGenerator.random`. */
export interface RandomDcganOptions extends Partial<DcganArchitecture>, DcganOptions {
  seed: number;
  /** Standard deviation of the convolution weights (DCGAN init: 0.02). */
  weightStd?: number;
  /** Standard deviation of γ around 1 (DCGAN init: 0.02). */
  gammaStd?: number;
  /**
   * If > 0, set every batch norm's running mean/variance to the per-channel mean and (biased)
   * variance of its input over this many N(0, I) latent codes (drawn after the weights, layer by
   * layer), as a train-mode pass would; otherwise they stay 0 / 1 (PyTorch's initial state). With
   * 0 / 1 the DCGAN init shrinks activations layer by layer (images of tiny contrast); calibrated
   * statistics keep them at unit scale. Default 0.
   */
  calibrationSamples?: number;
}

/** Options of `DcganGenerator.fromSafetensors`. */
export interface DcganSafetensorsOptions extends Partial<DcganArchitecture>, DcganOptions {
  /**
   * Prefix of every tensor name, e.g. `'module.'` for a state dict saved from `nn.DataParallel`.
   * Default: `''`, or `'module.'` when the file has `module.main.0.weight` but no `main.0.weight`.
   */
  prefix?: string;
}


export function resolveArchitecture(a: Partial<DcganArchitecture> | undefined): DcganArchitecture {
  if (a !== undefined && (typeof a !== 'object' || a === null)) throw new ArgumentError('architecture', 'an object { nz, ngf, nc, blocks }', a);
  const d = DCGAN_TUTORIAL_ARCHITECTURE;
  const out = { nz: a?.nz ?? d.nz, ngf: a?.ngf ?? d.ngf, nc: a?.nc ?? d.nc, blocks: a?.blocks ?? d.blocks };
  for (const key of ['nz', 'ngf', 'nc', 'blocks'] as const) {
    const v = out[key];
    if (!Number.isSafeInteger(v) || v < 1) throw new ArgumentError(key, 'a positive integer', v);
  }
  if (out.blocks > 12) throw new ArgumentError('blocks', 'at most 12 (images up to 16384 × 16384)', out.blocks);
  return out;
}

/** The blocks + 1 transposed convolutions of the architecture. */
export function layerSpecs(a: DcganArchitecture): ConvTranspose2dShape[] {
  const specs: ConvTranspose2dShape[] = [];
  let inChannels = a.nz, size = 1;
  for (let i = 0; i <= a.blocks; i++) {
    const outChannels = i === a.blocks ? a.nc : a.ngf * 2 ** (a.blocks - 1 - i);
    const first = i === 0;
    specs.push({ inChannels, outChannels, kernel: 4, stride: first ? 1 : 2, padding: first ? 0 : 1, inHeight: size, inWidth: size });
    size = first ? 4 : 2 * size;
    inChannels = outChannels;
  }
  return specs;
}
