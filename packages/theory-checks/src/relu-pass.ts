/**
 * Batched passes through a bias-free ReLU network G and a measurement operator A that keep what the
 * descent certificate needs and the generic {@link Generator} API hides: the pre-activations (to
 * know which ReLU inputs are exactly 0) and a forward-mode pass with *one-sided* masks, which gives
 * the exact one-sided directional derivative D_u f(x) = lim_{t→0+} (f(x + t u) − f(x))/t of the
 * piecewise-quadratic f(x) = ½‖|A G(x)| − b‖² at every x, including the non-differentiable ones.
 *
 * Derivation (one layer at a time, t → 0+): if every layer up to i is linear along x + t u for
 * small t, then z_i(x + t u) = z_i + t dz_i with dz_i = W_i dh_{i−1}, and
 * relu(z + t dz) = z + t dz (z > 0), 0 (z < 0), t·max(dz, 0) (z = 0), so
 * dh_i = 1(z_i > 0) dz_i + 1(z_i = 0) max(dz_i, 0); likewise |y + t dy| = |y| + t sgn(y) dy for y ≠ 0
 * and t|dy| for y = 0. Hence, with y = A G(x), dy = A dG:
 *
 *     D_u f(x) = Σ_{j: y_j ≠ 0} sgn(y_j)(|y_j| − b_j) dy_j − Σ_{j: y_j = 0} b_j |dy_j|.
 *
 * Where f is differentiable this is ⟨∇f(x), u⟩, so D_{−v(x)} f(x) = −‖v(x)‖²; at x = 0 it gives
 * D_w f(0) = −⟨|A G(w)|, b⟩ (all inputs are 0, so dG = G(w) by positive homogeneity).
 * @see PAPER.md, "Descent direction" and "Theorem 2" (D_w f(x) is the one-sided derivative).
 */
import { ArgumentError, ShapeError, adjointBatch, applyBatch, mat, type Backend, type DenseMatrix, type LinearOperator, type Mat, type Vec } from '@dpr/linalg';
import type { Generator } from '@dpr/generative-prior';
import type { ReluGenerator } from './layered-generator.js';

/** Whether G is a bias-free ReLU network whose weights can be read. */
export function isReluGenerator(G: unknown): G is ReluGenerator {
  const g = G as ReluGenerator;
  if (typeof g !== 'object' || g === null || !Array.isArray(g.dims) || typeof g.weights !== 'function' || typeof g.activationOf !== 'function') return false;
  if (!g.positivelyHomogeneous || !g.backend) return false;
  for (let i = 1; i < g.dims.length; i++) if (g.activationOf(i) !== 'relu') return false;
  return true;
}

/** f, v and the one-sided derivative along a direction, per column of a batch. */
export interface BatchDerivatives {
  /** f(x) per column. */
  f: Float64Array;
  /** v(x) (k × B), the paper's descent direction (mask 0 at a 0 input, sgn(0) = 0). */
  v: Mat;
  /** D_u f(x) per column, for the direction u of that column (see {@link ReluPasses.evaluate}). */
  derivative: Float64Array;
}

/** Batched exact passes for the DPR objective with a ReLU prior. */
export class ReluPasses {
  private readonly layers: DenseMatrix[];
  private readonly dims: readonly number[];
  private readonly backend: Backend;

  /** @param G bias-free ReLU network (weights are re-uploaded once to its backend). */
  constructor(
    G: Generator,
    private readonly A: LinearOperator,
    private readonly b: Vec,
  ) {
    if (!isReluGenerator(G)) throw new ArgumentError('problem.prior', 'a bias-free ReLU network (e.g. ReluNetwork)', G);
    if (A.inputDim !== G.outputDim) throw new ShapeError('problem.A', `input dimension ${G.outputDim}`, A.inputDim);
    if (b.length !== A.outputDim) throw new ShapeError('problem.b', `length ${A.outputDim}`, b.length);
    this.dims = G.dims;
    this.backend = G.backend;
    this.layers = G.dims.slice(1).map((ni, i) => this.backend.matrix(G.weights(i + 1), ni, G.dims[i]!));
  }

  /** Latent dimension k. */
  get k(): number {
    return this.dims[0]!;
  }

  /**
   * For each column x of X (k × B): f(x), v(x) and the exact one-sided derivative D_u f(x), where
   * u is the column of `U` (k × B) or, when `U` is omitted, u = −v(x) (the paper's descent step).
   */
  evaluate(X: Mat, U?: Mat): BatchDerivatives {
    const B = X.cols, m = this.A.outputDim;
    if (X.rows !== this.k) throw new ShapeError('X.rows', `${this.k}`, X.rows);
    if (U && (U.rows !== this.k || U.cols !== B)) throw new ShapeError('U', `${this.k} × ${B}`, `${U.rows} × ${U.cols}`);
    // forward, keeping pre-activations
    const Z: Float64Array[] = [];
    let H: Mat = X;
    this.layers.forEach((W) => {
      const P = this.backend.gemm(false, 1, W, H, 0, mat(W.rows, B));
      Z.push(P.data.slice());
      for (let i = 0; i < P.data.length; i++) if (!((P.data[i] as number) > 0)) P.data[i] = 0;
      H = P;
    });
    const Y = applyBatch(this.A, H);
    // f and residual r = sgn(y) (|y| − b)
    const f = new Float64Array(B);
    const R = mat(m, B);
    for (let j = 0; j < m; j++) {
      const bj = this.b[j] as number;
      for (let c = 0; c < B; c++) {
        const y = Y.data[j * B + c] as number;
        const e = Math.abs(y) - bj;
        f[c] = (f[c] as number) + 0.5 * e * e;
        R.data[j * B + c] = (y > 0 ? 1 : y < 0 ? -1 : 0) * e;
      }
    }
    // backward: v = W_1ᵀ D_1 ⋯ W_dᵀ D_d Aᵀ r
    let V: Mat = adjointBatch(this.A, R);
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const z = Z[i]!;
      for (let t = 0; t < V.data.length; t++) if (!((z[t] as number) > 0)) V.data[t] = 0;
      const W = this.layers[i]!;
      V = this.backend.gemm(true, 1, W, V, 0, mat(W.cols, B));
    }
    // forward mode along u with one-sided masks
    let dH: Mat = U ?? { rows: V.rows, cols: B, data: V.data.map((t) => -t) };
    this.layers.forEach((W, i) => {
      const P = this.backend.gemm(false, 1, W, dH, 0, mat(W.rows, B));
      const z = Z[i]!;
      for (let t = 0; t < P.data.length; t++) {
        const zt = z[t] as number;
        if (zt < 0 || (zt === 0 && (P.data[t] as number) < 0)) P.data[t] = 0;
      }
      dH = P;
    });
    const dY = applyBatch(this.A, dH);
    const derivative = new Float64Array(B);
    for (let j = 0; j < m; j++) {
      const bj = this.b[j] as number;
      for (let c = 0; c < B; c++) {
        const y = Y.data[j * B + c] as number, dy = dY.data[j * B + c] as number;
        const term = y === 0 ? -bj * Math.abs(dy) : (y > 0 ? 1 : -1) * (Math.abs(y) - bj) * dy;
        derivative[c] = (derivative[c] as number) + term;
      }
    }
    return { f, v: V, derivative };
  }

  /** f at each column of X (forward only). */
  objective(X: Mat): Float64Array {
    let H: Mat = X;
    for (const W of this.layers) {
      const P = this.backend.gemm(false, 1, W, H, 0, mat(W.rows, X.cols));
      for (let i = 0; i < P.data.length; i++) if (!((P.data[i] as number) > 0)) P.data[i] = 0;
      H = P;
    }
    const Y = applyBatch(this.A, H);
    const f = new Float64Array(X.cols);
    for (let j = 0; j < Y.rows; j++) {
      for (let c = 0; c < X.cols; c++) f[c] = (f[c] as number) + 0.5 * (Math.abs(Y.data[j * X.cols + c] as number) - (this.b[j] as number)) ** 2;
    }
    return f;
  }

  /** Frees the re-uploaded weights. */
  dispose(): void {
    for (const W of this.layers) W.dispose();
  }
}
