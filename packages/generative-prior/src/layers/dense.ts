/**
 * One dense layer h ↦ σ(W h + c) with W resident on a linalg backend, on batches of columns
 * (H is in × R, one column per code): the forward pass keeps σ'(z) when asked, and the three
 * backward pieces (σ' product, input gradient Wᵀ dZ, parameter gradients dZ Hᵀ and dZ 1) are the
 * same for a generator's vector-Jacobian product ({@link MlpGenerator}) and for training a VAE
 * (`@dpr/training`), which both build on this class.
 */
import { ArgumentError, type Backend, type DenseMatrix, type Mat } from '@dpr/linalg';
import { activation, type Activation, type ActivationName } from '../activations.js';

/** What a dense layer is made of. */
export interface DenseLayerSpec {
  /** Row-major weights, length outDim · inDim. */
  W: ArrayLike<number>;
  outDim: number;
  inDim: number;
  /**
   * Bias c (length outDim). Kept by reference when it is a Float64Array, so a trainer that updates
   * it in place changes the layer; pass a copy otherwise.
   */
  bias?: Float64Array;
  activation: ActivationName;
  /** Slope for leaky-relu. */
  leakySlope?: number;
}

/** A dense layer on a backend. */
export class DenseLayer {
  readonly backend: Backend;
  readonly outDim: number;
  readonly inDim: number;
  readonly bias: Float64Array | undefined;
  readonly act: Activation;
  private resident: DenseMatrix;

  constructor(backend: Backend, spec: DenseLayerSpec) {
    this.backend = backend;
    this.outDim = spec.outDim;
    this.inDim = spec.inDim;
    this.bias = spec.bias;
    this.act = activation(spec.activation, spec.leakySlope);
    this.resident = backend.matrix(spec.W, spec.outDim, spec.inDim);
  }

  /** W as stored on the backend. */
  get W(): DenseMatrix {
    return this.resident;
  }

  /** Replace the weights (e.g. after an optimizer step): uploads `W`, frees the old copy. */
  setWeights(W: ArrayLike<number>): void {
    const fresh = this.backend.matrix(W, this.outDim, this.inDim);
    this.resident.dispose();
    this.resident = fresh;
  }

  /** σ(W H + c) for H (inDim × R); writes σ'(W H + c) into `derivative` (outDim · R) when given. */
  forward(H: Mat, derivative?: Float64Array): Mat {
    const R = H.cols;
    const Z = this.backend.gemm(false, 1, this.resident, H, 0, { rows: this.outDim, cols: R, data: new Float64Array(this.outDim * R) });
    this.act.applyInPlace(Z.data, R, this.bias, derivative);
    return Z;
  }

  /** dZ = G ⊙ σ'(z), in place on G (the gradient with respect to the pre-activation). */
  static scaleByDerivative(G: Mat, derivative: Float64Array): Mat {
    if (derivative.length !== G.data.length) throw new ArgumentError('derivative', `length ${G.data.length}`, derivative.length);
    const g = G.data;
    for (let j = 0; j < g.length; j++) g[j] = (g[j] as number) * (derivative[j] as number);
    return G;
  }

  /** Wᵀ dZ (inDim × R): the gradient with respect to the layer's input. */
  inputGradient(dZ: Mat): Mat {
    return this.backend.gemm(true, 1, this.resident, dZ, 0, { rows: this.inDim, cols: dZ.cols, data: new Float64Array(this.inDim * dZ.cols) });
  }

  /** Jᵀ G = Wᵀ (G ⊙ σ'(z)) for G (outDim × R); G is overwritten. */
  backward(G: Mat, derivative: Float64Array): Mat {
    return this.inputGradient(DenseLayer.scaleByDerivative(G, derivative));
  }

  /** J U = (W U) ⊙ σ'(z) for U (inDim × R). */
  tangent(U: Mat, derivative: Float64Array): Mat {
    const Z = this.backend.gemm(false, 1, this.resident, U, 0, { rows: this.outDim, cols: U.cols, data: new Float64Array(this.outDim * U.cols) });
    return DenseLayer.scaleByDerivative(Z, derivative);
  }

  /**
   * The parameter gradients of a batch: dW = dZ Hᵀ into `dW` (outDim × inDim, row-major) and
   * db = dZ 1 into `db`. `Ht` (R × inDim) may be passed when the caller already has Hᵀ.
   */
  parameterGradient(dZ: Mat, H: Mat, dW: Float64Array, db: Float64Array, Ht?: Mat): void {
    const R = dZ.cols;
    for (let r = 0; r < this.outDim; r++) {
      let s = 0;
      for (let j = r * R; j < (r + 1) * R; j++) s += dZ.data[j] as number;
      db[r] = s;
    }
    const HtMat: Mat = Ht ?? { rows: R, cols: this.inDim, data: transpose(H.data, this.inDim, R) };
    const dZres = this.backend.matrix(dZ.data, this.outDim, R);
    try {
      this.backend.gemm(false, 1, dZres, HtMat, 0, { rows: this.outDim, cols: this.inDim, data: dW });
    } finally {
      dZres.dispose();
    }
  }

  /** Frees the resident weights. */
  dispose(): void {
    this.resident.dispose();
  }
}

/** The transpose (cols × rows) of a row-major rows × cols array. */
function transpose(src: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const r = i * cols;
    for (let j = 0; j < cols; j++) out[j * rows + i] = src[r + j] as number;
  }
  return out;
}
