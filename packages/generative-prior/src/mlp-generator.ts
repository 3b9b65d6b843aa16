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
  type DenseMatrix,
  type Mat,
  type Vec,
} from '@dpr/linalg';
import { activation, type Activation, type ActivationName } from './activations.js';
import type { BatchLinearization, Generator, Linearization } from './generator.js';

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

interface Layer {
  W: DenseMatrix;
  bias: Vec | undefined;
  act: Activation;
  inDim: number;
  outDim: number;
}

/** Dense feed-forward generator. */
export class MlpGenerator implements Generator {
  readonly latentDim: number;
  readonly outputDim: number;
  readonly positivelyHomogeneous: boolean;
  readonly backend: Backend;
  /** Layer widths [k = n_0, n_1, …, n_d]. */
  readonly dims: readonly number[];
  private readonly layers: Layer[];

  constructor(layers: readonly LayerSpec[], options: MlpGeneratorOptions = {}) {
    if (!Array.isArray(layers) || layers.length === 0) throw new ArgumentError('layers', 'a non-empty array of layers', layers);
    this.backend = options.backend ?? new JsBackend();
    const dims: number[] = [layers[0]!.inDim];
    this.layers = layers.map((l, i) => {
      if (l.inDim !== dims[i]) throw new ShapeError(`layers[${i}].inDim`, `${dims[i]} (outDim of the previous layer)`, l.inDim);
      dims.push(l.outDim);
      let bias: Vec | undefined;
      if (l.bias !== undefined) {
        if (l.bias.length !== l.outDim) throw new ShapeError(`layers[${i}].bias`, `length ${l.outDim}`, l.bias.length);
        assertFinite(`layers[${i}].bias`, l.bias);
        bias = Float64Array.from(l.bias);
      }
      let W: DenseMatrix;
      try {
        W = this.backend.matrix(l.W, l.outDim, l.inDim);
      } catch (e) {
        if (e instanceof ArgumentError) throw new ArgumentError(`layers[${i}].${e.parameter}`, e.expected);
        throw e;
      }
      return { W, bias, act: activation(l.activation, l.leakySlope), inDim: l.inDim, outDim: l.outDim };
    });
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

  dispose(): void {
    for (const l of this.layers) l.W.dispose();
  }

  private run(x: Vec, keep: boolean): Linearization {
    assertVec('x', x, this.latentDim);
    assertFinite('x', x);
    const derivatives: Vec[] = [];
    let h: Vec = x;
    for (const l of this.layers) {
      const z = this.backend.gemv(false, 1, l.W, h, 0, new Float64Array(l.outDim));
      const d = keep ? new Float64Array(l.outDim) : undefined;
      const b = l.bias, act = l.act;
      for (let j = 0; j < z.length; j++) {
        const zj = b ? (z[j] as number) + (b[j] as number) : (z[j] as number);
        const a = act.apply(zj);
        if (d) d[j] = act.derivative(zj, a);
        z[j] = a;
      }
      if (d) derivatives.push(d);
      h = z;
    }
    const value = h === x ? x.slice() : h;
    return {
      value,
      derivatives,
      vjp: (v: Vec) => this.vjp(derivatives, v),
      jvp: (u: Vec) => this.jvp(derivatives, u),
    };
  }

  /** Jᵀv = W_1ᵀ D_1 ⋯ W_dᵀ D_d v, D_i = diag(σ'(z_i)). */
  private vjp(derivatives: readonly Vec[], v: Vec): Vec {
    assertVec('v', v, this.outputDim);
    let g: Vec = v.slice();
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const l = this.layers[i]!, d = derivatives[i]!;
      for (let j = 0; j < g.length; j++) g[j] = (g[j] as number) * (d[j] as number);
      g = this.backend.gemv(true, 1, l.W, g, 0, new Float64Array(l.inDim));
    }
    return g;
  }

  /** Ju = D_d W_d ⋯ D_1 W_1 u. */
  private jvp(derivatives: readonly Vec[], u: Vec): Vec {
    assertVec('u', u, this.latentDim);
    let g: Vec = u;
    for (let i = 0; i < this.layers.length; i++) {
      const l = this.layers[i]!, d = derivatives[i]!;
      g = this.backend.gemv(false, 1, l.W, g, 0, new Float64Array(l.outDim));
      for (let j = 0; j < g.length; j++) g[j] = (g[j] as number) * (d[j] as number);
    }
    return g === u ? u.slice() : g;
  }

  private runBatch(X: Mat, keep: boolean): BatchLinearization {
    if (typeof X !== 'object' || X === null || !(X.data instanceof Float64Array)) throw new ArgumentError('X', 'a Mat (latentDim × R)', X);
    if (X.rows !== this.latentDim) throw new ShapeError('X.rows', `${this.latentDim} (latent dimension)`, X.rows);
    assertFinite('X.data', X.data);
    const R = X.cols;
    const derivatives: Float64Array[] = [];
    let H: Mat = X;
    for (const l of this.layers) {
      const Z = this.backend.gemm(false, 1, l.W, H, 0, { rows: l.outDim, cols: R, data: new Float64Array(l.outDim * R) });
      const z = Z.data, b = l.bias, act = l.act;
      const d = keep ? new Float64Array(z.length) : undefined;
      for (let j = 0; j < l.outDim; j++) {
        const bj = b ? (b[j] as number) : 0;
        for (let r = j * R; r < (j + 1) * R; r++) {
          const zr = (z[r] as number) + bj;
          const a = act.apply(zr);
          if (d) d[r] = act.derivative(zr, a);
          z[r] = a;
        }
      }
      if (d) derivatives.push(d);
      H = Z;
    }
    const value = H === X ? { rows: X.rows, cols: R, data: X.data.slice() } : H;
    const check = (M: Mat, rows: number, name: string) => {
      if (M.rows !== rows || M.cols !== R) throw new ShapeError(name, `${rows} × ${R}`, `${M.rows} × ${M.cols}`);
    };
    return {
      value,
      vjp: (V: Mat) => {
        check(V, this.outputDim, 'V');
        let G: Mat = { rows: V.rows, cols: R, data: V.data.slice() };
        for (let i = this.layers.length - 1; i >= 0; i--) {
          const l = this.layers[i]!, d = derivatives[i]!;
          for (let j = 0; j < G.data.length; j++) G.data[j] = (G.data[j] as number) * (d[j] as number);
          G = this.backend.gemm(true, 1, l.W, G, 0, { rows: l.inDim, cols: R, data: new Float64Array(l.inDim * R) });
        }
        return G;
      },
      jvp: (U: Mat) => {
        check(U, this.latentDim, 'U');
        let G: Mat = U;
        for (let i = 0; i < this.layers.length; i++) {
          const l = this.layers[i]!, d = derivatives[i]!;
          G = this.backend.gemm(false, 1, l.W, G, 0, { rows: l.outDim, cols: R, data: new Float64Array(l.outDim * R) });
          for (let j = 0; j < G.data.length; j++) G.data[j] = (G.data[j] as number) * (d[j] as number);
        }
        return G;
      },
    };
  }
}
