/**
 * The DCGAN generator of Radford et al. (2016) in the form of the PyTorch DCGAN tutorial
 * (`nz = 100, ngf = 64, nc = 3`, 64 × 64 × 3 images), evaluated in inference mode with every
 * batch norm folded into a per-channel scale and shift:
 *
 * ```
 * main.0   ConvTranspose2d(nz,      ngf·8, 4, 1, 0, bias=False)   100×1×1 → 512×4×4
 * main.1   BatchNorm2d(ngf·8)    main.2  ReLU
 * main.3   ConvTranspose2d(ngf·8,   ngf·4, 4, 2, 1, bias=False)   → 256×8×8
 * main.4   BatchNorm2d(ngf·4)    main.5  ReLU
 * main.6   ConvTranspose2d(ngf·4,   ngf·2, 4, 2, 1, bias=False)   → 128×16×16
 * main.7   BatchNorm2d(ngf·2)    main.8  ReLU
 * main.9   ConvTranspose2d(ngf·2,   ngf,   4, 2, 1, bias=False)   → 64×32×32
 * main.10  BatchNorm2d(ngf)      main.11 ReLU
 * main.12  ConvTranspose2d(ngf,    nc,    4, 2, 1, bias=False)   → 3×64×64
 * main.13  Tanh
 * ```
 *
 * With `blocks` = b stride-2 layers (4 in the tutorial) the hidden widths are ngf·2^{b−1}, …, ngf
 * and the image is nc × 4·2^b × 4·2^b; G(x) is that image flattened in CHW order
 * (index c·S² + y·S + x, S = 4·2^b).
 *
 * Batch norm in eval mode, y = γ (z − μ)/√(σ² + ε) + β, is applied as y = a z + b with
 * a = γ/√(σ² + ε), b = β − a μ per channel (plus a·bias when a convolution has a bias).
 */
import {
  ArgumentError,
  JsBackend,
  Rng,
  ShapeError,
  assertFinite,
  assertVec,
  type Backend,
  type Mat,
  type Vec,
} from '@dpr/linalg';
import { ConvTranspose2d, type ConvTranspose2dShape } from './conv-transpose.js';
import type { BatchLinearization, Generator, Linearization } from './generator.js';
import { SafetensorsError, readSafetensors, requireTensor, type SafetensorsFile, type Tensor } from './safetensors.js';

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

/** Options shared by the constructors of {@link DcganGenerator}. */
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

/** Options of {@link DcganGenerator.random}. */
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

/** Options of {@link DcganGenerator.fromSafetensors}. */
export interface DcganSafetensorsOptions extends Partial<DcganArchitecture>, DcganOptions {
  /**
   * Prefix of every tensor name, e.g. `'module.'` for a state dict saved from `nn.DataParallel`.
   * Default: `''`, or `'module.'` when the file has `module.main.0.weight` but no `main.0.weight`.
   */
  prefix?: string;
}

interface BatchNormParams {
  weight: Float64Array;
  bias: Float64Array;
  runningMean: Float64Array;
  runningVar: Float64Array;
}

interface Layer {
  conv: ConvTranspose2d;
  /** Folded per-channel affine map after the convolution. */
  scale: Float64Array;
  shift: Float64Array;
  act: 'relu' | 'tanh';
  bias: Float64Array | undefined;
  bn: BatchNormParams | undefined;
  /** H_out · W_out. */
  pixels: number;
}

/** Entries of the largest intermediate (columns matrix) processed in one GEMM: 4 Mi doubles. */
const GROUP_ENTRIES = 1 << 22;
/** `num_batches_tracked` counters (I64 in PyTorch) are not needed for inference and skipped. */
const BATCH_COUNTER = /(^|\.)num_batches_tracked$/;

/**
 * A DCGAN generator G : R^nz → R^{nc·S·S}, S = 4·2^blocks, with transposed convolutions run as
 * backend GEMMs (see {@link ConvTranspose2d}). Not positively homogeneous (batch-norm shifts,
 * tanh). ReLU derivatives are 0 at exactly 0; tanh derivatives are 1 − G(x)².
 *
 * Weights load from a PyTorch state dict of the tutorial's `Generator` saved as safetensors
 * ({@link DcganGenerator.fromSafetensors}); the tensor names and layouts are those of
 * {@link DcganGenerator.stateDictShapes}:
 *
 * | tensor | shape | meaning |
 * |---|---|---|
 * | `main.{3i}.weight`, i = 0 … blocks | `[C_in, C_out, 4, 4]` | ConvTranspose2d weight (i = 0: C_in = nz; i = blocks: C_out = nc) |
 * | `main.{3i}.bias` (optional) | `[C_out]` | ConvTranspose2d bias (absent with `bias=False`) |
 * | `main.{3i+1}.weight`, i < blocks | `[C_out]` | BatchNorm2d γ |
 * | `main.{3i+1}.bias` | `[C_out]` | BatchNorm2d β |
 * | `main.{3i+1}.running_mean` | `[C_out]` | μ |
 * | `main.{3i+1}.running_var` | `[C_out]` | σ² |
 * | `main.{3i+1}.num_batches_tracked` | `[]` I64 | ignored (skipped before parsing) |
 *
 * with C_out of layer i < blocks equal to ngf·2^{blocks−1−i}.
 */
export class DcganGenerator implements Generator {
  readonly latentDim: number;
  readonly outputDim: number;
  readonly positivelyHomogeneous = false;
  readonly backend: Backend;
  readonly architecture: Readonly<DcganArchitecture>;
  /** Batch-norm ε. */
  readonly eps: number;
  /** The output G(x) is an image of shape `[nc, S, S]`, flattened in CHW order. */
  readonly imageShape: readonly [number, number, number];
  private readonly layers: Layer[];
  /** Latent codes per GEMM pass of the batched methods. */
  private readonly groupSize: number;

  /**
   * From explicit weights, one entry per `ConvTranspose2d` (blocks + 1 of them).
   * @param architecture defaults: {@link DCGAN_TUTORIAL_ARCHITECTURE}.
   */
  constructor(architecture: Partial<DcganArchitecture>, layers: readonly DcganLayerWeights[], options: DcganOptions = {}) {
    const arch = resolveArchitecture(architecture);
    const eps = options.eps ?? 1e-5;
    if (typeof eps !== 'number' || !Number.isFinite(eps) || eps < 0) throw new ArgumentError('eps', 'a finite number ≥ 0', eps);
    const maxGroup = options.maxBatchGroup ?? Number.POSITIVE_INFINITY;
    if (maxGroup !== Number.POSITIVE_INFINITY && !(Number.isSafeInteger(maxGroup) && maxGroup >= 1)) {
      throw new ArgumentError('maxBatchGroup', 'a positive integer', maxGroup);
    }
    const specs = layerSpecs(arch);
    if (!Array.isArray(layers) || layers.length !== specs.length) {
      throw new ShapeError('layers', `${specs.length} layers (blocks + 1 ConvTranspose2d)`, Array.isArray(layers) ? layers.length : layers);
    }
    this.architecture = Object.freeze(arch);
    this.eps = eps;
    this.backend = options.backend ?? new JsBackend();
    this.layers = [];
    try {
      specs.forEach((spec, i) => {
        const l = layers[i]!;
        const name = `layers[${i}]`;
        const C = spec.outChannels;
        const vec = (v: ArrayLike<number> | undefined, field: string): Float64Array => {
          if (v === null || typeof v !== 'object' || typeof v.length !== 'number') throw new ArgumentError(`${name}.${field}`, `an array of length ${C}`, v);
          if (v.length !== C) throw new ShapeError(`${name}.${field}`, `length ${C}`, v.length);
          assertFinite(`${name}.${field}`, v);
          return Float64Array.from(v);
        };
        const countW = spec.inChannels * C * 16;
        if (l?.weight === null || typeof l?.weight !== 'object' || l.weight.length !== countW) {
          throw new ShapeError(`${name}.weight`, `length ${countW} = [${spec.inChannels}, ${C}, 4, 4]`, l?.weight?.length ?? l?.weight);
        }
        const bias = l.bias === undefined ? undefined : vec(l.bias, 'bias');
        let bn: BatchNormParams | undefined;
        const last = i === specs.length - 1;
        if (last && l.batchNorm !== undefined) throw new ArgumentError(`${name}.batchNorm`, 'absent (the last layer has no batch norm)', l.batchNorm);
        if (!last) {
          if (typeof l.batchNorm !== 'object' || l.batchNorm === null) throw new ArgumentError(`${name}.batchNorm`, 'the BatchNorm2d parameters', l.batchNorm);
          bn = {
            weight: vec(l.batchNorm.weight, 'batchNorm.weight'),
            bias: vec(l.batchNorm.bias, 'batchNorm.bias'),
            runningMean: vec(l.batchNorm.runningMean, 'batchNorm.runningMean'),
            runningVar: vec(l.batchNorm.runningVar, 'batchNorm.runningVar'),
          };
          bn.runningVar.forEach((v, c) => {
            if (!(v + eps > 0)) throw new ArgumentError(`${name}.batchNorm.runningVar[${c}]`, `σ² + eps > 0`, v);
          });
        }
        let conv: ConvTranspose2d;
        try {
          conv = new ConvTranspose2d(this.backend, l.weight, spec);
        } catch (e) {
          if (e instanceof ArgumentError) throw new ArgumentError(`${name}.${e.parameter}`, e.expected);
          throw e;
        }
        const layer: Layer = {
          conv,
          scale: new Float64Array(C),
          shift: new Float64Array(C),
          act: last ? 'tanh' : 'relu',
          bias,
          bn,
          pixels: conv.outHeight * conv.outWidth,
        };
        this.layers.push(layer);
        this.fold(layer);
      });
    } catch (e) {
      for (const l of this.layers) l.conv.dispose();
      throw e;
    }
    const last = this.layers[this.layers.length - 1]!.conv;
    this.imageShape = [arch.nc, last.outHeight, last.outWidth];
    this.latentDim = arch.nz;
    this.outputDim = last.outSize;
    const perCode = Math.max(...this.layers.map((l) => l.conv.outChannels * 16 * l.conv.inHeight * l.conv.inWidth));
    this.groupSize = Math.min(maxGroup, Math.max(1, Math.floor(GROUP_ENTRIES / perCode)));
  }

  /**
   * A randomly initialised DCGAN (the DCGAN paper's init): every convolution weight N(0, weightStd²)
   * (0.02), γ ~ N(1, gammaStd²) (0.02), β = 0, running mean 0 and variance 1 unless
   * `calibrationSamples` is set. Draws from `seed` in module order: main.0.weight, main.1.weight,
   * main.3.weight, main.4.weight, …, main.{3·blocks}.weight (each row-major), then the
   * calibration codes. Architecture defaults: {@link DCGAN_TUTORIAL_ARCHITECTURE}.
   */
  static random(options: RandomDcganOptions): DcganGenerator {
    const arch = resolveArchitecture(options);
    const weightStd = options.weightStd ?? 0.02, gammaStd = options.gammaStd ?? 0.02;
    if (!(Number.isFinite(weightStd) && weightStd >= 0)) throw new ArgumentError('weightStd', 'a finite number ≥ 0', weightStd);
    if (!(Number.isFinite(gammaStd) && gammaStd >= 0)) throw new ArgumentError('gammaStd', 'a finite number ≥ 0', gammaStd);
    const samples = options.calibrationSamples ?? 0;
    if (!Number.isSafeInteger(samples) || samples < 0) throw new ArgumentError('calibrationSamples', 'a non-negative integer', samples);
    const rng = new Rng(options.seed);
    const specs = layerSpecs(arch);
    const layers: DcganLayerWeights[] = specs.map((s, i) => {
      const weight = rng.gaussianVec(s.inChannels * s.outChannels * 16, weightStd);
      if (i === specs.length - 1) return { weight };
      const gamma = rng.gaussianVec(s.outChannels, gammaStd).map((v) => 1 + v);
      const C = s.outChannels;
      return { weight, batchNorm: { weight: gamma, bias: new Float64Array(C), runningMean: new Float64Array(C), runningVar: new Float64Array(C).fill(1) } };
    });
    const G = new DcganGenerator(arch, layers, options);
    if (samples > 0) G.calibrate(rng, samples);
    return G;
  }

  /**
   * Load a PyTorch DCGAN `state_dict` saved with `safetensors.torch.save_file` (bytes or an
   * already parsed file). Architecture fields not given are inferred: `nz` from
   * `main.0.weight`, `blocks` from the run of `main.{3i}.weight` tensors, `ngf`/`nc` from the last
   * of them; then every tensor's shape is checked, and any failure (missing tensor, wrong shape,
   * negative running variance, unexpected extra `main.*` tensor) is a {@link SafetensorsError}
   * naming the tensor. `num_batches_tracked` (I64, which the safetensors reader does not accept)
   * is dropped from the header before parsing; no other tensor is treated specially.
   */
  static fromSafetensors(source: Uint8Array | SafetensorsFile, options: DcganSafetensorsOptions = {}): DcganGenerator {
    const file = source instanceof Uint8Array ? readSafetensors(withoutBatchCounters(source)) : source;
    if (typeof file !== 'object' || file === null || !(file.tensors instanceof Map)) throw new ArgumentError('source', 'safetensors bytes (Uint8Array) or a SafetensorsFile', source);
    const prefix = options.prefix ?? (!file.tensors.has('main.0.weight') && file.tensors.has('module.main.0.weight') ? 'module.' : '');
    const name = (module: number, field: string) => `${prefix}main.${module}.${field}`;
    const first = options.nz === undefined ? requireTensor(file, name(0, 'weight'), [-1, -1, 4, 4]) : undefined;
    let blocks = options.blocks;
    if (blocks === undefined) {
      let i = 1;
      while (file.tensors.has(name(3 * i, 'weight'))) i++;
      blocks = i - 1;
      if (blocks < 1) requireTensor(file, name(3, 'weight'));
    }
    const inferLast = (options.ngf === undefined || options.nc === undefined) && Number.isSafeInteger(blocks) && blocks >= 1;
    const lastConv = inferLast ? requireTensor(file, name(3 * blocks, 'weight'), [-1, -1, 4, 4]) : undefined;
    const arch = resolveArchitecture({
      nz: options.nz ?? first?.shape[0],
      ngf: options.ngf ?? lastConv?.shape[0],
      nc: options.nc ?? lastConv?.shape[1],
      blocks,
    });
    const shapes = DcganGenerator.stateDictShapes(arch);
    const get = (key: string): Float64Array => requireTensor(file, prefix + key, shapes.get(key)).data;
    const layers: DcganLayerWeights[] = layerSpecs(arch).map((s, i) => {
      const conv = 3 * i, bnm = 3 * i + 1;
      const layer: DcganLayerWeights = { weight: get(`main.${conv}.weight`) };
      const biasName = name(conv, 'bias');
      if (file.tensors.has(biasName)) layer.bias = requireTensor(file, biasName, [s.outChannels]).data;
      if (i < arch.blocks) {
        const runningVar = get(`main.${bnm}.running_var`);
        const eps = options.eps ?? 1e-5;
        runningVar.forEach((v, c) => {
          if (!(v + eps > 0)) throw new SafetensorsError(`entry ${c} is ${v}; a variance needs σ² + eps > 0`, name(bnm, 'running_var'));
        });
        layer.batchNorm = { weight: get(`main.${bnm}.weight`), bias: get(`main.${bnm}.bias`), runningMean: get(`main.${bnm}.running_mean`), runningVar };
      }
      return layer;
    });
    // Everything under main.* must belong to this architecture (reported in module order).
    const allowed = new Set(DcganGenerator.stateDictShapes(arch).keys());
    for (let i = 0; i <= arch.blocks; i++) allowed.add(`main.${3 * i}.bias`);
    for (let i = 0; i < arch.blocks; i++) allowed.add(`main.${3 * i + 1}.num_batches_tracked`);
    const module = (key: string) => Number(/^main\.(\d+)\./.exec(key)?.[1] ?? Number.POSITIVE_INFINITY);
    const unexpected = [...file.tensors.keys()]
      .filter((key) => key.startsWith(`${prefix}main.`) && !allowed.has(key.slice(prefix.length)))
      .sort((a, b) => module(a.slice(prefix.length)) - module(b.slice(prefix.length)) || (a < b ? -1 : 1));
    if (unexpected.length > 0) {
      throw new SafetensorsError(`unexpected: not a parameter of the DCGAN generator with nz = ${arch.nz}, ngf = ${arch.ngf}, nc = ${arch.nc}, blocks = ${arch.blocks} (main.0 … main.${3 * arch.blocks + 1})`, unexpected[0]);
    }
    return new DcganGenerator(arch, layers, options);
  }

  /**
   * Names and shapes of the tensors {@link DcganGenerator.fromSafetensors} reads (without prefix,
   * optional convolution biases and the ignored `num_batches_tracked`), in module order.
   */
  static stateDictShapes(architecture: Partial<DcganArchitecture> = {}): Map<string, number[]> {
    const arch = resolveArchitecture(architecture);
    const out = new Map<string, number[]>();
    layerSpecs(arch).forEach((s, i) => {
      out.set(`main.${3 * i}.weight`, [s.inChannels, s.outChannels, 4, 4]);
      if (i < arch.blocks) {
        for (const f of ['weight', 'bias', 'running_mean', 'running_var']) out.set(`main.${3 * i + 1}.${f}`, [s.outChannels]);
      }
    });
    return out;
  }

  /**
   * The state dict with PyTorch names (F32 by default, as PyTorch saves), loadable by
   * {@link DcganGenerator.fromSafetensors} after `writeSafetensors`. Convolution weights are read
   * back from the backend (float32-rounded on `wasm`/`gpujs`); `num_batches_tracked` is omitted.
   */
  stateDict(dtype: 'F32' | 'F64' = 'F32'): Map<string, Tensor> {
    const out = new Map<string, Tensor>();
    this.layers.forEach((l, i) => {
      const C = l.conv.outChannels;
      out.set(`main.${3 * i}.weight`, { dtype, shape: [l.conv.inChannels, C, 4, 4], data: l.conv.weight() });
      if (l.bias) out.set(`main.${3 * i}.bias`, { dtype, shape: [C], data: l.bias.slice() });
      if (l.bn) {
        const m = `main.${3 * i + 1}`;
        out.set(`${m}.weight`, { dtype, shape: [C], data: l.bn.weight.slice() });
        out.set(`${m}.bias`, { dtype, shape: [C], data: l.bn.bias.slice() });
        out.set(`${m}.running_mean`, { dtype, shape: [C], data: l.bn.runningMean.slice() });
        out.set(`${m}.running_var`, { dtype, shape: [C], data: l.bn.runningVar.slice() });
      }
    });
    return out;
  }

  /** The folded per-channel scale a and shift b of layer i (0 … blocks): y = act(a·convT(h) + b). */
  foldedAffine(i: number): { scale: Float64Array; shift: Float64Array } {
    const l = this.layers[i];
    if (!l) throw new ArgumentError('i', `a layer index in 0..${this.layers.length - 1}`, i);
    return { scale: l.scale.slice(), shift: l.shift.slice() };
  }

  forward(x: Vec): Vec {
    this.checkLatent(x);
    return this.pass(x, 1, undefined);
  }

  linearize(x: Vec): Linearization {
    this.checkLatent(x);
    const derivatives: Float64Array[] = [];
    const value = this.pass(x, 1, derivatives);
    return {
      value,
      derivatives,
      vjp: (v: Vec) => {
        assertVec('v', v, this.outputDim);
        return this.backward(derivatives, v.slice(), 1);
      },
      jvp: (u: Vec) => {
        assertVec('u', u, this.latentDim);
        return this.tangent(derivatives, u, 1);
      },
    };
  }

  forwardBatch(X: Mat): Mat {
    const R = this.checkBatch(X);
    const out: Mat = { rows: this.outputDim, cols: R, data: new Float64Array(this.outputDim * R) };
    const P = this.imageShape[1] * this.imageShape[2];
    for (let r0 = 0; r0 < R; r0 += this.groupSize) {
      const g = Math.min(this.groupSize, R - r0);
      scatterColumns(this.pass(gatherColumns(X, r0, g, this.latentDim, 1), g, undefined), out, r0, g, this.architecture.nc, P);
    }
    return out;
  }

  linearizeBatch(X: Mat): BatchLinearization {
    const R = this.checkBatch(X);
    const k = this.latentDim, n = this.outputDim, nc = this.architecture.nc, P = this.imageShape[1] * this.imageShape[2];
    const value: Mat = { rows: n, cols: R, data: new Float64Array(n * R) };
    const groups: Array<{ r0: number; g: number; derivatives: Float64Array[] }> = [];
    for (let r0 = 0; r0 < R; r0 += this.groupSize) {
      const g = Math.min(this.groupSize, R - r0);
      const derivatives: Float64Array[] = [];
      scatterColumns(this.pass(gatherColumns(X, r0, g, k, 1), g, derivatives), value, r0, g, nc, P);
      groups.push({ r0, g, derivatives });
    }
    const check = (M: Mat, rows: number, name: string) => {
      if (typeof M !== 'object' || M === null || !(M.data instanceof Float64Array)) throw new ArgumentError(name, `a Mat (${rows} × ${R})`, M);
      if (M.rows !== rows || M.cols !== R || M.data.length !== rows * R) throw new ShapeError(name, `${rows} × ${R}`, `${M.rows} × ${M.cols}`);
    };
    return {
      value,
      vjp: (V: Mat) => {
        check(V, n, 'V');
        const out: Mat = { rows: k, cols: R, data: new Float64Array(k * R) };
        for (const { r0, g, derivatives } of groups) scatterColumns(this.backward(derivatives, gatherColumns(V, r0, g, nc, P), g), out, r0, g, k, 1);
        return out;
      },
      jvp: (U: Mat) => {
        check(U, k, 'U');
        const out: Mat = { rows: n, cols: R, data: new Float64Array(n * R) };
        for (const { r0, g, derivatives } of groups) scatterColumns(this.tangent(derivatives, gatherColumns(U, r0, g, k, 1), g), out, r0, g, nc, P);
        return out;
      },
    };
  }

  dispose(): void {
    for (const l of this.layers) l.conv.dispose();
  }

  private checkLatent(x: Vec): void {
    assertVec('x', x, this.latentDim);
    assertFinite('x', x);
  }

  private checkBatch(X: Mat): number {
    if (typeof X !== 'object' || X === null || !(X.data instanceof Float64Array)) throw new ArgumentError('X', 'a Mat (latentDim × R)', X);
    if (X.rows !== this.latentDim) throw new ShapeError('X.rows', `${this.latentDim} (latent dimension)`, X.rows);
    if (!Number.isSafeInteger(X.cols) || X.cols < 0 || X.data.length !== X.rows * X.cols) throw new ShapeError('X.data', `length ${X.rows} × ${X.cols}`, X.data.length);
    assertFinite('X.data', X.data);
    return X.cols;
  }

  /** a = γ/√(σ² + ε), b = β − aμ (+ a·bias); for the last layer a = 1, b = bias. */
  private fold(l: Layer): void {
    const C = l.conv.outChannels;
    for (let c = 0; c < C; c++) {
      let a = 1, b = 0;
      if (l.bn) {
        a = l.bn.weight[c]! / Math.sqrt(l.bn.runningVar[c]! + this.eps);
        b = l.bn.bias[c]! - a * l.bn.runningMean[c]!;
      }
      l.scale[c] = a;
      l.shift[c] = b + (l.bias ? a * l.bias[c]! : 0);
    }
  }

  /** Applies y = act(a z + b) in place to z (layout C × R × P); records σ' when `d` is given. */
  private activate(l: Layer, z: Float64Array, R: number, d: Float64Array | undefined): void {
    const P = R * l.pixels;
    for (let c = 0; c < l.conv.outChannels; c++) {
      const a = l.scale[c]!, b = l.shift[c]!, end = (c + 1) * P;
      if (l.act === 'relu') {
        for (let j = c * P; j < end; j++) {
          const v = a * z[j]! + b;
          if (v > 0) {
            z[j] = v;
            if (d) d[j] = 1;
          } else z[j] = 0;
        }
      } else {
        for (let j = c * P; j < end; j++) {
          const t = Math.tanh(a * z[j]! + b);
          z[j] = t;
          if (d) d[j] = 1 - t * t;
        }
      }
    }
  }

  /** G on R codes in layout nz × R; the result is nc × R × S × S. Pushes σ' per layer into `derivatives`. */
  private pass(x: Float64Array, R: number, derivatives: Float64Array[] | undefined): Float64Array {
    let h = x;
    for (const l of this.layers) {
      const z = l.conv.apply(h, R);
      const d = derivatives ? new Float64Array(z.length) : undefined;
      this.activate(l, z, R, d);
      if (d) derivatives!.push(d);
      h = z;
    }
    return h;
  }

  /** Jᵀ g for R gradients in layout nc × R × S × S (g is overwritten) → nz × R. */
  private backward(derivatives: readonly Float64Array[], g: Float64Array, R: number): Float64Array {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const l = this.layers[i]!, d = derivatives[i]!, P = R * l.pixels;
      for (let c = 0; c < l.conv.outChannels; c++) {
        const a = l.scale[c]!, end = (c + 1) * P;
        for (let j = c * P; j < end; j++) g[j] = g[j]! * d[j]! * a;
      }
      g = l.conv.adjoint(g, R);
    }
    return g;
  }

  /** J u for R tangents in layout nz × R → nc × R × S × S. */
  private tangent(derivatives: readonly Float64Array[], u: Float64Array, R: number): Float64Array {
    let h = u;
    this.layers.forEach((l, i) => {
      const z = l.conv.apply(h, R), d = derivatives[i]!, P = R * l.pixels;
      for (let c = 0; c < l.conv.outChannels; c++) {
        const a = l.scale[c]!, end = (c + 1) * P;
        for (let j = c * P; j < end; j++) z[j] = z[j]! * d[j]! * a;
      }
      h = z;
    });
    return h;
  }

  /** Batch-norm statistics from `samples` N(0, I) codes, layer by layer (see {@link RandomDcganOptions.calibrationSamples}). */
  private calibrate(rng: Rng, samples: number): void {
    const groups: Array<{ g: number; h: Float64Array }> = [];
    for (let r0 = 0; r0 < samples; r0 += this.groupSize) {
      const g = Math.min(this.groupSize, samples - r0);
      groups.push({ g, h: rng.gaussianVec(this.latentDim * g) });
    }
    for (const l of this.layers) {
      const C = l.conv.outChannels;
      const sum = new Float64Array(C), sq = new Float64Array(C);
      for (const grp of groups) {
        const z = l.conv.apply(grp.h, grp.g), P = grp.g * l.pixels;
        for (let c = 0; c < C; c++) {
          let s = 0, s2 = 0;
          for (let j = c * P; j < (c + 1) * P; j++) {
            const v = z[j]! + (l.bias ? l.bias[c]! : 0);
            s += v;
            s2 += v * v;
          }
          sum[c]! += s;
          sq[c]! += s2;
        }
        grp.h = z;
      }
      if (l.bn) {
        const count = samples * l.pixels;
        for (let c = 0; c < C; c++) {
          const mean = sum[c]! / count;
          l.bn.runningMean[c] = mean;
          l.bn.runningVar[c] = Math.max(0, sq[c]! / count - mean * mean);
        }
        this.fold(l);
      }
      for (const grp of groups) this.activate(l, grp.h, grp.g, undefined);
    }
  }
}


function resolveArchitecture(a: Partial<DcganArchitecture> | undefined): DcganArchitecture {
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
function layerSpecs(a: DcganArchitecture): ConvTranspose2dShape[] {
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

/** Columns r0 … r0+g−1 of M (rows = C·P, row-major) in layout C × g × P. */
function gatherColumns(M: Mat, r0: number, g: number, C: number, P: number): Float64Array {
  const R = M.cols, src = M.data, out = new Float64Array(C * g * P);
  for (let c = 0; c < C; c++) {
    for (let rr = 0; rr < g; rr++) {
      const o = (c * g + rr) * P;
      for (let p = 0; p < P; p++) out[o + p] = src[(c * P + p) * R + r0 + rr]!;
    }
  }
  return out;
}

/** Inverse of {@link gatherColumns}: write layout C × g × P into columns r0 … of M. */
function scatterColumns(v: Float64Array, M: Mat, r0: number, g: number, C: number, P: number): void {
  const R = M.cols, dst = M.data;
  for (let c = 0; c < C; c++) {
    for (let rr = 0; rr < g; rr++) {
      const o = (c * g + rr) * P;
      for (let p = 0; p < P; p++) dst[(c * P + p) * R + r0 + rr] = v[o + p]!;
    }
  }
}

/**
 * The same safetensors bytes without `num_batches_tracked` entries in the header (their data stays
 * in place, unreferenced), so that readSafetensors, which does not read I64, accepts PyTorch batch
 * norm state dicts. Anything unparsable is passed through unchanged for readSafetensors to report.
 */
function withoutBatchCounters(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 8) return bytes;
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true);
  if (n > BigInt(bytes.length - 8)) return bytes;
  const len = Number(n);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + len)));
  } catch {
    return bytes;
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return bytes;
  const kept: Record<string, unknown> = { ...(header as Record<string, unknown>) };
  let dropped = 0;
  for (const key of Object.keys(kept)) {
    if (key !== '__metadata__' && BATCH_COUNTER.test(key)) {
      delete kept[key];
      dropped++;
    }
  }
  if (dropped === 0) return bytes;
  let json = JSON.stringify(kept);
  json += ' '.repeat((8 - ((8 + new TextEncoder().encode(json).length) % 8)) % 8);
  const hb = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + hb.length + bytes.length - 8 - len);
  new DataView(out.buffer).setBigUint64(0, BigInt(hb.length), true);
  out.set(hb, 8);
  out.set(bytes.subarray(8 + len), 8 + hb.length);
  return out;
}
