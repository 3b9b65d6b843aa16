/**
 * One recovery, as `dpr solve` and the browser app run it: build the problem from a request (a
 * seeded Section 4.1 instance `gaussian:k,n1,...,n`, a plain dense or K-sparse signal, a shipped
 * VAE prior with a test digit, a user's image or a random latent as the truth, or a user's
 * instance file), run the solver from the registry with its typed capabilities, and return the
 * stable record of `dpr solve --json`.
 */
import { ArgumentError, OptionError, Rng, checkAllocation, deriveSeed, nrm2, type Backend, type Vec } from '@dpr/linalg';
import { createPrior, type Generator, type SafetensorsFile } from '@dpr/generative-prior';
import {
  DEFAULT_DCT_SPARSITY,
  SUCCESS_THRESHOLD,
  buildOwning,
  addNoise,
  gaussianMeasurements,
  gaussianPriorInstance,
  measuredPriorInstance,
  gaussianSignalInstance,
  getSolver,
  magnitudes,
  measurementResidual,
  parseMeasurementSpec,
  ppowerInit,
  requireCapability,
  solversWith,
  perPixelError,
  readInstance,
  recoverImage,
  relativeError,
  plainSignalError,
  complexSignalInstance,
  signalEntries,
  isComplexSignalOperator,
  sparseInstance,
  writeInstance,
  type IterationInfo,
  type MeasurementScale,
  type Problem,
  type Solver,
} from '@dpr/phase-retrieval';
import { PngFormatError, composeGrid, decodePng, encodePng, toGrayscale01 } from '@dpr/render/image';

/** The `--json` record of `dpr solve` (stable: users script against it). */
export interface SolveRecord {
  algorithm: string;
  m: number;
  n: number;
  k: number | null;
  seed: number;
  /** Relative error of the estimate, up to the global sign of a plain real signal or the global phase of a complex one (null without a truth, or when the estimate is not finite). */
  relError: number | null;
  /** ‖|A y*| − b‖/‖b‖ (null when the estimate is not finite). */
  residual: number | null;
  success: boolean | null;
  iterations: number;
  timeMs: number;
  stopReason: string;
  backend: string;
  /** Mean squared per-pixel error ‖y* − y0‖² / n (a complex signal: after the best global phase; null without a truth). */
  perPixelError: number | null;
  /** Realized SNR of the noisy magnitudes in dB, 10 log10(‖b‖²/‖b̃ − b‖²) (null when noiseless). */
  snrDb: number | null;
}

/** What to solve. Every field is optional; the defaults are those of `dpr solve`. */
export interface SolveRequest {
  /** A solver id (default `dpr`, or `dpr-adam` with an image prior). */
  algorithm?: string;
  /** `gaussian:k,n1,...,n` (default `gaussian:10,500,1000`), `mnist-vae` or `fashion-mnist-vae`. */
  prior?: string;
  /** With an image prior: `mnist-test:INDEX`, `fashion-test:INDEX`, `latent` (default) or `image` (the PNG in `targetImage`). */
  target?: string;
  /** The PNG bytes of a user's 28 × 28 image (target `image`). */
  targetImage?: Uint8Array;
  /** A user's instance (safetensors bytes: A, b, optional W1, W2, …, truth). */
  instance?: Uint8Array;
  m?: number;
  /** Signal dimension of a plain (prior-free) signal (default 1000). */
  n?: number;
  /** The plain signal's shape, [n] or [H, W] (`--n HxW`); H·W must equal n. */
  shape?: readonly number[];
  /** A measurement model spec of `MEASUREMENTS`: `gaussian` (default), `complex-gaussian`, `cdp:L`, `fourier:OS`. */
  measurement?: string;
  seed?: number;
  restarts?: number;
  /** K of a sparse signal / of SPARTA (default min(10, n); 50 on the 2-D DCT of an image). */
  sparsity?: number;
  weightsScale?: 'unit' | 'fan-in';
  measurementScale?: MeasurementScale;
  maxIters?: number;
  tol?: number;
  /** The initializer of a plain-signal baseline (one of its `capabilities.initializers.names`). */
  initializer?: string;
  /** Also return the generated instance as safetensors bytes. */
  saveInstance?: boolean;
  /** Measurement noise, `gaussian:SNR_DB` or `poisson:PHOTONS` (seeded by `seed`; see `NOISE_MODELS`). */
  noise?: string;
  /** Initializer of a prior solver (dpr, dpr-adam): `random` (default, the solver's own seeded start) or `ppower`. */
  init?: 'random' | 'ppower';
  /** Also return a PNG of the original and the reconstruction side by side (image priors). */
  picture?: boolean;
  /**
   * The most memory the generated instance (A, the generator's weights) may take, checked before
   * anything is allocated (default {@link DEFAULT_MAX_BYTES}); more is a `TooLargeError`.
   */
  maxBytes?: number;
}

/** Default of {@link SolveRequest.maxBytes}: 16 GiB. */
export const DEFAULT_MAX_BYTES = 2 ** 34;

/** Check the float64 entries an instance needs against the request's memory limit. */
function checkSize(req: SolveRequest, parameter: string, what: string, entries: number): void {
  checkAllocation(parameter, what, 8 * entries, req.maxBytes ?? DEFAULT_MAX_BYTES);
}

/** The test sets a target `SET-test:INDEX` names. */
export type TestImageSet = 'mnist' | 'fashion';

/** Where a solve gets what it cannot compute: the shipped weights and the test images. */
export interface SolveSources {
  /** The parsed weights of a shipped model (`mnist-vae`). */
  loadPretrained?: (name: string) => SafetensorsFile;
  /** Test image INDEX of a dataset, intensities in [0, 1] (throws for an index out of range). */
  testImage?: (dataset: TestImageSet, index: number) => Float64Array;
}

/** Hooks of a run. */
export interface SolveHooks {
  /** After each iteration (of every run of an image baseline with restarts); `info.current()` is the iterate. */
  onIteration?: (info: IterationInfo) => void | 'stop';
  /**
   * Once the problem is built, before the solver starts (e.g. to show the truth and b). The
   * problem is valid until {@link solve} returns, which frees what it put on the backend.
   */
  onProblem?: (problem: Problem) => void;
  signal?: AbortSignal;
}

/** What {@link solve} returns. */
export interface SolveOutcome {
  record: SolveRecord;
  estimate: Vec;
  latent?: Vec;
  /** The true latent code of a generated instance. */
  x0?: Vec;
  /** The instance as safetensors (with `saveInstance`, for generated instances). */
  instanceBytes?: Uint8Array;
  /** original | reconstruction (with `picture`, image priors). */
  picture?: Uint8Array;
}

interface Built {
  problem: Problem;
  x0?: Vec;
  /** The instance as safetensors, with the given (noisy) magnitudes. */
  save?: (b: Vec) => Uint8Array;
  /** Frees what this request put on the backend (A, the prior): every part is built for the one solve. */
  release(): void;
}

/** The release of a problem whose A (a dense or measurement operator) and prior were built for it alone. */
function releaseOf(...parts: Array<{ dispose(): void } | undefined>): () => void {
  return () => {
    for (const p of parts) p?.dispose();
  };
}

const IMAGE_SIDE = 28;

const IMAGE_PRIORS = ['mnist-vae', 'fashion-mnist-vae'];

/** Whether `req` runs on a shipped image prior (not an instance file): the only requests whose solve reads its {@link SolveSources}. */
export function imagePrior(req: SolveRequest): boolean {
  return IMAGE_PRIORS.includes(req.prior ?? '') && req.instance === undefined;
}

/**
 * The shipped VAE prior, A iid N(0, 1/m) by default, the truth a test digit, a user's image or G(x0).
 * A target that fails (a bad PNG, an unknown name) frees the prior and A before the error propagates.
 */
function imageProblem(req: SolveRequest, backend: Backend, seed: number, sources: SolveSources): Built {
  const m = req.m ?? 200;
  checkSize(req, 'm', `A (${m} × 784)`, m * 784);
  return buildOwning<Built>((own) => {
    const prior: Generator = own(createPrior(req.prior!, { backend, ...(sources.loadPretrained ? { loadPretrained: sources.loadPretrained } : {}) }));
    const A = own(gaussianMeasurements({ m, n: prior.outputDim, seed: deriveSeed(seed, 2), scale: req.measurementScale ?? 'inverse-m', backend }));
    const target = req.target ?? 'latent';
    const digit = /^(mnist|fashion)-test:(\d+)$/.exec(target);
    let truth: Vec, x0: Vec | undefined;
    if (digit) {
      if (!sources.testImage) throw new OptionError('target', `${digit[1]}-test needs the test set (sources.testImage)`);
      truth = sources.testImage(digit[1] as TestImageSet, Number(digit[2]));
    } else if (target === 'image') {
      truth = imageTarget(req.targetImage);
    } else if (target === 'latent') {
      x0 = new Rng(deriveSeed(seed, 3)).gaussianVec(prior.latentDim);
      truth = prior.forward(x0);
    } else throw new OptionError('target', `expected mnist-test:INDEX, fashion-test:INDEX, FILE.png or latent, got ${JSON.stringify(target)}`);
    const problem = { A, b: magnitudes(A, truth), prior, truth };
    return { problem, ...(x0 ? { x0 } : {}), save: (b) => writeInstance({ A, b, truth }), release: releaseOf(A, prior) };
  });
}

/** A user's 28 × 28 PNG as intensities in [0, 1]. */
function imageTarget(png: Uint8Array | undefined): Float64Array {
  if (!png) throw new OptionError('target', 'an image needs its PNG bytes (targetImage)');
  let img;
  try {
    img = decodePng(png);
  } catch (e) {
    if (e instanceof PngFormatError) throw new OptionError('target', e.message);
    throw e;
  }
  if (img.width !== IMAGE_SIDE || img.height !== IMAGE_SIDE) throw new OptionError('target', `expected a 28 × 28 image (the VAE's size), got ${img.width} × ${img.height}`);
  return toGrayscale01(img);
}

/** The widths k, n1, ..., n of a `gaussian:k,n1,...,n` prior (each a positive safe integer, at least two), or an OptionError naming `prior`. */
export function parseGaussianPrior(spec: string): number[] {
  const dims = /^gaussian:(\d+(?:,\d+)+)$/.exec(spec)?.[1]?.split(',').map(Number);
  if (!dims || dims.some((d) => d < 1 || !Number.isSafeInteger(d))) throw new OptionError('prior', `expected gaussian:k,n1,...,n (e.g. gaussian:10,500,1000), got ${JSON.stringify(spec)}`);
  return dims;
}

function buildProblem(req: SolveRequest, backend: Backend, needsPrior: boolean, sparse: boolean, seed: number, sources: SolveSources): Built {
  if (req.target !== undefined && !IMAGE_PRIORS.includes(req.prior ?? '')) throw new OptionError('target', `only with --prior ${IMAGE_PRIORS.join(' or ')}`);
  if (imagePrior(req)) return imageProblem(req, backend, seed, sources);
  if (req.instance) {
    const instance = req.instance;
    return buildOwning<Built>((own) => {
      const { problem, x0 } = readInstance(instance, backend);
      own(problem.A);
      if (problem.prior) own(problem.prior);
      if (needsPrior && !problem.prior) throw new OptionError('instance', 'the file has no generator tensors W1, W2, ... (needed by this algorithm)');
      return { problem, ...(x0 ? { x0 } : {}), release: releaseOf(problem.A, problem.prior) };
    });
  }
  const m = req.m ?? 200;
  const measurementScale = req.measurementScale ?? 'unit';
  if (needsPrior) {
    const spec = req.prior ?? 'gaussian:10,500,1000';
    const dims = parseGaussianPrior(spec);
    const n = dims[dims.length - 1]!;
    if (req.n !== undefined && req.n !== n) {
      throw new OptionError('n', `${req.n} does not match the signal dimension n = ${n} of --prior ${spec} (its last width); give --prior gaussian:${[...dims.slice(0, -1), req.n].join(',')} instead`);
    }
    const weights = dims.slice(1).reduce((s, d, i) => s + d * dims[i]!, 0);
    checkSize(req, req.m !== undefined && m * n > weights ? 'm' : 'prior', `A (${m} × ${n}) and the weights of ${spec}`, m * n + weights);
    const measurement = req.measurement;
    if (measurement !== undefined && measurement !== 'gaussian') {
      const derives = parseMeasurementSpec(measurement).model.derivesCount;
      const mm = derives ? req.m : m;
      const inst = asOption(['m', 'shape'], () => measuredPriorInstance({ dims, measurement, seed, weightScale: req.weightsScale ?? 'unit', measurementScale, backend, ...(mm === undefined ? {} : { m: mm }), ...(req.shape ? { shape: req.shape } : {}) }));
      return { problem: inst.problem, x0: inst.x0, release: releaseOf(inst.operator, inst.problem.prior) }; // instance files hold real dense A only
    }
    const inst = gaussianPriorInstance({ dims, m, seed, weightScale: req.weightsScale ?? 'unit', measurementScale, backend });
    return { problem: inst.problem, x0: inst.x0, save: (b) => writeInstance({ ...inst.problem, b }, inst.x0), release: releaseOf(inst.problem.A, inst.problem.prior) };
  }
  const n = req.n ?? 1000;
  const measurement = req.measurement === undefined ? undefined : parseMeasurementSpec(req.measurement);
  if (measurement?.model.dtype === 'complex') {
    // a complex signal y0 ~ CN(0, I_n) (stacked [Re; Im]); dense models hold two m × n matrices
    const mm = measurement.model.derivesCount ? req.m : m;
    if (!measurement.model.derivesCount) checkSize(req, req.n === undefined ? 'm' : 'n', `A (${m} × ${n}, complex)`, 2 * m * n);
    const inst = asOption(['m', 'shape'], () => complexSignalInstance({ measurement: req.measurement!, n, seed, measurementScale, backend, ...(mm === undefined ? {} : { m: mm }), ...(req.shape ? { shape: req.shape } : {}) }));
    return { problem: inst.problem, release: releaseOf(inst.operator) };
  }
  checkSize(req, req.n === undefined ? 'm' : 'n', `A (${m} × ${n})`, m * n);
  // a K-sparse signal for sparsity-aware solvers or when a sparsity is given, else a dense N(0, I_n) one
  const inst = sparse || req.sparsity !== undefined
    ? sparseInstance({ n, m, sparsity: req.sparsity ?? Math.min(10, n), seed, measurementScale, backend })
    : gaussianSignalInstance({ n, m, seed, measurementScale, backend });
  return { problem: inst.problem, save: (b) => writeInstance({ ...inst.problem, b }), release: releaseOf(inst.problem.A) };
}

/**
 * Run f; an ArgumentError about one of `parameters` becomes the OptionError of the request field
 * (`shape` is the field `n`), so the CLI names its flag.
 */
function asOption<T>(parameters: string | readonly string[], f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ArgumentError && !(e instanceof OptionError) && ([] as string[]).concat(parameters).includes(e.parameter)) {
      throw new OptionError(e.parameter === 'shape' ? 'n' : e.parameter, e.message.slice(e.parameter.length + 2));
    }
    throw e;
  }
}

/**
 * The measurement model of the request against the solver's capabilities: a complex model needs
 * the `complex` capability (a typed CapabilityError otherwise); user matrices come with --instance.
 */
function checkMeasurement(req: SolveRequest, solver: ReturnType<typeof getSolver>): void {
  if (req.shape !== undefined && (req.shape.reduce((a, d) => a * d, 1) !== (req.n ?? 1000) || req.shape.length > 2)) {
    throw new OptionError('n', `expected N or HxW, got shape [${req.shape.join(', ')}] for n = ${req.n ?? 1000}`);
  }
  if (req.measurement === undefined) return;
  const { model } = asOption('measurement', () => parseMeasurementSpec(req.measurement!));
  if (model.id === 'matrix' || model.id === 'complex-matrix') throw new OptionError('measurement', `'${model.id}' reads a user's matrix: pass the instance file with --instance`);
  if (model.dtype === 'complex') {
    const able = solversWith({ complex: true }).map((s) => s.id);
    requireCapability(solver, 'complex', 'measurement', `'${req.measurement}' is complex (solvers that take complex measurements: ${able.length > 0 ? able.join(', ') : 'none yet'})`);
  }
  if (req.instance !== undefined || imagePrior(req)) throw new OptionError('measurement', 'only for generated instances (--prior gaussian:... or a plain signal); the instance file or the image run brings its own A');
}

/** Solve one request on `backend`; see the module comment. */
export function solve(req: SolveRequest, backend: Backend, sources: SolveSources = {}, hooks: SolveHooks = {}): SolveOutcome {
  const algorithm = req.algorithm ?? (imagePrior(req) ? 'dpr-adam' : 'dpr');
  const solver = getSolver(algorithm);
  const caps = solver.capabilities;
  const seed = req.seed ?? 0;
  if (req.picture && !imagePrior(req)) throw new OptionError('png', `only with --prior ${IMAGE_PRIORS.join(' or ')}`);
  checkMeasurement(req, solver);
  const built = buildProblem(req, backend, caps.prior, caps.sparsity, seed, sources);
  try {
    return solveBuilt(req, backend, built, algorithm, solver, seed, hooks);
  } finally {
    built.release();
  }
}

/** The rest of {@link solve}, on the problem built for the request (released by the caller). */
function solveBuilt(req: SolveRequest, backend: Backend, built: Built, algorithm: string, solver: Solver<object>, seed: number, hooks: SolveHooks): SolveOutcome {
  const caps = solver.capabilities;
  // a generated prior instance already checked --n against the prior's width; this catches instance files
  if (req.n !== undefined && req.n !== signalEntries(built.problem.A)) {
    throw new OptionError('n', `${req.n} does not match the signal dimension n = ${signalEntries(built.problem.A)} of ${req.instance ? 'the instance file' : `--prior ${req.prior}`}; drop --n`);
  }
  const noisy = req.noise === undefined ? undefined : asOption('noise', () => addNoise(built.problem.b, req.noise!, deriveSeed(seed, 4)));
  const problem: Problem = noisy ? { ...built.problem, b: noisy.b } : built.problem;
  hooks.onProblem?.(problem);
  if (req.saveInstance && !built.save) throw new OptionError('saveInstance', req.instance ? 'the instance already comes from a file' : `instance files hold a real dense A; not '${req.measurement}'`);
  if (req.restarts !== undefined && !caps.restarts && !imagePrior(req)) throw new OptionError('restarts', `not an option of '${algorithm}'`);
  if (req.sparsity !== undefined && !caps.sparsity && imagePrior(req)) throw new OptionError('sparsity', `not an option of '${algorithm}'`);
  if (req.init !== undefined && req.init !== 'random' && req.init !== 'ppower') throw new OptionError('init', `expected random or ppower, got ${JSON.stringify(req.init)}`);
  if (req.init === 'ppower' && (!caps.prior || imagePrior(req))) throw new OptionError('init', `ppower initializes a prior solver (dpr, dpr-adam) on a generated or file instance, not '${algorithm}'${imagePrior(req) ? ' on an image' : ''}`);
  const caps2 = { ...(req.maxIters === undefined ? {} : { maxIters: req.maxIters }), ...(req.tol === undefined ? {} : { tol: req.tol }) };
  if (req.initializer !== undefined && (!caps.initializers || imagePrior(req))) throw new OptionError('init', `not an option of '${algorithm}'${imagePrior(req) ? ' on an image prior' : ''}`);
  if (req.initializer !== undefined && !caps.initializers!.names.includes(req.initializer as never)) {
    throw new OptionError('init', `expected one of ${caps.initializers!.names.filter((k) => k !== 'custom').join(', ')}, got ${JSON.stringify(req.initializer)}`);
  }
  if (req.initializer === 'custom') throw new OptionError('init', "'custom' needs a starting point, which the CLI does not take");
  let run: { estimate: Vec; latent?: Vec; iterations: number; timeMs: number; stopReason: string; residual: number | null };
  if (imagePrior(req)) {
    const r = recoverImage({
      algorithm, A: problem.A, b: problem.b, ...(problem.prior ? { prior: problem.prior } : {}), height: IMAGE_SIDE, width: IMAGE_SIDE, seed,
      restarts: req.restarts ?? caps.restarts?.default ?? 1,
      ...(caps.sparsity ? { sparsity: req.sparsity ?? DEFAULT_DCT_SPARSITY } : {}),
      ...caps2,
      ...(hooks.onIteration ? { onIteration: hooks.onIteration } : {}),
      ...(hooks.signal ? { signal: hooks.signal } : {}),
    });
    run = r;
  } else {
    const options: Record<string, unknown> = { seed, ...caps2 };
    if (req.restarts !== undefined) options['restarts'] = req.restarts;
    if (caps.sparsity) options['sparsity'] = req.sparsity ?? Math.min(10, problem.A.inputDim);
    if (req.initializer !== undefined) options['initializer'] = req.initializer;
    if (req.init === 'ppower') options['init'] = ppowerInit(problem, { seed: deriveSeed(seed, 5) }).latent;
    if (hooks.onIteration) options['onIteration'] = hooks.onIteration;
    if (hooks.signal) options['signal'] = hooks.signal;
    const r = solver.solve(problem, options);
    run = { ...r, residual: r.estimate.every(Number.isFinite) ? measurementResidual(problem.A, r.estimate, problem.b) : null };
  }
  const truth = problem.truth;
  // a diverged run may end with a non-finite estimate: its record says so (null), it does not throw
  const finite = run.estimate.every(Number.isFinite);
  const relError = truth && finite ? (caps.prior ? relativeError(run.estimate, truth) : plainSignalError(problem.A, run.estimate, truth)) : null;
  const record: SolveRecord = {
    algorithm,
    m: problem.b.length,
    n: signalEntries(problem.A),
    k: problem.prior && (caps.prior || !imagePrior(req)) ? problem.prior.latentDim : null,
    seed,
    relError,
    residual: run.residual,
    success: truth ? relError !== null && relError <= SUCCESS_THRESHOLD : null,
    iterations: run.iterations,
    timeMs: run.timeMs,
    stopReason: run.stopReason,
    backend: backend.name,
    perPixelError: truth && finite ? (isComplexSignalOperator(problem.A) ? ((relError! * nrm2(truth)) ** 2) / signalEntries(problem.A) : perPixelError(run.estimate, truth)) : null,
    snrDb: noisy && Number.isFinite(noisy.snrDb) ? noisy.snrDb : null,
  };
  return {
    record,
    estimate: run.estimate,
    ...(run.latent && !imagePrior(req) ? { latent: run.latent } : {}),
    ...(built.x0 ? { x0: built.x0 } : {}),
    ...(req.saveInstance && built.save ? { instanceBytes: built.save(problem.b) } : {}),
    ...(req.picture && truth ? { picture: encodePng(composeGrid([[truth, run.estimate]], { width: IMAGE_SIDE, height: IMAGE_SIDE, scale: 4, gap: 4 })) } : {}),
  };
}
