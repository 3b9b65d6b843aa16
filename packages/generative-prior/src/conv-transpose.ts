/**
 * 2-D transposed convolution (PyTorch `ConvTranspose2d`, square kernel, no bias, no dilation,
 * no output padding, groups = 1) as one backend GEMM plus a scatter-add (col2im), and its adjoint,
 * a regular convolution, as a gather (im2col) plus one GEMM with the same resident weight.
 *
 * Semantics (PyTorch): for input x ∈ R^{C_in × H × W} and weight w ∈ R^{C_in × C_out × K × K},
 *
 *   y[co, oy, ox] = Σ_{ci, iy, ix, ky, kx : oy = iy·s − p + ky, ox = ix·s − p + kx} x[ci, iy, ix] · w[ci, co, ky, kx],
 *
 * with output size H_out = (H − 1)·s − 2p + K (e.g. K = 4, s = 2, p = 1: H_out = 2H).
 *
 * GEMM formulation: with A = w reshaped to the row-major C_in × (C_out·K·K) matrix (exactly
 * PyTorch's memory layout; Aᵀ is kept resident as well, so both GEMMs are untransposed), the columns matrix Aᵀ X ∈ R^{(C_out·K·K) × (H·W)} holds every
 * product x[·, iy, ix] · w[·, co, ky, kx]; col2im adds entry ((co, ky, kx), (iy, ix)) into
 * y[co, iy·s − p + ky, ix·s − p + kx] when that lies inside the output. The adjoint is
 * x̄ = A · im2col(ȳ), where im2col gathers ȳ[co, iy·s − p + ky, ix·s − p + kx] (0 outside).
 *
 * Batches of R images use the layout C × R × H × W (channel-major, then image, then pixel), so
 * that one GEMM with R·H·W columns serves the whole batch and no transposes are needed between
 * layers; for R = 1 this is the usual CHW order.
 */
import { ArgumentError, ShapeError, assertFinite, type Backend, type DenseMatrix } from '@dpr/linalg';

/** Shape and hyper-parameters of one transposed convolution. */
export interface ConvTranspose2dShape {
  /** C_in. */
  inChannels: number;
  /** C_out. */
  outChannels: number;
  /** K, the (square) kernel size. */
  kernel: number;
  /** s ≥ 1. */
  stride: number;
  /** p ≥ 0 (PyTorch `padding`: removes p rows/columns from each border of the full output). */
  padding: number;
  /** H of the input. */
  inHeight: number;
  /** W of the input. */
  inWidth: number;
}

/** PyTorch's output size of a transposed convolution: (in − 1)·stride − 2·padding + kernel. */
export function convTransposeOutputSize(inSize: number, kernel: number, stride: number, padding: number): number {
  return (inSize - 1) * stride - 2 * padding + kernel;
}

/** A transposed convolution whose weight is resident on a backend. */
export class ConvTranspose2d {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly outHeight: number;
  readonly outWidth: number;
  /** C_in · H · W. */
  readonly inSize: number;
  /** C_out · H_out · W_out. */
  readonly outSize: number;
  readonly backend: Backend;
  /** The weight as the row-major C_in × (C_out·K·K) matrix (PyTorch layout), for the adjoint. */
  private readonly A: DenseMatrix;
  /** Its transpose, (C_out·K·K) × C_in, so that the forward GEMM is untransposed too (streams C once). */
  private readonly At: DenseMatrix;

  /**
   * @param weight row-major `[C_in, C_out, K, K]` (PyTorch `ConvTranspose2d.weight` layout).
   */
  constructor(backend: Backend, weight: ArrayLike<number>, shape: ConvTranspose2dShape) {
    for (const key of ['inChannels', 'outChannels', 'kernel', 'stride', 'inHeight', 'inWidth'] as const) {
      const v = shape[key];
      if (!Number.isSafeInteger(v) || v < 1) throw new ArgumentError(key, 'a positive integer', v);
    }
    if (!Number.isSafeInteger(shape.padding) || shape.padding < 0) throw new ArgumentError('padding', 'a non-negative integer', shape.padding);
    this.inChannels = shape.inChannels;
    this.outChannels = shape.outChannels;
    this.kernel = shape.kernel;
    this.stride = shape.stride;
    this.padding = shape.padding;
    this.inHeight = shape.inHeight;
    this.inWidth = shape.inWidth;
    this.outHeight = convTransposeOutputSize(shape.inHeight, shape.kernel, shape.stride, shape.padding);
    this.outWidth = convTransposeOutputSize(shape.inWidth, shape.kernel, shape.stride, shape.padding);
    if (this.outHeight < 1 || this.outWidth < 1) {
      throw new ArgumentError('padding', `small enough for a non-empty output (got ${this.outHeight} × ${this.outWidth})`, shape.padding);
    }
    this.inSize = this.inChannels * this.inHeight * this.inWidth;
    this.outSize = this.outChannels * this.outHeight * this.outWidth;
    const count = this.inChannels * this.outChannels * this.kernel * this.kernel;
    if (weight === null || typeof weight !== 'object' || weight.length !== count) {
      throw new ShapeError('weight', `length C_in·C_out·K·K = ${count}`, weight?.length);
    }
    assertFinite('weight', weight);
    this.backend = backend;
    const rows = this.inChannels, cols = this.outChannels * this.kernel * this.kernel;
    const t = new Float64Array(count);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = weight[i * cols + j]!;
    this.A = backend.matrix(weight, rows, cols);
    try {
      this.At = backend.matrix(t, cols, rows);
    } catch (e) {
      this.A.dispose();
      throw e;
    }
  }

  /** The weight in PyTorch layout `[C_in, C_out, K, K]`, as stored on the backend. */
  weight(): Float64Array {
    return this.A.toFloat64Array();
  }

  /** y = convT(x) for a batch of R inputs in layout C_in × R × H × W → C_out × R × H_out × W_out. */
  apply(x: Float64Array, R = 1): Float64Array {
    this.checkBatch('x', x, this.inSize, R);
    const ncols = R * this.inHeight * this.inWidth;
    const cols = this.backend.gemm(
      false, 1, this.At,
      { rows: this.inChannels, cols: ncols, data: x },
      0,
      { rows: this.A.cols, cols: ncols, data: new Float64Array(this.A.cols * ncols) },
    ).data;
    return this.col2im(cols, R);
  }

  /** x̄ = convTᵀ(ȳ) (a strided convolution) for R gradients in layout C_out × R × H_out × W_out → C_in × R × H × W. */
  adjoint(g: Float64Array, R = 1): Float64Array {
    this.checkBatch('g', g, this.outSize, R);
    const ncols = R * this.inHeight * this.inWidth;
    return this.backend.gemm(
      false, 1, this.A,
      { rows: this.A.cols, cols: ncols, data: this.im2col(g, R) },
      0,
      { rows: this.inChannels, cols: ncols, data: new Float64Array(this.inChannels * ncols) },
    ).data;
  }

  dispose(): void {
    this.A.dispose();
    this.At.dispose();
  }

  get disposed(): boolean {
    return this.A.disposed;
  }

  private checkBatch(name: string, v: Float64Array, size: number, R: number): void {
    if (!Number.isSafeInteger(R) || R < 1) throw new ArgumentError('R', 'a positive integer', R);
    if (!(v instanceof Float64Array)) throw new ArgumentError(name, 'a Float64Array', v);
    if (v.length !== size * R) throw new ShapeError(name, `length ${size * R} (${size} × ${R})`, v.length);
  }

  /** For kernel offset kk, the input index range [lo, hi] whose i·s − p + kk lies in [0, outLen). */
  private range(kk: number, inLen: number, outLen: number): [number, number] {
    const s = this.stride, p = this.padding;
    return [Math.max(0, Math.ceil((p - kk) / s)), Math.min(inLen - 1, Math.floor((outLen - 1 + p - kk) / s))];
  }

  /**
   * Visit every run of taps shared by the columns matrix and the image: `visit(col, img, len)` pairs
   * `cols[col + ix]` with image entry `img + ix·stride` for ix < len (C_out × R × H_out × W_out layout).
   */
  private forEachRun(R: number, visit: (col: number, img: number, len: number) => void): void {
    const { outChannels: Co, kernel: K, stride: s, padding: p, inHeight: H, inWidth: W, outHeight: Ho, outWidth: Wo } = this;
    const HW = H * W, HoWo = Ho * Wo, ncols = R * HW;
    for (let ky = 0; ky < K; ky++) {
      const [iy0, iy1] = this.range(ky, H, Ho);
      for (let kx = 0; kx < K; kx++) {
        const [ix0, ix1] = this.range(kx, W, Wo);
        if (iy0 > iy1 || ix0 > ix1) continue;
        for (let co = 0; co < Co; co++) {
          const row = ((co * K + ky) * K + kx) * ncols;
          for (let r = 0; r < R; r++) {
            const base = (co * R + r) * HoWo - p + kx;
            for (let iy = iy0; iy <= iy1; iy++) visit(row + r * HW + iy * W + ix0, base + (iy * s - p + ky) * Wo + ix0 * s, ix1 - ix0 + 1);
          }
        }
      }
    }
  }

  /** Scatter-add the (C_out·K·K) × (R·H·W) columns matrix into C_out × R × H_out × W_out. */
  private col2im(cols: Float64Array, R: number): Float64Array {
    const s = this.stride;
    const out = new Float64Array(this.outChannels * R * this.outHeight * this.outWidth);
    this.forEachRun(R, (col, img, len) => {
      for (let ix = 0; ix < len; ix++) out[img + ix * s]! += cols[col + ix]!;
    });
    return out;
  }

  /** Gather C_out × R × H_out × W_out into the (C_out·K·K) × (R·H·W) columns matrix (0 outside). */
  private im2col(g: Float64Array, R: number): Float64Array {
    const s = this.stride, K = this.kernel;
    const cols = new Float64Array(this.outChannels * K * K * R * this.inHeight * this.inWidth);
    this.forEachRun(R, (col, img, len) => {
      for (let ix = 0; ix < len; ix++) cols[col + ix] = g[img + ix * s]!;
    });
    return cols;
  }
}
