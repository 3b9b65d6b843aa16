/**
 * Seeded random instances of the paper's experiments, so that any trial can be rebuilt from its
 * parameters and seed alone. Independent streams are derived from the one seed:
 * stream 1 → the weights W_i, stream 2 → A, stream 3 → x0 (or the sparse signal).
 */
import { ArgumentError, JsBackend, Rng, deriveSeed, type Backend, type DenseOperator, type Vec } from '@dpr/linalg';
import { ReluNetwork, type WeightScale } from '@dpr/generative-prior';
import { gaussianMeasurements, magnitudes, type MeasurementScale } from './measurements/gaussian.js';
import type { Problem } from './problem.js';
import type { InstanceCache } from './instance-cache.js';
import { buildOwning } from './owned-parts.js';

/**
 * The seeded parts of an instance, taken from `cache` when given (then the cache owns them: do not
 * dispose `A` or the prior) and built otherwise. Keys name everything that determines the part.
 */
function cached<T extends { dispose(): void }>(cache: InstanceCache | undefined, key: string, backend: Backend | undefined, build: () => T): T {
  return cache ? cache.get(`${key}@${backendId(backend)}`, build) : build();
}

const backendIds = new WeakMap<Backend, number>();
let nextBackendId = 1;
/** A per-process id of a backend object (parts on one backend cannot serve another). */
function backendId(backend: Backend | undefined): string {
  if (!backend) return 'default-js';
  let id = backendIds.get(backend);
  if (id === undefined) backendIds.set(backend, (id = nextBackendId++));
  return `${backend.name}#${id}`;
}

function measurementsFor(o: { m: number; n: number; seed: number; measurementScale?: MeasurementScale; backend?: Backend; cache?: InstanceCache }): DenseOperator {
  const seed = deriveSeed(o.seed, 2), scale = o.measurementScale ?? 'unit';
  return cached(o.cache, `gaussian-A:${o.m}x${o.n}:${seed}:${scale}`, o.backend, () =>
    gaussianMeasurements({ m: o.m, n: o.n, seed, scale, ...(o.backend ? { backend: o.backend } : {}) }));
}

/** Options of {@link gaussianPriorInstance}. */
export interface GaussianPriorInstanceOptions {
  /** Layer widths [k, n_1, …, n_d]; default the paper's [10, 500, 1000]. */
  dims?: readonly number[];
  m: number;
  seed: number;
  /** Weight entries N(0,1) (`unit`, Section 4.1, default) or N(0, 1/n_i) (`fan-in`). */
  weightScale?: WeightScale;
  /** A entries N(0,1) (`unit`, default) or N(0, 1/m). */
  measurementScale?: MeasurementScale;
  backend?: Backend;
  /** Share A and G with other instances of the same seed (see {@link InstanceCache}; it then owns them). */
  cache?: InstanceCache;
}

/** An instance of Section 4.1: G a random ReLU net, A Gaussian, x0 ~ N(0, I_k), b = |A G(x0)|. */
export interface PriorInstance {
  problem: Problem & { prior: ReluNetwork; truth: Vec; A: DenseOperator };
  x0: Vec;
}

/**
 * Build the Section 4.1 instance for (m, seed). Without a cache the caller owns `problem.A` and
 * `problem.prior` and disposes them; with one the cache owns them. When the build fails (e.g. a bad
 * m) the parts it made are freed before the error propagates.
 */
export function gaussianPriorInstance(options: GaussianPriorInstanceOptions): PriorInstance {
  const dims = options.dims ?? [10, 500, 1000];
  if (!Number.isSafeInteger(options.seed)) throw new ArgumentError('seed', 'a safe integer', options.seed);
  // with room for one entry, caching A would dispose the G of this very instance
  if (options.cache && options.cache.capacity < 2) throw new ArgumentError('cache', 'an InstanceCache with capacity of at least 2 (an instance holds G and A)', options.cache.capacity);
  // G and A on one backend (a new js one by default), so solvers can keep their products resident
  const backend = options.backend ?? new JsBackend();
  const weightSeed = deriveSeed(options.seed, 1), weightScale = options.weightScale ?? 'unit';
  return buildOwning((own) => {
    const ownUncached = <P extends { dispose(): void }>(part: P): P => (options.cache ? part : own(part)); // a cache owns its entries
    const prior = ownUncached(cached(options.cache, `relu-G:${dims.join(',')}:${weightSeed}:${weightScale}`, backend, () =>
      ReluNetwork.random({ dims, seed: weightSeed, scale: weightScale, backend })));
    const A = ownUncached(measurementsFor({ ...options, n: prior.outputDim, backend }));
    const x0 = new Rng(deriveSeed(options.seed, 3)).gaussianVec(prior.latentDim);
    const truth = prior.forward(x0);
    return { problem: { A, b: magnitudes(A, truth), prior, truth }, x0 };
  });
}

/** Options of {@link sparseInstance}. */
export interface SparseInstanceOptions {
  n: number;
  m: number;
  /** Number of non-zeros K. */
  sparsity: number;
  seed: number;
  measurementScale?: MeasurementScale;
  backend?: Backend;
  /** Share A with other instances of the same (m, n, seed) (see {@link InstanceCache}). */
  cache?: InstanceCache;
}

/** A K-sparse y0 ∈ R^n (support uniform, non-zeros iid N(0,1)), A Gaussian, b = |A y0| (SPARTA's setup). */
export function sparseInstance(options: SparseInstanceOptions): { problem: Problem & { truth: Vec; A: DenseOperator } } {
  const { n, m, sparsity: K, seed } = options;
  if (!Number.isSafeInteger(K) || K < 1 || K > n) throw new ArgumentError('sparsity', `an integer in 1..n (${n})`, K);
  const A = measurementsFor(options);
  const rng = new Rng(deriveSeed(seed, 3));
  const perm = rng.permutation(n);
  const y0 = new Float64Array(n);
  for (let i = 0; i < K; i++) y0[perm[i] as number] = rng.gaussian();
  return { problem: { A, b: magnitudes(A, y0), truth: y0 } };
}

/** Options of {@link gaussianSignalInstance}. */
export interface GaussianSignalInstanceOptions {
  n: number;
  m: number;
  seed: number;
  measurementScale?: MeasurementScale;
  backend?: Backend;
}

/** A dense y0 ~ N(0, I_n), A Gaussian, b = |A y0| (the baselines' real Gaussian model, no prior). */
export function gaussianSignalInstance(options: GaussianSignalInstanceOptions): { problem: Problem & { truth: Vec; A: DenseOperator } } {
  const { n, m, seed } = options;
  const A = gaussianMeasurements({ m, n, seed: deriveSeed(seed, 2), scale: options.measurementScale ?? 'unit', ...(options.backend ? { backend: options.backend } : {}) });
  const y0 = new Rng(deriveSeed(seed, 3)).gaussianVec(n);
  return { problem: { A, b: magnitudes(A, y0), truth: y0 } };
}
