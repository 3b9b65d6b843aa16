/**
 * A multilayer perceptron generator G(x) = σ_d(W_d ⋯ σ_1(W_1 x + c_1) ⋯ + c_d), with weights
 * resident on a linalg backend. Covers the paper's bias-free ReLU nets ({@link ReluNetwork}) and
 * decoders such as the MNIST VAE's (softplus hidden layers, sigmoid output).
 */
import {
  ArgumentError,
  JsBackend,
  ShapeError,
  assertFinite,
  assertVec,
  type Backend,
  type Mat,
  type Vec,
} from '@dpr/linalg';
import type { ActivationName } from './activations.js';
import type { BatchLinearization, Generator, Linearization } from './generator.js';
import { DenseLayer } from './layers/dense.js';
import { denseResidentPass, type ResidentPass } from './resident-pass.js';

/** One dense layer as given by the user: W is row-major outDim × inDim (`y = W x + bias`). */
export interface LayerSpec {
  /** Row-major weights, length outDim · inDim. */
  W: ArrayLike<number>;
  outDim: number;
  inDim: number;
  /** Optional bias, length outDim. */
  bias?: ArrayLike<number>;
  activation: ActivationName;
  /** Slope for leaky-relu. */
  leakySlope?: number;
}

/** Options of {@link MlpGenerator}. */
export interface MlpGeneratorOptions {
  /** Backend the weights live on (default: a new js backend). */
  backend?: Backend;
}

/** Dense feed-forward generator. */
export class MlpGenerator implements Generator {
  readonly latentDim: number;
  readonly outputDim: number;
  readonly positivelyHomogeneous: boolean;
  readonly backend: Backend;
  /** Layer widths [k = n_0, n_1, …, n_d]. */
  readonly dims: readonly number[];
  private readonly layers: DenseLayer[];

  constructor(layers: readonly LayerSpec[], options: MlpGeneratorOptions = {}) {
    if (!Array.isArray(layers) || layers.length === 0) throw new ArgumentError('layers', 'a non-empty array of layers', layers);
    this.backend = options.backend ?? new JsBackend();
    const dims: number[] = [layers[0]!.inDim];
    this.layers = [];
    try {
      layers.forEach((l, i) => {
        if (l.inDim !== dims[i]) throw new ShapeError(`layers[${i}].inDim`, `${dims[i]} (outDim of the previous layer)`, l.inDim);
        dims.push(l.outDim);
        let bias: Vec | undefined;
        if (l.bias !== undefined) {
          if (l.bias.length !== l.outDim) throw new ShapeError(`layers[${i}].bias`, `length ${l.outDim}`, l.bias.length);
          assertFinite(`layers[${i}].bias`, l.bias);
          bias = Float64Array.from(l.bias);
        }
        try {
          this.layers.push(new DenseLayer(this.backend, { W: l.W, outDim: l.outDim, inDim: l.inDim, activation: l.activation, ...(l.leakySlope === undefined ? {} : { leakySlope: l.leakySlope }), ...(bias ? { bias } : {}) }));
        } catch (e) {
          if (e instanceof ArgumentError) throw new ArgumentError(`layers[${i}].${e.parameter}`, e.expected);
          throw e;
        }
      });
    } catch (e) {
      for (const l of this.layers) l.W.dispose(); // a rejected layer: free the ones already uploaded
      throw e;
    }
    this.dims = dims;
    this.latentDim = dims[0]!;
    this.outputDim = dims[dims.length - 1]!;
    this.positivelyHomogeneous = this.layers.every((l) => l.bias === undefined && l.act.positivelyHomogeneous);
  }

  /** Number of layers d. */
  get depth(): number {
    return this.layers.length;
  }

  /** Row-major float64 copy of W_i (i = 1..d) as stored on the backend. */
  weights(i: number): Float64Array {
    const l = this.layers[i - 1];
    if (!l) throw new ArgumentError('i', `a layer index in 1..${this.layers.length}`, i);
    return l.W.toFloat64Array();
  }

  /** Activation name of layer i (1..d). */
  activationOf(i: number): ActivationName {
    const l = this.layers[i - 1];
    if (!l) throw new ArgumentError('i', `a layer index in 1..${this.layers.length}`, i);
    return l.act.name;
  }

  forward(x: Vec): Vec {
    return this.run(x, false).value;
  }

  linearize(x: Vec): Linearization {
    return this.run(x, true);
  }

  forwardBatch(X: Mat): Mat {
    return this.runBatch(X, false).value;
  }

  linearizeBatch(X: Mat): BatchLinearization {
    return this.runBatch(X, true);
  }

  /** The layers as fused products on resident batches (weights as they are now; see {@link ResidentPass}). */
  residentPass(capacity: number): ResidentPass {
    return denseResidentPass(this.backend, this.layers, capacity);
  }

  dispose(): void {
    for (const l of this.layers) l.W.dispose();
  }

  /** The single-code pass is the batched one with one column (a one-column GEMM is a GEMV). */
  private run(x: Vec, keep: boolean): Linearization {
    assertVec('x', x, this.latentDim);
    assertFinite('x', x);
    const batch = this.runBatch({ rows: this.latentDim, cols: 1, data: x }, keep);
    const column = (v: Vec, rows: number): Mat => ({ rows, cols: 1, data: v });
    return {
      value: batch.value.data,
      derivatives: batch.derivatives,
      vjp: (v: Vec) => {
        assertVec('v', v, this.outputDim);
        return batch.vjp(column(v, this.outputDim)).data;
      },
      jvp: (u: Vec) => {
        assertVec('u', u, this.latentDim);
        return batch.jvp(column(u, this.latentDim)).data;
      },
    };
  }

  /**
   * Forward pass of every column of X, one GEMM per layer; keeps σ'(z_i) per layer (row-major,
   * outDim × R) for the Jacobian maps. JᵀV = W_1ᵀ D_1 ⋯ W_dᵀ D_d V and JU = D_d W_d ⋯ D_1 W_1 U.
   */
  private runBatch(X: Mat, keep: boolean): BatchLinearization & { derivatives: Float64Array[] } {
    if (typeof X !== 'object' || X === null || !(X.data instanceof Float64Array)) throw new ArgumentError('X', 'a Mat (latentDim × R)', X);
    if (X.rows !== this.latentDim) throw new ShapeError('X.rows', `${this.latentDim} (latent dimension)`, X.rows);
    assertFinite('X.data', X.data);
    const R = X.cols;
    const derivatives: Float64Array[] = [];
    let H: Mat = X;
    for (const l of this.layers) {
      const d = keep ? new Float64Array(l.outDim * R) : undefined;
      H = l.forward(H, d);
      if (d) derivatives.push(d);
    }
    const value = H === X ? { rows: X.rows, cols: R, data: X.data.slice() } : H;
    const check = (M: Mat, rows: number, name: string) => {
      if (M.rows !== rows || M.cols !== R) throw new ShapeError(name, `${rows} × ${R}`, `${M.rows} × ${M.cols}`);
    };
    return {
      value,
      derivatives,
      vjp: (V: Mat) => {
        check(V, this.outputDim, 'V');
        let G: Mat = { rows: V.rows, cols: R, data: V.data.slice() };
        for (let i = this.layers.length - 1; i >= 0; i--) G = this.layers[i]!.backward(G, derivatives[i]!);
        return G;
      },
      jvp: (U: Mat) => {
        check(U, this.latentDim, 'U');
        let G: Mat = U;
        this.layers.forEach((l, i) => (G = l.tangent(G, derivatives[i]!)));
        return G;
      },
    };
  }
}
