/**
 * `dpr solve`: one recovery, from a seeded Section 4.1 instance (`--prior gaussian:k,n1,...,n`),
 * a plain signal, the shipped VAE prior or a user's instance file. Parses the flags and calls
 * `solve` of `@dpr/lab`. The solver packages are imported when the command runs (`dpr help` and
 * the other commands start without them; see `lazy-imports.test.ts`).
 */
import { totalmem } from 'node:os';
import { OptionError, nrm2, type Vec } from '@dpr/linalg';
import type { SolveOutcome, SolveRecord, SolveRequest } from '@dpr/lab';
import { backendFromFlags } from '../backends.js';
import { declareOptions, type Command, type Flags } from '../command.js';
import { outputPath, readFileFlag, writeFileAtomic } from '../files.js';
import { CliError, asUsageError, choiceFlag, intFlag, numberFlag, stringFlag } from '../flags.js';
import { progressBar } from '../progress.js';

export type { SolveRecord } from '@dpr/lab';

type PhaseRetrieval = typeof import('@dpr/phase-retrieval');

/** `DEFAULT_DCT_SPARSITY` of `@dpr/phase-retrieval`, for the usage text only (a test checks they agree). */
export const USAGE_DCT_SPARSITY = 50;

/** `--n N` or `--n HxW` as n and (for HxW) the shape. */
function sizeOf(flags: Flags, { parseSignalSize }: PhaseRetrieval): Pick<SolveRequest, 'n' | 'shape'> {
  const text = stringFlag(flags, 'n');
  if (text === undefined) return {};
  if (!/^\d+x\d+$/.test(text)) return { n: intFlag(flags, 'n', 1000, 1) };
  const { n, shape } = asUsageError(() => {
    try {
      return parseSignalSize(text);
    } catch (e) {
      throw new OptionError('n', `expected N or HxW with positive sizes, got ${JSON.stringify(text)}`);
    }
  });
  return { n, shape };
}

/** The request of the flags. */
function requestOf(flags: Flags, cwd: string, pr: PhaseRetrieval): SolveRequest {
  const { SOLVERS } = pr;
  const target = stringFlag(flags, 'target');
  const png = target !== undefined && /\.png$/i.test(target);
  const opt = <T>(name: string, read: () => T): T | undefined => (flags[name] === undefined ? undefined : read());
  const algorithm = choiceFlag(flags, 'algorithm', Object.keys(SOLVERS), stringFlag(flags, 'prior') === 'mnist-vae' ? 'dpr-adam' : 'dpr');
  // one --init flag: random|ppower for the prior solvers, an initializer name for a plain-signal baseline
  const initText = stringFlag(flags, 'init');
  const priorInit = SOLVERS[algorithm]!.capabilities.prior || initText === 'ppower';
  const req: SolveRequest = {
    algorithm,
    seed: intFlag(flags, 'seed', 0),
    prior: stringFlag(flags, 'prior'),
    target: png ? 'image' : target,
    targetImage: png ? readFileFlag(cwd, target, 'target') : undefined,
    instance: opt('instance', () => readFileFlag(cwd, stringFlag(flags, 'instance')!, 'instance')),
    m: opt('m', () => intFlag(flags, 'm', 200, 1)),
    ...sizeOf(flags, pr),
    measurement: stringFlag(flags, 'measurement'),
    noise: stringFlag(flags, 'noise'),
    init: priorInit ? opt('init', () => choiceFlag(flags, 'init', ['random', 'ppower'] as const, 'random')) : undefined,
    restarts: opt('restarts', () => intFlag(flags, 'restarts', 1, 1)),
    sparsity: opt('sparsity', () => intFlag(flags, 'sparsity', 10, 1)),
    weightsScale: opt('weights-scale', () => choiceFlag(flags, 'weights-scale', ['unit', 'fan-in'] as const, 'unit')),
    measurementScale: opt('measurement-scale', () => choiceFlag(flags, 'measurement-scale', ['unit', 'inverse-m'] as const, 'unit')),
    maxIters: opt('max-iters', () => intFlag(flags, 'max-iters', 0, 0)),
    tol: opt('tol', () => numberFlag(flags, 'tol', 0)),
    initializer: priorInit ? undefined : initText,
    saveInstance: flags['save-instance'] !== undefined,
    picture: flags['png'] !== undefined,
    maxBytes: Math.floor(0.8 * totalmem()),
  };
  return Object.fromEntries(Object.entries(req).filter(([, v]) => v !== undefined)) as SolveRequest;
}

export const solveCommand: Command = {
  name: 'solve',
  summary: 'Recover one signal (DPR or a baseline) and report the error',
  usage: [
    'dpr solve [--prior gaussian:10,500,1000] [--m 200] [--seed 7] [--algorithm dpr|dpr-adam|...]',
    'dpr solve --prior mnist-vae [--target mnist-test:INDEX|FILE.png|latent] [--m 200] [--png FILE]',
    '          (shipped VAE decoder, A ~ N(0, 1/m); dpr-adam by default; a plain-signal --algorithm acts on the pixels,',
    `          sparta on the 2-D DCT coefficients with --sparsity K (default ${USAGE_DCT_SPARSITY}); --restarts R for them = R seeded`,
    '          runs, the lowest measurement residual kept; --png writes the original and the reconstruction side by side)',
    '          [--restarts R] [--weights-scale unit|fan-in] [--measurement-scale unit|inverse-m]',
    '          [--backend js|wasm|gpujs|auto] [--max-iters N] [--tol T] [--json]',
    '          [--measurement gaussian|complex-gaussian|cdp:L|fourier:OS] [--noise gaussian:SNR_DB|poisson:PHOTONS]',
    '  --n N|HxW  a plain signal\'s size (HxW: an image, for 2-D CDP/Fourier measurements)',
    '  --init NAME  dpr/dpr-adam: random (default) or ppower (generative spectral start); a plain-signal baseline (optimal, spectral, truncated-spectral, weighted,',
    '               orthogonal, amplitude, random; default: the reference implementation\'s, PhasePack: optimal)',
    '  A run that diverges (non-finite iterate) ends with stopReason "diverged" and is still reported (exit 0).',
    'dpr solve --instance FILE.safetensors [--algorithm NAME] [--sparsity K] [--json]',
    'dpr solve --algorithm sparta --n 1000 --sparsity 3 --m 250   (plain K-sparse signal)',
    'dpr solve --algorithm taf --n 100 --m 600                    (plain dense N(0, I) signal)',
    '  --save-instance FILE  also write the generated instance (A, W_i, x0 or y0, b) as safetensors',
  ].join('\n'),
  options: declareOptions(['prior', 'target', 'm', 'n', 'seed', 'algorithm', 'restarts', 'sparsity', 'weights-scale', 'measurement-scale', 'backend', 'instance', 'save-instance', 'max-iters', 'tol', 'png', 'measurement', 'noise', 'init'], ['json']),
  async run(flags, positionals, io) {
    if (positionals.length > 0) throw new CliError(`unexpected argument ${JSON.stringify(positionals[0])} (flags only; run 'dpr help solve')`);
    const [pr, { imagePrior, solve }] = await Promise.all([import('@dpr/phase-retrieval'), import('@dpr/lab')]);
    const req = requestOf(flags, io.cwd, pr);
    // the shipped weights and MNIST (@dpr/datasets) serve image priors only: other solves do not load them
    const sources = imagePrior(req) ? (await import('@dpr/lab/node')).nodeSources() : {};
    const output = (flag: string) => {
      const v = stringFlag(flags, flag);
      return v === undefined ? undefined : outputPath(io.cwd, v, flag, 'file');
    };
    const saveTo = output('save-instance'), pngTo = output('png');
    const backend = await backendFromFlags(flags, io.err);
    const bar = flags['json'] ? undefined : progressBar(`dpr solve ${req.algorithm}`, req.maxIters ?? 1000, io);
    let outcome: SolveOutcome;
    try {
      outcome = asUsageError(() => solve(req, backend, sources, bar ? { onIteration: (i) => bar.update(i.iteration, `f=${i.objective.toExponential(2)}`, i.maxIters) } : {}));
    } finally {
      bar?.done();
    }
    if (saveTo && outcome.instanceBytes) await writeFileAtomic(saveTo, outcome.instanceBytes);
    const png = stringFlag(flags, 'png');
    if (pngTo && outcome.picture) await writeFileAtomic(pngTo, outcome.picture);
    report(outcome.record, outcome.latent, outcome.x0, flags, io, req.seed ?? 0, backend.name);
    if (png && outcome.picture && !flags['json']) io.out(`  picture         ${png} (original | reconstruction)`);
    return 0;
  },
};

function report(record: SolveRecord, latent: Vec | undefined, x0: Vec | undefined, flags: Flags, io: { out(line: string): void }, seed: number, backendName: string): void {
  const relError = record.relError;
  {
    if (flags['json']) io.out(JSON.stringify(record));
    else {
      io.out(`${record.algorithm} on ${stringFlag(flags, 'instance') ?? `a seeded instance (seed ${seed})`}: m = ${record.m}, n = ${record.n}${record.k ? `, k = ${record.k}` : ''}, backend ${backendName}`);
      io.out(`  relative error  ${relError === null ? 'unknown (no truth given)' : relError.toExponential(3)}${record.success === null ? '' : record.success ? '  (success, <= 1e-3)' : '  (failure, > 1e-3)'}`);
      io.out(`  residual        ${record.residual === null ? 'not finite (diverged)' : record.residual.toExponential(3)}  (|| |A y| - b || / ||b||)`);
      if (record.snrDb !== null) io.out(`  noise           ${stringFlag(flags, 'noise')}, realized SNR ${record.snrDb.toFixed(2)} dB on the magnitudes`);
      if (record.perPixelError !== null) io.out(`  per-pixel error ${record.perPixelError.toExponential(3)}  (||y* - y0||^2 / n)`);
      io.out(`  iterations      ${record.iterations} (${record.stopReason}), ${record.timeMs.toFixed(1)} ms`);
      if (latent) io.out(`  ||x*||          ${nrm2(latent).toFixed(4)}${x0 ? ` (||x0|| = ${nrm2(x0).toFixed(4)})` : ''}`);
    }
  }
}
