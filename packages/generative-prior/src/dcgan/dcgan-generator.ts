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
import { ArgumentError, JsBackend, Rng, ShapeError, assertFinite, assertVec, type Backend, type Mat, type Vec } from '@dpr/linalg';
import type { ConvTranspose2d } from '../conv-transpose.js';
import type { BatchLinearization, Generator, Linearization } from '../generator.js';
import type { SafetensorsError, SafetensorsFile, Tensor } from '../safetensors.js';
import {
  layerSpecs, resolveArchitecture, type DcganArchitecture, type DcganLayerWeights, type DcganOptions, type DcganSafetensorsOptions, type RandomDcganOptions,
} from './architecture.js';
import { gatherColumns, scatterColumns } from './columns.js';
import { activateLayer, buildLayer, foldBatchNorm, type FoldedLayer } from './folded-layer.js';
import { dcganStateDict, dcganStateDictShapes, readDcganStateDict } from './state-dict.js';

/** Entries of the largest intermediate (columns matrix) processed in one GEMM: 4 Mi doubles. */
const GROUP_ENTRIES = 1 << 22;

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
  private readonly layers: FoldedLayer[];
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
      specs.forEach((spec, i) => this.layers.push(buildLayer(this.backend, spec, layers[i]!, i, i === specs.length - 1, eps)));
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
   * already parsed file); see `readDcganStateDict` for the rules (architecture inferred, every
   * shape checked, failures are a {@link SafetensorsError} naming the tensor).
   */
  static fromSafetensors(source: Uint8Array | SafetensorsFile, options: DcganSafetensorsOptions = {}): DcganGenerator {
    const { arch, layers } = readDcganStateDict(source, options);
    return new DcganGenerator(arch, layers, options);
  }

  /**
   * Names and shapes of the tensors {@link DcganGenerator.fromSafetensors} reads (without prefix,
   * optional convolution biases and the ignored `num_batches_tracked`), in module order.
   */
  static stateDictShapes(architecture: Partial<DcganArchitecture> = {}): Map<string, number[]> {
    return dcganStateDictShapes(architecture);
  }

  /**
   * The state dict with PyTorch names (F32 by default, as PyTorch saves), loadable by
   * {@link DcganGenerator.fromSafetensors} after `writeSafetensors`. Convolution weights are read
   * back from the backend (float32-rounded on `wasm`/`gpujs`); `num_batches_tracked` is omitted.
   */
  stateDict(dtype: 'F32' | 'F64' = 'F32'): Map<string, Tensor> {
    return dcganStateDict(this.layers, dtype);
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



  /** G on R codes in layout nz × R; the result is nc × R × S × S. Pushes σ' per layer into `derivatives`. */
  private pass(x: Float64Array, R: number, derivatives: Float64Array[] | undefined): Float64Array {
    let h = x;
    for (const l of this.layers) {
      const z = l.conv.apply(h, R);
      const d = derivatives ? new Float64Array(z.length) : undefined;
      activateLayer(l, z, R, d);
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
        foldBatchNorm(l, this.eps);
      }
      for (const grp of groups) activateLayer(l, grp.h, grp.g, undefined);
    }
  }
}
