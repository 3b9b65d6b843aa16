/**
 * The sweep behind Figure 3 (Section 4.2): per-pixel reconstruction error against the number of
 * measurements m for test images of MNIST (or Fashion-MNIST) under the VAE trained here
 * (20-500-500-784 decoder), A iid N(0, 1/m). Methods: DPR-Adam (R restarts, each from x_1 and
 * −x_1, best by f), SPARTA on the 2-D DCT of the image (A ∘ IDCT, K-sparse coefficients), and
 * Fienup, Gerchberg-Saxton and Wirtinger Flow on the pixels (best of R seeded runs by measurement
 * residual). A trial is one (method, m, test image); A is drawn from the trial seed, which depends
 * on (m, image) only, so every method sees the same A and b. At the grid m values the
 * reconstruction itself is stored (base64 of 8-bit pixels) for the image grids.
 * This module is what the worker threads import: it holds no plotting code.
 * @see PAPER.md, "Experiments the paper reports", item 2.
 */
import { selectBackend, type Backend } from '@dpr/linalg';
import {
  loadPretrainedVaeDecoder,
  loadPretrainedVaeEncoderMean,
  pretrainedVaeAvailable,
  pretrainedVaePaths,
  type PretrainedVaeName,
} from '@dpr/generative-prior/mnist-vae';
import type { MlpGenerator } from '@dpr/generative-prior';
import { InstanceCache, gaussianMeasurements, magnitudes, perPixelError, type ProductPrecision } from '@dpr/phase-retrieval';
import { imageAt, loadDataset, type ImageSplit } from '@dpr/datasets';
import type { Experiment, Metrics, Params } from '@dpr/sweep';
import { recoverImage } from '@dpr/phase-retrieval';
import { DprError } from '@dpr/linalg';

/** The methods of Figure 3 (solver ids; `sparta` runs on the 2-D DCT coefficients). */
export const FIG3_METHODS = ['dpr-adam', 'sparta', 'fienup', 'gerchberg-saxton', 'wirtinger-flow'] as const;
/** One method of Figure 3. */
export type Fig3Method = (typeof FIG3_METHODS)[number];

/** The configuration of the Figure 3 sweep (hashed into config.json). */
export interface Fig3Config {
  /** `mnist` or `fashion-mnist` (the shipped VAE of the same name is the prior). */
  dataset: 'mnist' | 'fashion-mnist';
  /** Test-split indices of the images. */
  images: number[];
  /** Measurement counts m. */
  ms: number[];
  /** Methods, in plot order. */
  methods: Fig3Method[];
  /** DPR-Adam's restarts R (2R runs) and the plain solvers' seeded runs. */
  restarts: number;
  /** SPARTA's runs (its spectral start is deterministic; the paper's restarts are for the others). */
  spartaRestarts: number;
  /** SPARTA's sparsity K on the 2-D DCT coefficients. */
  sparsity: number;
  /** DPR-Adam iterations per run. */
  dprMaxIters: number;
  /**
   * Iteration cap per run of the pixel baselines, by method (a method not named: its solver's
   * default, PhasePack's 10000). The full figure's caps are measured, see {@link FIG3_BASELINE_CAPS}.
   */
  baselineMaxIters: Partial<Record<Fig3Method, number>>;
  /** Where the pixel baselines' products run (`float64` host copy of A, or the workers' `backend`; see `PlainSignalOptions.products`). */
  baselineProducts: ProductPrecision;
  /** m values whose reconstructions are kept for the image grids. */
  gridMs: number[];
  /** Compute backend of the workers. */
  backend: 'wasm' | 'js';
}

/** The shipped VAE used as the prior for a dataset. */
export function fig3PriorName(dataset: Fig3Config['dataset']): PretrainedVaeName {
  return dataset === 'mnist' ? 'mnist-vae' : 'fashion-mnist-vae';
}

/**
 * The paper's configuration (10 restarts everywhere, m from 25 to 3000), or (`quick`) the same
 * shape with 3 images, 5 m values, 2 restarts and 300 DPR-Adam iterations; both cap the baselines
 * at {@link FIG3_BASELINE_CAPS}.
 */
export function fig3Config(quick: boolean, dataset: Fig3Config['dataset'] = 'mnist'): Fig3Config {
  const count = quick ? 3 : 10;
  // Fashion-MNIST's test split is ordered by class (1,000 a class): spread the images over the classes
  const images = Array.from({ length: count }, (_, i) => (dataset === 'mnist' ? i : (quick ? [0, 3, 8][i]! : i) * 1000 + 7));
  return {
    dataset,
    images,
    ms: quick ? [50, 200, 500, 1000, 2000] : [25, 50, 100, 200, 500, 1000, 1500, 2000, 3000],
    methods: [...FIG3_METHODS],
    restarts: quick ? 2 : 10,
    spartaRestarts: 1,
    sparsity: 50,
    dprMaxIters: quick ? 300 : 500,
    baselineMaxIters: { ...FIG3_BASELINE_CAPS },
    baselineProducts: 'backend',
    gridMs: [200, 500],
    backend: 'wasm',
  };
}

/**
 * The full figure's iteration caps of the pixel baselines, chosen from measured convergence
 * (`packages/bench/scripts/fig3-convergence.ts`, numbers in BENCHMARKS.md, "Sweep speed, third
 * pass"): the smallest cap beyond which the figure's per-pixel error (the kept run of 10) changes
 * by less than 1% relative where the method converges. Fienup's non-negative HIO does not converge
 * below m ≈ 1500 (its error wanders in a band from iteration 25 on, at any cap) and at m ≥ 1500 a
 * run either converges within 150 iterations or stalls for good (relative residual near 0.012), so
 * PhasePack's 10000 only spends hours on stalled runs; WF's error still moves up to ~750 iterations
 * at m = 1000; Gerchberg–Saxton meets its tol within 20 iterations at every measured m.
 */
export const FIG3_BASELINE_CAPS: Readonly<Partial<Record<Fig3Method, number>>> = { fienup: 200, 'gerchberg-saxton': 1000, 'wirtinger-flow': 1000 };

function capOf(config: Fig3Config, method: string): { maxIters?: number } {
  const cap = config.baselineMaxIters[method as Fig3Method];
  return cap === undefined ? {} : { maxIters: cap };
}

/** The seed of image `index` at `m`: shared by the methods, so all see the same A. */
export function fig3Seed(m: number, index: number): number {
  return 100_000 * m + index + 1;
}

/** Per-worker state: the backend, the prior and encoder, the test split. */
export interface Fig3State {
  backend: Backend;
  prior: MlpGenerator;
  encoder: MlpGenerator;
  test: ImageSplit;
  /** The workers' A of recent (m, image) pairs: the five methods of one pair share it (drawn once a worker). */
  cache?: InstanceCache;
}

/** 8-bit pixels (clipped to [0, 1]) as base64, for the stored grid images. */
export function encodeImage8(y: ArrayLike<number>): string {
  const u = new Uint8Array(y.length);
  for (let i = 0; i < y.length; i++) u[i] = Math.round(255 * Math.min(1, Math.max(0, Number.isFinite(y[i]!) ? y[i]! : 0)));
  return Buffer.from(u).toString('base64');
}

/** The inverse of {@link encodeImage8}: intensities in [0, 1]. */
export function decodeImage8(s: string): Float64Array {
  return Float64Array.from(Buffer.from(s, 'base64'), (v) => v / 255);
}

/** Run one Figure 3 trial with a given state (exported for tests and the CLI). */
export function fig3Trial(params: Params, seed: number, config: Fig3Config, state: Fig3State): Metrics {
  const m = Number(params['m']), index = Number(params['image']), method = String(params['method']);
  const truth = imageAt(state.test, index);
  const draw = () => gaussianMeasurements({ m, n: truth.length, seed, scale: 'inverse-m', backend: state.backend });
  const A = state.cache ? state.cache.get(`fig3-A:${m}x${truth.length}:${seed}`, draw) : draw(); // the cache owns (and disposes) its A
  try {
    const b = magnitudes(A, truth);
    const isDpr = method === 'dpr-adam';
    const r = recoverImage({
      algorithm: method,
      A,
      b,
      prior: state.prior,
      height: 28,
      width: 28,
      seed,
      restarts: method === 'sparta' ? config.spartaRestarts : config.restarts,
      sparsity: config.sparsity,
      ...(isDpr ? { maxIters: config.dprMaxIters } : capOf(config, method)),
      ...(isDpr ? {} : { products: config.baselineProducts }),
    });
    const metrics: Metrics = {
      perPixelError: perPixelError(r.estimate, truth),
      residual: r.residual,
      iterations: r.iterations,
      stopReason: r.stopReason,
      solveMs: r.timeMs,
      error: null,
    };
    if (isDpr) metrics['representationError'] = perPixelError(state.prior.forward(state.encoder.forward(truth)), truth);
    if (config.gridMs.includes(m)) metrics['image'] = encodeImage8(r.estimate);
    return metrics;
  } catch (e) {
    return { perPixelError: null, residual: null, iterations: null, stopReason: 'error', solveMs: null, error: (e as Error).message };
  } finally {
    if (!state.cache) A.dispose();
  }
}

/** The Figure 3 prior is missing (Fashion-MNIST: train it first). */
export class PriorUnavailableError extends DprError {
  constructor(name: string, path: string) {
    super('E_PRIOR_UNAVAILABLE', `the ${name} weights are not in ${path}; train them with 'pnpm dpr train vae --dataset ${name.replace(/-vae$/, '')} --epochs 10 --seed 0 --out ${path}'`);
  }
}

/**
 * Build the per-worker state of a Figure 3 sweep (the experiment's `teardown` frees it). When a
 * part cannot be loaded (weights, dataset), what was already built is freed before the error
 * propagates.
 */
export async function fig3State(config: Fig3Config): Promise<Fig3State> {
  const name = fig3PriorName(config.dataset);
  if (!pretrainedVaeAvailable(name)) throw new PriorUnavailableError(name, pretrainedVaePaths(name).weights);
  const backend = await selectBackend({ backend: config.backend }); // a fallback shows in each trial's recorded backend
  const built: Array<{ dispose(): void }> = [backend];
  try {
    const prior = loadPretrainedVaeDecoder(name, { backend });
    built.push(prior);
    const encoder = loadPretrainedVaeEncoderMean(name, { backend });
    built.push(encoder);
    return { backend, prior, encoder, test: loadDataset(config.dataset).test, cache: new InstanceCache(2) };
  } catch (e) {
    for (const part of built.reverse()) part.dispose();
    throw e;
  }
}

function fig3ExperimentFor(id: string, exportName: string): Experiment<Fig3Config, Fig3State> {
  return {
    id,
    module: { url: import.meta.url, exportName },
    grid(config) {
      const out: Array<{ params: Params; seed: number }> = [];
      for (const m of config.ms) {
        for (const image of config.images) {
          for (const method of config.methods) out.push({ params: { method, m, image }, seed: fig3Seed(m, image) });
        }
      }
      return out;
    },
    async setup(config) {
      const state = await fig3State(config);
      return { backend: state.backend.name, state };
    },
    run({ params, seed }, config, state) {
      return fig3Trial(params, seed, config, state);
    },
    teardown(state) {
      state.cache?.clear();
      state.prior.dispose();
      state.encoder.dispose();
      state.backend.dispose();
    },
  };
}

/** The Figure 3 sweep on MNIST. */
export const fig3Experiment: Experiment<Fig3Config, Fig3State> = fig3ExperimentFor('fig3', 'fig3Experiment');
/** The Figure 3 sweep on Fashion-MNIST. */
export const fig3FashionExperiment: Experiment<Fig3Config, Fig3State> = fig3ExperimentFor('fig3-fashion', 'fig3FashionExperiment');
