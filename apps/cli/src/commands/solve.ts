/**
 * `dpr solve`: one recovery, from a seeded Section 4.1 instance (`--prior gaussian:k,n1,...,n`) or
 * from a user's instance file (`--instance FILE.safetensors`).
 */
import { resolve } from 'node:path';
import { Rng, deriveSeed, nrm2, type Backend, type Vec } from '@dpr/linalg';
import { loadMnistVaeDecoder } from '@dpr/generative-prior/mnist-vae';
import { imageAt, loadDataset } from '@dpr/datasets';
import { composeGrid, decodePng, encodePng, toGrayscale01 } from '@dpr/render';
import {
  DEFAULT_DCT_SPARSITY,
  recoverImage,
  SOLVERS,
  SUCCESS_THRESHOLD,
  gaussianMeasurements,
  gaussianPriorInstance,
  gaussianSignalInstance,
  getSolver,
  magnitudes,
  measurementResidual,
  perPixelError,
  readInstance,
  relativeError,
  relativeErrorUpToSign,
  sparseInstance,
  writeInstance,
  type Problem,
  type SolverResult,
} from '@dpr/phase-retrieval';
import { backendFromFlags } from '../backends.js';
import type { Command, Flags } from '../command.js';
import { readFileFlag, writeFileAtomic } from '../files.js';
import { CliError, choiceFlag, intFlag, numberFlag, stringFlag } from '../flags.js';
import { progressBar } from '../progress.js';

/** The `--json` record of `dpr solve` (stable: users script against it). */
export interface SolveRecord {
  algorithm: string;
  m: number;
  n: number;
  k: number | null;
  seed: number;
  relError: number | null;
  residual: number;
  success: boolean | null;
  iterations: number;
  timeMs: number;
  stopReason: string;
  backend: string;
  /** Mean squared per-pixel error ‖y* − y0‖² / n (null without a truth). */
  perPixelError: number | null;
}

function parsePrior(spec: string): number[] {
  const m = /^gaussian:(\d+(?:,\d+)+)$/.exec(spec);
  if (!m) throw new CliError(`--prior: expected gaussian:k,n1,...,n (e.g. gaussian:10,500,1000), got ${JSON.stringify(spec)}`);
  const dims = m[1]!.split(',').map(Number);
  if (dims.some((d) => d < 1)) throw new CliError('--prior: every width must be a positive integer');
  return dims;
}

interface Built {
  problem: Problem;
  x0?: Float64Array;
  save?: () => Uint8Array;
}

/**
 * `--prior mnist-vae`: the shipped VAE decoder (20-500-500-784), A iid N(0, 1/m) by default, and
 * the truth either a test digit (`--target mnist-test:INDEX`, b = |A y|) or G(x0) with
 * x0 ~ N(0, I_20) from the seed (the default, `--target latent`).
 */
function mnistVaeProblem(flags: Flags, backend: Backend, seed: number, cwd: string): Built {
  const m = intFlag(flags, 'm', 200, 1);
  const measurementScale = choiceFlag(flags, 'measurement-scale', ['unit', 'inverse-m'] as const, 'inverse-m');
  const prior = loadMnistVaeDecoder({ backend });
  const A = gaussianMeasurements({ m, n: prior.outputDim, seed: deriveSeed(seed, 2), scale: measurementScale, backend });
  const target = stringFlag(flags, 'target') ?? 'latent';
  const digit = /^mnist-test:(\d+)$/.exec(target);
  let truth: Float64Array, x0: Float64Array | undefined;
  if (digit) {
    const test = loadDataset('mnist').test, index = Number(digit[1]);
    if (index >= test.count) throw new CliError(`--target: mnist-test index ${index} is out of range 0..${test.count - 1}`);
    truth = imageAt(test, index);
  } else if (/\.png$/i.test(target)) {
    truth = pngTarget(cwd, target);
  } else if (target === 'latent') {
    x0 = new Rng(deriveSeed(seed, 3)).gaussianVec(prior.latentDim);
    truth = prior.forward(x0);
  } else throw new CliError(`--target: expected mnist-test:INDEX, FILE.png or latent, got ${JSON.stringify(target)}`);
  const problem = { A, b: magnitudes(A, truth), prior, truth };
  return { problem, ...(x0 ? { x0 } : {}), save: () => writeInstance({ A, b: problem.b, truth }) };
}

/** A user's 28 × 28 PNG (8-bit gray / RGB / RGBA, non-interlaced) as intensities in [0, 1]. */
function pngTarget(cwd: string, file: string): Float64Array {
  let img;
  try {
    img = decodePng(readFileFlag(cwd, file, 'target'));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`--target ${file}: ${(e as Error).message}`);
  }
  if (img.width !== 28 || img.height !== 28) throw new CliError(`--target ${file}: expected a 28 × 28 image (the VAE's size), got ${img.width} × ${img.height}`);
  return toGrayscale01(img);
}

function buildProblem(flags: Flags, backend: Backend, needsPrior: boolean, sparse: boolean, seed: number, cwd: string): Built {
  if (flags['target'] !== undefined && stringFlag(flags, 'prior') !== 'mnist-vae') throw new CliError('--target: only with --prior mnist-vae');
  if (stringFlag(flags, 'prior') === 'mnist-vae' && !stringFlag(flags, 'instance')) {
    return mnistVaeProblem(flags, backend, seed, cwd);
  }
  const file = stringFlag(flags, 'instance');
  if (file) {
    const { problem, x0 } = readInstance(readFileFlag(cwd, file, 'instance'), backend);
    if (needsPrior && !problem.prior) throw new CliError(`--instance: ${file} has no generator tensors W1, W2, ... (needed by this algorithm)`);
    return x0 ? { problem, x0 } : { problem };
  }
  const m = intFlag(flags, 'm', 200, 1);
  const measurementScale = choiceFlag(flags, 'measurement-scale', ['unit', 'inverse-m'] as const, 'unit');
  if (needsPrior) {
    const dims = parsePrior(stringFlag(flags, 'prior') ?? 'gaussian:10,500,1000');
    const weightScale = choiceFlag(flags, 'weights-scale', ['unit', 'fan-in'] as const, 'unit');
    const inst = gaussianPriorInstance({ dims, m, seed, weightScale, measurementScale, backend });
    return { problem: inst.problem, x0: inst.x0, save: () => writeInstance(inst.problem, inst.x0) };
  }
  const n = intFlag(flags, 'n', 1000, 1);
  // a K-sparse signal for sparsity-aware solvers or when --sparsity is given, else a dense N(0, I_n) one
  const inst = sparse || flags['sparsity'] !== undefined
    ? sparseInstance({ n, m, sparsity: intFlag(flags, 'sparsity', Math.min(10, n), 1), seed, measurementScale, backend })
    : gaussianSignalInstance({ n, m, seed, measurementScale, backend });
  return { problem: inst.problem, save: () => writeInstance(inst.problem) };
}

export const solveCommand: Command = {
  name: 'solve',
  summary: 'Recover one signal (DPR or a baseline) and report the error',
  usage: [
    'dpr solve [--prior gaussian:10,500,1000] [--m 200] [--seed 7] [--algorithm dpr|dpr-adam|...]',
    'dpr solve --prior mnist-vae [--target mnist-test:INDEX|FILE.png|latent] [--m 200] [--png FILE]',
    '          (shipped VAE decoder, A ~ N(0, 1/m); dpr-adam by default; a plain-signal --algorithm acts on the pixels,',
    `          sparta on the 2-D DCT coefficients with --sparsity K (default ${DEFAULT_DCT_SPARSITY}); --restarts R for them = R seeded`,
    '          runs, the lowest measurement residual kept; --png writes the original and the reconstruction side by side)',
    '          [--restarts R] [--weights-scale unit|fan-in] [--measurement-scale unit|inverse-m]',
    '          [--backend js|wasm|gpujs|auto] [--max-iters N] [--tol T] [--json]',
    'dpr solve --instance FILE.safetensors [--algorithm NAME] [--sparsity K] [--json]',
    'dpr solve --algorithm sparta --n 1000 --sparsity 3 --m 250   (plain K-sparse signal)',
    'dpr solve --algorithm taf --n 100 --m 600                    (plain dense N(0, I) signal)',
    '  --save-instance FILE  also write the generated instance (A, W_i, x0 or y0, b) as safetensors',
  ].join('\n'),
  options: {
    prior: { type: 'string' },
    target: { type: 'string' },
    m: { type: 'string' },
    n: { type: 'string' },
    seed: { type: 'string' },
    algorithm: { type: 'string' },
    restarts: { type: 'string' },
    sparsity: { type: 'string' },
    'weights-scale': { type: 'string' },
    'measurement-scale': { type: 'string' },
    backend: { type: 'string' },
    instance: { type: 'string' },
    'save-instance': { type: 'string' },
    'max-iters': { type: 'string' },
    tol: { type: 'string' },
    json: { type: 'boolean' },
    png: { type: 'string' },
  },
  async run(flags, _positionals, io) {
    const algorithm = choiceFlag(flags, 'algorithm', Object.keys(SOLVERS), stringFlag(flags, 'prior') === 'mnist-vae' ? 'dpr-adam' : 'dpr');
    const solver = getSolver(algorithm);
    const seed = intFlag(flags, 'seed', 0);
    const backend = await backendFromFlags(flags, io.err);
    if (flags['png'] !== undefined && stringFlag(flags, 'prior') !== 'mnist-vae') throw new CliError('--png: only with --prior mnist-vae');
    const built = buildProblem(flags, backend, solver.needsPrior, solver.capabilities.sparsity, seed, io.cwd);
    const { problem } = built;
    const saveTo = stringFlag(flags, 'save-instance');
    if (saveTo) {
      if (!built.save) throw new CliError('--save-instance: the instance already comes from a file');
      writeFileAtomic(resolve(io.cwd, saveTo), built.save());
    }
    if (stringFlag(flags, 'prior') === 'mnist-vae' && !stringFlag(flags, 'instance')) {
      const imageRecord = solveImage(flags, built, algorithm, solver.needsPrior, seed, backend.name);
      const png = stringFlag(flags, 'png');
      if (png && problem.truth) {
        const grid = composeGrid([[problem.truth, imageRecord.estimate]], { width: 28, height: 28, scale: 4, gap: 4 });
        writeFileAtomic(resolve(io.cwd, png), encodePng(grid));
      }
      report(imageRecord.record, imageRecord.latent, built, flags, io, seed, backend.name);
      if (png && !flags['json']) io.out(`  picture         ${png} (original | reconstruction)`);
      return 0;
    }
    const options: Record<string, unknown> = { seed };
    if (flags['max-iters'] !== undefined) options['maxIters'] = intFlag(flags, 'max-iters', 0, 0);
    if (flags['tol'] !== undefined) options['tol'] = numberFlag(flags, 'tol', 0);
    if (flags['restarts'] !== undefined) {
      if (!solver.capabilities.restarts) throw new CliError(`--restarts: not an option of '${algorithm}'`);
      options['restarts'] = intFlag(flags, 'restarts', 1, 1);
    }
    if (solver.capabilities.sparsity) options['sparsity'] = intFlag(flags, 'sparsity', Math.min(10, problem.A.inputDim), 1);
    const maxIters = (options['maxIters'] as number | undefined) ?? solver.sharedDefaults.maxIters ?? 1000;
    const bar = flags['json'] ? undefined : progressBar(`dpr solve ${algorithm}`, maxIters, io);
    options['onIteration'] = bar ? (i: { iteration: number; objective: number }) => bar.update(i.iteration, `f=${i.objective.toExponential(2)}`) : undefined;
    const result: SolverResult = solver.solve(problem, options);
    bar?.done();
    const relError = problem.truth
      ? solver.needsPrior
        ? relativeError(result.estimate, problem.truth)
        : relativeErrorUpToSign(result.estimate, problem.truth)
      : null;
    const record: SolveRecord = {
      algorithm,
      m: problem.A.outputDim,
      n: problem.A.inputDim,
      k: problem.prior ? problem.prior.latentDim : null,
      seed,
      relError,
      residual: measurementResidual(problem.A, result.estimate, problem.b),
      success: relError === null ? null : relError <= SUCCESS_THRESHOLD,
      iterations: result.iterations,
      timeMs: result.timeMs,
      stopReason: result.stopReason,
      backend: backend.name,
      perPixelError: problem.truth ? perPixelError(result.estimate, problem.truth) : null,
    };
    report(record, result.latent, built, flags, io, seed, backend.name);
    return 0;
  },
};

/** `--prior mnist-vae`: DPR on the latent code, or a baseline on the pixels (SPARTA on the DCT), via recoverImage. */
function solveImage(flags: Flags, built: Built, algorithm: string, needsPrior: boolean, seed: number, backendName: string): { record: SolveRecord; estimate: Float64Array; latent: undefined } {
  const { problem } = built;
  const solver = getSolver(algorithm);
  if (flags['sparsity'] !== undefined && !solver.capabilities.sparsity) throw new CliError(`--sparsity: not an option of '${algorithm}'`);
  const r = recoverImage({
    algorithm,
    A: problem.A,
    b: problem.b,
    ...(problem.prior ? { prior: problem.prior } : {}),
    height: 28,
    width: 28,
    seed,
    restarts: intFlag(flags, 'restarts', solver.capabilities.restarts?.default ?? 1, 1),
    ...(solver.capabilities.sparsity ? { sparsity: intFlag(flags, 'sparsity', DEFAULT_DCT_SPARSITY, 1) } : {}),
    ...(flags['max-iters'] !== undefined ? { maxIters: intFlag(flags, 'max-iters', 0, 0) } : {}),
    ...(flags['tol'] !== undefined ? { tol: numberFlag(flags, 'tol', 0) } : {}),
  });
  const truth = problem.truth;
  const relError = truth ? (needsPrior ? relativeError(r.estimate, truth) : relativeErrorUpToSign(r.estimate, truth)) : null;
  const record: SolveRecord = {
    algorithm,
    m: problem.A.outputDim,
    n: problem.A.inputDim,
    k: needsPrior && problem.prior ? problem.prior.latentDim : null,
    seed,
    relError,
    residual: r.residual,
    success: relError === null ? null : relError <= SUCCESS_THRESHOLD,
    iterations: r.iterations,
    timeMs: r.timeMs,
    stopReason: r.stopReason,
    backend: backendName,
    perPixelError: truth ? perPixelError(r.estimate, truth) : null,
  };
  return { record, estimate: r.estimate, latent: undefined };
}

function report(record: SolveRecord, latent: Vec | undefined, built: Built, flags: Flags, io: { out(line: string): void }, seed: number, backendName: string): void {
  const relError = record.relError;
  {
    if (flags['json']) io.out(JSON.stringify(record));
    else {
      io.out(`${record.algorithm} on ${stringFlag(flags, 'instance') ?? `a seeded instance (seed ${seed})`}: m = ${record.m}, n = ${record.n}${record.k ? `, k = ${record.k}` : ''}, backend ${backendName}`);
      io.out(`  relative error  ${relError === null ? 'unknown (no truth given)' : relError.toExponential(3)}${record.success === null ? '' : record.success ? '  (success, <= 1e-3)' : '  (failure, > 1e-3)'}`);
      io.out(`  residual        ${record.residual.toExponential(3)}  (|| |A y| - b || / ||b||)`);
      if (record.perPixelError !== null) io.out(`  per-pixel error ${record.perPixelError.toExponential(3)}  (||y* - y0||^2 / n)`);
      io.out(`  iterations      ${record.iterations} (${record.stopReason}), ${record.timeMs.toFixed(1)} ms`);
      if (latent) io.out(`  ||x*||          ${nrm2(latent).toFixed(4)}${built.x0 ? ` (||x0|| = ${nrm2(built.x0).toFixed(4)})` : ''}`);
    }
  }
}
