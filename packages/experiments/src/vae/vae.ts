/**
 * A variational autoencoder with the architecture of Bora et al.'s MNIST VAE (the paper's
 * Section 4.2 prior): encoder 784-500-500-(20 mean, 20 log-variance), decoder 20-500-500-784,
 * softplus hidden layers, sigmoid output, Bernoulli reconstruction loss (binary cross-entropy on
 * the logits, summed over pixels) plus KL(q(z|x) ‖ N(0, I)), averaged over the batch.
 *
 * Forward and backward passes are written out by hand as batched GEMMs on a linalg backend:
 * activations are feature-major `dim × B` host matrices (one column per example), so every layer
 * is `Z = W H` with W resident, the input gradient is `Wᵀ dZ`, and the weight gradient is
 * `dZ Hᵀ` with dZ uploaded for the one product. Parameters are host Float64Arrays, updated by
 * {@link Adam} and uploaded again after each step ({@link VaeModel.upload}).
 */
import { ArgumentError, DprError, Rng, type Backend, type DenseMatrix, type Mat } from '@dpr/linalg';

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
  for (let i = 1; i < enc.length; i++) out.push([`encoder.fc${i}`, enc[i] as number, enc[i - 1] as number]);
  for (let i = 1; i < dec.length; i++) out.push([`decoder.fc${i}`, dec[i] as number, dec[i - 1] as number]);
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

const softplus = (z: number): number => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
const logistic = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Transpose a rows × cols row-major array into `out` (cols × rows). */
function transpose(src: Float64Array, rows: number, cols: number, out: Float64Array): Float64Array {
  for (let i = 0; i < rows; i++) {
    const r = i * cols;
    for (let j = 0; j < cols; j++) out[j * rows + i] = src[r + j] as number;
  }
  return out;
}

/** A VAE whose weights are resident on a backend; {@link lossAndGrad} is one training step's math. */
export class VaeModel {
  readonly backend: Backend;
  readonly params: VaeParams;
  private resident: DenseMatrix[] = [];
  private readonly nEnc: number;

  /** Wraps `params` (not copied: updating them and calling {@link upload} changes the model). */
  constructor(backend: Backend, params: VaeParams) {
    this.backend = backend;
    this.params = params;
    this.nEnc = params.config.hiddenDims.length + 1;
    this.upload();
  }

  /** Upload the current host weights to the backend (after an optimizer step). */
  upload(): void {
    const fresh = this.params.layers.map((l) => this.backend.matrix(l.W, l.outDim, l.inDim));
    for (const m of this.resident) m.dispose();
    this.resident = fresh;
  }

  /** Free the resident weights. */
  dispose(): void {
    for (const m of this.resident) m.dispose();
    this.resident = [];
  }

  private W(i: number): DenseMatrix {
    return this.resident[i] as DenseMatrix;
  }

  /** Encoder mean and log-variance of the columns of X (n × B): two k × B arrays. */
  encode(X: Mat): { mean: Float64Array; logVar: Float64Array } {
    const B = X.cols, k = this.params.config.latentDim;
    let H = X;
    for (let i = 0; i < this.nEnc; i++) H = this.dense(i, H, i < this.nEnc - 1 ? 'softplus' : 'identity').out;
    return { mean: H.data.slice(0, k * B), logVar: H.data.slice(k * B, 2 * k * B) };
  }

  /** Decoder means G(z) = sigmoid(logits) for the columns of Z (k × B): n × B. */
  decode(Z: Mat): Mat {
    let H = Z;
    const L = this.params.layers.length;
    for (let i = this.nEnc; i < L; i++) H = this.dense(i, H, i < L - 1 ? 'softplus' : 'sigmoid').out;
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
    const B = X.cols, L = this.params.layers.length;
    if (X.rows !== n) throw new ArgumentError('X.rows', `${n}`, X.rows);
    if (eps.length !== k * B) throw new ArgumentError('eps', `length k·B = ${k * B}`, eps.length);
    // Forward, keeping each layer's input H and the derivative of its activation.
    const inputs: Mat[] = [];
    const derivs: Array<Float64Array | undefined> = [];
    let H: Mat = X;
    for (let i = 0; i < this.nEnc; i++) {
      inputs.push(H);
      const r = this.dense(i, H, i < this.nEnc - 1 ? 'softplus' : 'identity', grads !== undefined);
      derivs.push(r.deriv);
      H = r.out;
    }
    const stats = H.data; // [mean (k × B); logVar (k × B)]
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
    H = Z;
    for (let i = this.nEnc; i < L; i++) {
      inputs.push(H);
      const r = this.dense(i, H, i < L - 1 ? 'softplus' : 'identity', grads !== undefined);
      derivs.push(r.deriv);
      H = r.out;
    }
    const logits = H.data, x = X.data;
    let recon = 0;
    for (let j = 0; j < logits.length; j++) recon += softplus(logits[j] as number) - (x[j] as number) * (logits[j] as number);
    if (!Number.isFinite(recon) || !Number.isFinite(kl)) throw new VaeDivergedError(`recon ${recon}, KL ${kl}`);
    if (!grads) return { recon, kl, count: B };

    // Backward of the batch-mean loss.
    const inv = 1 / B;
    let dA: Mat = { rows: n, cols: B, data: new Float64Array(n * B) };
    for (let j = 0; j < logits.length; j++) dA.data[j] = (logistic(logits[j] as number) - (x[j] as number)) * inv;
    for (let i = L - 1; i >= this.nEnc; i--) dA = this.backLayer(i, dA, inputs[i] as Mat, undefined, grads, i > this.nEnc ? (derivs[i - 1] as Float64Array) : undefined, true);
    // dA is now dL/dz (k × B); through the reparameterisation and the KL term.
    const dStats: Mat = { rows: 2 * k, cols: B, data: new Float64Array(2 * k * B) };
    for (let j = 0; j < k * B; j++) {
      const dz = dA.data[j] as number, mu = stats[j] as number, s = sd[j] as number;
      dStats.data[j] = dz + mu * inv;
      dStats.data[k * B + j] = 0.5 * dz * (eps[j] as number) * s + 0.5 * (s * s - 1) * inv;
    }
    dA = dStats;
    for (let i = this.nEnc - 1; i >= 0; i--) {
      dA = this.backLayer(i, dA, inputs[i] as Mat, i === 0 ? Xt : undefined, grads, i > 0 ? (derivs[i - 1] as Float64Array) : undefined, i > 0);
    }
    return { recon, kl, count: B };
  }

  /** out = σ(W_i H + b_i); with `keep`, also σ'(pre-activation). */
  private dense(i: number, H: Mat, act: 'softplus' | 'sigmoid' | 'identity', keep = false): { out: Mat; deriv: Float64Array | undefined } {
    const l = this.params.layers[i] as DenseParams, B = H.cols;
    const out: Mat = { rows: l.outDim, cols: B, data: new Float64Array(l.outDim * B) };
    this.backend.gemm(false, 1, this.W(i), H, 0, out);
    const z = out.data, b = l.b;
    const deriv = keep && act !== 'identity' ? new Float64Array(z.length) : undefined;
    for (let r = 0; r < l.outDim; r++) {
      const br = b[r] as number;
      for (let j = r * B; j < (r + 1) * B; j++) {
        const v = (z[j] as number) + br;
        if (act === 'softplus') {
          z[j] = softplus(v);
          if (deriv) deriv[j] = logistic(v);
        } else if (act === 'sigmoid') {
          const s = logistic(v);
          z[j] = s;
          if (deriv) deriv[j] = s * (1 - s);
        } else z[j] = v;
      }
    }
    return { out, deriv };
  }

  /**
   * Given dL/d(pre-activation) dA (out × B) of layer i and its input H (in × B): write dW_i = dA Hᵀ
   * and db_i = dA 1 into grads, and return dL/d(pre-activation) of layer i − 1, i.e.
   * (W_iᵀ dA) ⊙ prevDeriv (or W_iᵀ dA itself when prevDeriv is undefined), when `needInput`.
   */
  private backLayer(i: number, dA: Mat, H: Mat, Ht: Mat | undefined, grads: VaeParams, prevDeriv: Float64Array | undefined, needInput: boolean): Mat {
    const l = this.params.layers[i] as DenseParams, g = grads.layers[i] as DenseParams, B = dA.cols;
    for (let r = 0; r < l.outDim; r++) {
      let s = 0;
      for (let j = r * B; j < (r + 1) * B; j++) s += dA.data[j] as number;
      g.b[r] = s;
    }
    const HtMat: Mat = Ht ?? { rows: B, cols: l.inDim, data: transpose(H.data, l.inDim, B, new Float64Array(l.inDim * B)) };
    const dAres = this.backend.matrix(dA.data, l.outDim, B);
    try {
      this.backend.gemm(false, 1, dAres, HtMat, 0, { rows: l.outDim, cols: l.inDim, data: g.W });
    } finally {
      dAres.dispose();
    }
    if (!needInput) return dA;
    const dH: Mat = { rows: l.inDim, cols: B, data: new Float64Array(l.inDim * B) };
    this.backend.gemm(true, 1, this.W(i), dA, 0, dH);
    if (prevDeriv) for (let j = 0; j < dH.data.length; j++) dH.data[j] = (dH.data[j] as number) * (prevDeriv[j] as number);
    return dH;
  }
}

/** Adam (Kingma & Ba) over every parameter array of a VAE. */
export class Adam {
  readonly m: VaeParams;
  readonly v: VaeParams;
  /** Steps taken so far. */
  t: number;
  constructor(
    params: VaeParams,
    readonly lr = 1e-3,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly eps = 1e-8,
    state?: { m: VaeParams; v: VaeParams; t: number },
  ) {
    this.m = state?.m ?? cloneVaeParams(params, true);
    this.v = state?.v ?? cloneVaeParams(params, true);
    this.t = state?.t ?? 0;
  }

  /** One update of `params` (in place) with gradient `grads`. */
  step(params: VaeParams, grads: VaeParams): void {
    this.t++;
    const { lr, beta1: b1, beta2: b2, eps } = this;
    const c1 = 1 - b1 ** this.t, c2 = 1 - b2 ** this.t;
    const a = (lr * Math.sqrt(c2)) / c1, epsHat = eps * Math.sqrt(c2);
    params.layers.forEach((l, i) => {
      const g = grads.layers[i] as DenseParams, m = this.m.layers[i] as DenseParams, v = this.v.layers[i] as DenseParams;
      for (const key of ['W', 'b'] as const) {
        const p = l[key], gp = g[key], mp = m[key], vp = v[key];
        for (let j = 0; j < p.length; j++) {
          const gj = gp[j] as number;
          const mj = b1 * (mp[j] as number) + (1 - b1) * gj;
          const vj = b2 * (vp[j] as number) + (1 - b2) * gj * gj;
          mp[j] = mj;
          vp[j] = vj;
          p[j] = (p[j] as number) - (a * mj) / (Math.sqrt(vj) + epsHat);
        }
      }
    });
  }
}

/** Loss per example (recon + KL) of loss sums. */
export function lossPerExample(s: VaeLossSums): number {
  return (s.recon + s.kl) / s.count;
}
