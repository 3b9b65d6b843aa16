/**
 * The paper's generator: a bias-free ReLU network G(x) = relu(W_d ⋯ relu(W_2 relu(W_1 x)) ⋯),
 * W_i ∈ R^{n_i × n_{i−1}}. G is piecewise linear and positively homogeneous: G(cx) = cG(x), c ≥ 0.
 * @see PAPER.md, "Problem" and Section 4.1.
 */
import { ArgumentError, Rng, ShapeError, type Backend } from '@dpr/linalg';
import { MlpGenerator } from './mlp-generator.js';

/** Scale of random weights: `unit` = N(0, 1) entries (Section 4.1), `fan-in` = N(0, 1/n_i) (theory). */
export type WeightScale = 'unit' | 'fan-in';

/** Options of {@link ReluNetwork.random}. */
export interface RandomReluNetworkOptions {
  /** Layer widths [k, n_1, …, n_d], at least two entries. */
  dims: readonly number[];
  seed: number;
  /** Default `unit`. */
  scale?: WeightScale;
  backend?: Backend;
}

/** A bias-free ReLU network (every layer, including the last, is followed by ReLU). */
export class ReluNetwork extends MlpGenerator {
  /** From explicit row-major weights W_1 … W_d; W_i has shape dims[i] × dims[i−1]. */
  constructor(weights: readonly ArrayLike<number>[], dims: readonly number[], backend?: Backend) {
    checkDims(dims);
    if (weights.length !== dims.length - 1) throw new ShapeError('weights', `${dims.length - 1} matrices (one per layer)`, weights.length);
    super(
      weights.map((W, i) => ({ W, inDim: dims[i]!, outDim: dims[i + 1]!, activation: 'relu' as const })),
      backend ? { backend } : {},
    );
  }

  /**
   * A random network with iid Gaussian weights drawn from `seed` (W_1 first, row-major), entries
   * N(0, 1) for `unit` or N(0, 1/n_i) for `fan-in`, where n_i is the layer's output width, as in
   * the paper's Theorem 2.
   */
  static random(options: RandomReluNetworkOptions): ReluNetwork {
    const { dims, seed } = options;
    checkDims(dims);
    const scale = options.scale ?? 'unit';
    if (scale !== 'unit' && scale !== 'fan-in') throw new ArgumentError('scale', "'unit' or 'fan-in'", scale);
    const rng = new Rng(seed);
    const weights = dims.slice(1).map((ni, i) => rng.gaussianVec(ni * dims[i]!, scale === 'unit' ? 1 : 1 / Math.sqrt(ni)));
    return new ReluNetwork(weights, dims, options.backend);
  }
}

function checkDims(dims: readonly number[]): void {
  if (!Array.isArray(dims) || dims.length < 2) throw new ArgumentError('dims', 'an array [k, n_1, ..., n_d] with at least two widths', dims);
  dims.forEach((d, i) => {
    if (!Number.isSafeInteger(d) || d < 1) throw new ArgumentError(`dims[${i}]`, 'a positive integer', d);
  });
}
