/**
 * A variational autoencoder with the architecture of Bora et al.'s MNIST VAE (the paper's
 * Section 4.2 prior): encoder 784-500-500-(20 mean, 20 log-variance), decoder 20-500-500-784,
 * softplus hidden layers, sigmoid output, Bernoulli reconstruction loss (binary cross-entropy on
 * the logits, summed over pixels) plus KL(q(z|x) ‖ N(0, I)), averaged over the batch.
 *
 * Every layer is a `DenseLayer` of `@dpr/generative-prior` (the layer `MlpGenerator` is made of):
 * activations are feature-major `dim × B` host matrices (one column per example), so every layer
 * is `Z = W H` with W resident, the input gradient is `Wᵀ dZ`, and the weight gradient is
 * `dZ Hᵀ`. Parameters are host Float64Arrays, updated by linalg's `Adam` ({@link vaeAdam}) and
 * uploaded again after each step ({@link VaeModel.upload}).
 */
import { Adam, ArgumentError, DprError, Rng, type AdamHyperParameters, type Backend, type Mat } from '@dpr/linalg';
import { DenseLayer, VAE_TENSOR_NAMES, logistic, softplus } from '@dpr/generative-prior';

/** Layer sizes of a VAE with mirrored MLP encoder and decoder. */
export interface VaeConfig {
  /** Input (and output) dimension n. */
  inputDim: number;
  /** Encoder hidden widths; the decoder uses them reversed. */
  hiddenDims: readonly number[];
  /** Latent dimension k. */
  latentDim: number;
}

/** Bora et al.'s MNIST VAE: 784-500-500-20 / 20-500-500-784. */
export const MNIST_VAE_CONFIG: VaeConfig = { inputDim: 784, hiddenDims: [500, 500], latentDim: 20 };

/** One dense layer's parameters, W row-major out × in. */
export interface DenseParams {
  /** `encoder.fc1`, ..., `encoder.fc3` (the last one outputs [mean; log-variance]), `decoder.fc1`, ... */
  readonly name: string;
  readonly outDim: number;
  readonly inDim: number;
  readonly W: Float64Array;
  readonly b: Float64Array;
}

/** All parameters, encoder layers first, then decoder layers. */
export interface VaeParams {
  readonly config: VaeConfig;
  readonly layers: readonly DenseParams[];
}

/** Sums over a batch of the loss terms (per-example averages are these divided by the count). */
export interface VaeLossSums {
  /** Σ −log p(x | z): binary cross-entropy on the logits, summed over pixels and examples. */
  recon: number;
  /** Σ KL(q(z | x) ‖ N(0, I)). */
  kl: number;
  /** Number of examples summed. */
  count: number;
}

/** Training diverged (a non-finite loss). */
export class VaeDivergedError extends DprError {
  constructor(detail: string) {
    super('E_VAE_DIVERGED', `VAE training diverged: ${detail}`);
  }
}

/** Layer shapes [name, out, in] of a config, encoder first. */
export function vaeLayerShapes(config: VaeConfig): Array<[string, number, number]> {
  const { inputDim, hiddenDims, latentDim } = config;
  if (![inputDim, latentDim, ...hiddenDims].every((d) => Number.isSafeInteger(d) && d >= 1)) {
    throw new ArgumentError('config', 'positive integer layer widths', config);
  }
  const enc = [inputDim, ...hiddenDims, 2 * latentDim];
  const dec = [latentDim, ...[...hiddenDims].reverse(), inputDim];
  const out: Array<[string, number, number]> = [];
  for (let i = 1; i < enc.length; i++) out.push([VAE_TENSOR_NAMES.encoderLayer(i), enc[i] as number, enc[i - 1] as number]);
  for (let i = 1; i < dec.length; i++) out.push([VAE_TENSOR_NAMES.decoderLayer(i), dec[i] as number, dec[i - 1] as number]);
  return out;
}

/** Xavier (Glorot) uniform weights U(±√(6 / (in + out))), zero biases, from `seed`. */
export function initVaeParams(config: VaeConfig, seed: number): VaeParams {
  const rng = new Rng(seed);
  const layers = vaeLayerShapes(config).map(([name, outDim, inDim]) => {
    const limit = Math.sqrt(6 / (inDim + outDim));
    const W = new Float64Array(outDim * inDim);
    for (let i = 0; i < W.length; i++) W[i] = (2 * rng.uniform() - 1) * limit;
    return { name, outDim, inDim, W, b: new Float64Array(outDim) };
  });
  return { config, layers };
}

/** Deep copy of parameters (or zero-filled arrays of the same shapes, for gradients and moments). */
export function cloneVaeParams(p: VaeParams, zero = false): VaeParams {
  return {
    config: p.config,
    layers: p.layers.map((l) => ({ ...l, W: zero ? new Float64Array(l.W.length) : l.W.slice(), b: zero ? new Float64Array(l.b.length) : l.b.slice() })),
  };
}

/** The parameter arrays of a VAE in a fixed order (W then b of every layer): the order of its optimizer state. */
export function vaeArrays(p: VaeParams): Float64Array[] {
  return p.layers.flatMap((l) => [l.W, l.b]);
}

/** Adam over a VAE's parameters (fresh, or resumed from moments shaped like the parameters). */
export function vaeAdam(params: VaeParams, hyper: Partial<AdamHyperParameters> = {}, state?: { m: VaeParams; v: VaeParams; t: number }): Adam {
  const sizes = vaeArrays(params).map((a) => a.length);
  return new Adam(sizes, hyper, state ? { m: vaeArrays(state.m), v: vaeArrays(state.v), t: state.t } : undefined);
}

/** Adam's moments as parameter-shaped views (for checkpoints). */
export function vaeMoments(adam: Adam, params: VaeParams): { m: VaeParams; v: VaeParams } {
  const view = (arrays: Float64Array[]): VaeParams => ({ config: params.config, layers: params.layers.map((l, i) => ({ ...l, W: arrays[2 * i]!, b: arrays[2 * i + 1]! })) });
  return { m: view(adam.m), v: view(adam.v) };
}

/**
 * A VAE whose layers are {@link DenseLayer}s resident on a backend (the layer class of
 * `MlpGenerator`); {@link VaeModel.lossAndGrad} is one training step's math.
 */
export class VaeModel {
  readonly backend: Backend;
  readonly params: VaeParams;
  private readonly layers: DenseLayer[];
  private readonly nEnc: number;

  /**
   * Wraps `params` (not copied: updating them and calling {@link upload} changes the model). The
   * caller owns the model and calls {@link dispose}; a constructor that rejects a layer frees the
   * ones it had uploaded.
   */
  constructor(backend: Backend, params: VaeParams) {
    this.backend = backend;
    this.params = params;
    this.nEnc = params.config.hiddenDims.length + 1;
    const L = params.layers.length;
    this.layers = [];
    try {
      params.layers.forEach((l, i) => {
        // hidden layers softplus; the encoder's last layer ([mean; log-variance]) and the decoder's (logits) are linear
        const last = i === this.nEnc - 1 || i === L - 1;
        this.layers.push(new DenseLayer(backend, { W: l.W, outDim: l.outDim, inDim: l.inDim, bias: l.b, activation: last ? 'identity' : 'softplus' }));
      });
    } catch (e) {
      this.dispose(); // a rejected layer (e.g. non-finite weights): free the ones already uploaded
      throw e;
    }
  }

  /** Upload the current host weights to the backend (after an optimizer step; biases are shared). */
  upload(): void {
    this.layers.forEach((layer, i) => layer.setWeights(this.params.layers[i]!.W));
  }

  /** Free the resident weights. */
  dispose(): void {
    for (const l of this.layers) l.dispose();
  }

  /** Encoder mean and log-variance of the columns of X (n × B): two k × B arrays. */
  encode(X: Mat): { mean: Float64Array; logVar: Float64Array } {
    const B = X.cols, k = this.params.config.latentDim;
    let H = X;
    for (let i = 0; i < this.nEnc; i++) H = this.layers[i]!.forward(H);
    return { mean: H.data.slice(0, k * B), logVar: H.data.slice(k * B, 2 * k * B) };
  }

  /** Decoder means G(z) = sigmoid(logits) for the columns of Z (k × B): n × B. */
  decode(Z: Mat): Mat {
    let H = Z;
    for (let i = this.nEnc; i < this.layers.length; i++) H = this.layers[i]!.forward(H);
    for (let j = 0; j < H.data.length; j++) H.data[j] = logistic(H.data[j] as number);
    return H;
  }

  /**
   * Loss sums of a batch and, with `grads`, the gradient of the batch-mean loss
   * (Σ (recon + KL)) / B accumulated into `grads` (overwritten).
   * @param X inputs, n × B feature-major (values in [0, 1])
   * @param Xt the same inputs batch-major (B × n); used for the first layer's weight gradient
   * @param eps k × B standard normal draws for the reparameterisation z = μ + exp(½ log σ²) ε
   */
  lossAndGrad(X: Mat, Xt: Mat | undefined, eps: Float64Array, grads?: VaeParams): VaeLossSums {
    const { latentDim: k, inputDim: n } = this.params.config;
    const B = X.cols, L = this.layers.length;
    if (X.rows !== n) throw new ArgumentError('X.rows', `${n}`, X.rows);
    if (eps.length !== k * B) throw new ArgumentError('eps', `length k·B = ${k * B}`, eps.length);
    // Forward, keeping each layer's input H and the derivative of its activation.
    const inputs: Mat[] = [];
    const derivs: Float64Array[] = [];
    const through = (H: Mat, from: number, to: number): Mat => {
      for (let i = from; i < to; i++) {
        inputs.push(H);
        const d = grads ? new Float64Array(this.layers[i]!.outDim * B) : undefined;
        H = this.layers[i]!.forward(H, d);
        if (d) derivs.push(d);
      }
      return H;
    };
    const stats = through(X, 0, this.nEnc).data; // [mean (k × B); logVar (k × B)]
    const Z: Mat = { rows: k, cols: B, data: new Float64Array(k * B) };
    const sd = new Float64Array(k * B);
    let kl = 0;
    for (let j = 0; j < k * B; j++) {
      const mu = stats[j] as number, lv = stats[k * B + j] as number;
      const s = Math.exp(0.5 * lv);
      sd[j] = s;
      Z.data[j] = mu + s * (eps[j] as number);
      kl += 0.5 * (mu * mu + s * s - 1 - lv);
    }
    const logits = through(Z, this.nEnc, L).data, x = X.data;
    let recon = 0;
    for (let j = 0; j < logits.length; j++) recon += softplus(logits[j] as number) - (x[j] as number) * (logits[j] as number);
    if (!Number.isFinite(recon) || !Number.isFinite(kl)) throw new VaeDivergedError(`recon ${recon}, KL ${kl}`);
    if (!grads) return { recon, kl, count: B };

    // Backward of the batch-mean loss: dZ is the gradient with respect to layer i's pre-activation.
    const inv = 1 / B;
    const back = (i: number, dZ: Mat, Ht?: Mat): Mat => {
      const g = grads.layers[i] as DenseParams;
      this.layers[i]!.parameterGradient(dZ, inputs[i]!, g.W, g.b, Ht);
      return this.layers[i]!.inputGradient(dZ);
    };
    let dZ: Mat = { rows: n, cols: B, data: new Float64Array(n * B) };
    for (let j = 0; j < logits.length; j++) dZ.data[j] = (logistic(logits[j] as number) - (x[j] as number)) * inv;
    for (let i = L - 1; i >= this.nEnc; i--) {
      const dH = back(i, dZ);
      dZ = i > this.nEnc ? DenseLayer.scaleByDerivative(dH, derivs[i - 1]!) : dH;
    }
    // dZ is now dL/dz (k × B); through the reparameterisation and the KL term.
    const dStats: Mat = { rows: 2 * k, cols: B, data: new Float64Array(2 * k * B) };
    for (let j = 0; j < k * B; j++) {
      const dz = dZ.data[j] as number, mu = stats[j] as number, s = sd[j] as number;
      dStats.data[j] = dz + mu * inv;
      dStats.data[k * B + j] = 0.5 * dz * (eps[j] as number) * s + 0.5 * (s * s - 1) * inv;
    }
    dZ = dStats;
    for (let i = this.nEnc - 1; i >= 0; i--) {
      if (i === 0) {
        const g = grads.layers[0] as DenseParams;
        this.layers[0]!.parameterGradient(dZ, inputs[0]!, g.W, g.b, Xt);
      } else dZ = DenseLayer.scaleByDerivative(back(i, dZ), derivs[i - 1]!);
    }
    return { recon, kl, count: B };
  }
}

/** Loss per example (recon + KL) of loss sums. */
export function lossPerExample(s: VaeLossSums): number {
  return (s.recon + s.kl) / s.count;
}
