/**
 * `dpr demo`: the first thing a new user runs. By default: recover a handful of MNIST test digits
 * from m = 200 magnitudes with DPR-Adam under the shipped VAE and with two baselines on the pixels,
 * and write the picture grid (originals, DPR, baseline 1, baseline 2) as a PNG. `--gaussian`: DPR on
 * the paper's Section 4.1 Gaussian setup (the earlier demo, same output and flags). The packages
 * are imported when the command runs.
 */
import { relative } from 'node:path';
import type { Backend } from '@dpr/linalg';
import { backendFromFlags } from '../backends.js';
import { declareOptions, type Command, type CommandIo, type Flags } from '../command.js';
import { outputPath, writeFileAtomic } from '../files.js';
import { CliError, asUsageError, intFlag, stringFlag } from '../flags.js';

/** The MNIST demo: digits, DPR-Adam and baselines, picture grid. */
async function mnistDemo(flags: Flags, io: CommandIo, backend: Backend): Promise<number> {
  const [{ mnistVaeAvailable }, { FIG3_LABELS }, { runMnistDemo }, { nodeSources }] = await Promise.all([
    import('@dpr/generative-prior/mnist-vae'), import('@dpr/experiments'), import('@dpr/lab'), import('@dpr/lab/node'),
  ]);
  if (!mnistVaeAvailable()) throw new CliError('the MNIST VAE weights (the package @dpr/mnist-vae-weights) are not installed; run `dpr demo --gaussian`, or train them with `dpr train vae`');
  const count = intFlag(flags, 'digits', 6, 1);
  const m = intFlag(flags, 'm', 200, 1);
  const restarts = intFlag(flags, 'restarts', 2, 1);
  const maxIters = intFlag(flags, 'max-iters', 500, 1);
  const baselines = (stringFlag(flags, 'baselines') ?? 'sparta,fienup').split(',').filter(Boolean);
  const out = outputPath(io.cwd, stringFlag(flags, 'out') ?? 'results/demo/digits.png', 'out', 'file');
  const methods = ['dpr-adam', ...baselines];
  const labels = methods.map((x) => FIG3_LABELS[x] ?? x);
  const json = flags['json'] === true;
  if (!json) {
    io.out(`dpr demo: recover ${count} MNIST test digits (n = 784) from m = ${m} magnitudes b = |A y0| each, A iid N(0, 1/m)`);
    io.out(`DPR-Adam on the 20-dim latent code of the shipped VAE decoder (${restarts} restarts, each from x1 and -x1, ${maxIters} iterations);`);
    io.out(`baselines on the pixels, no prior: ${baselines.map((b) => `${FIG3_LABELS[b] ?? b}${b === 'sparta' ? ' (50-sparse 2-D DCT)' : ''}`).join(', ')} (1 run, at most ${maxIters} iterations).`);
    io.out('Budgets are cut so the demo takes seconds; `pnpm dpr reproduce fig3` runs the paper\'s 10 restarts.\n');
    io.out(`digit  ${labels.map((l) => l.padStart(18)).join('')}   (per-pixel error ||y* - y0||^2 / 784)`);
  }
  const r = asUsageError(() =>
    runMnistDemo({ digits: count, m, restarts, maxIters, baselines }, backend, nodeSources(), (index, errors) => {
      if (!json) io.out(`${String(index).padStart(5)}  ${errors.map((e) => e.toFixed(4).padStart(18)).join('')}`);
    }),
  );
  await writeFileAtomic(out, r.picture);
  const { errors, means, diverged, seconds } = r;
  if (json) {
    io.out(JSON.stringify({ m, n: 784, k: 20, backend: backend.name, digits: count, restarts, maxIters, methods, perPixelError: Object.fromEntries(methods.map((x, j) => [x, errors[j]])), mean: Object.fromEntries(methods.map((x, j) => [x, means[j]])), picture: out, seconds }));
    return 0;
  }
  io.out(` mean  ${means.map((v) => v.toFixed(4).padStart(18)).join('')}`);
  const div = methods.flatMap((x, j) => (diverged[j]! > 0 ? [`${FIG3_LABELS[x] ?? x} on ${diverged[j]} of ${count}`] : []));
  if (div.length) io.out(`every start diverged (shown black, error ||y0||^2/784): ${div.join(', ')}`);
  if (diverged[methods.indexOf('sparta')]! > 0) {
    io.out(`  SPARTA takes the fixed step mu = 1 of its authors' code; with ${m} measurements of a 50-sparse DCT it overshoots and its iterates grow without bound (as published, not a fault of this run); fig3 shows the m it needs.`);
  }
  io.out(`\npicture: ${relative(io.cwd, out)}  (rows: originals, ${labels.join(', ')}); ${seconds.toFixed(1)} s on backend ${backend.name}.`);
  io.out('DPR needs only the 20 latent numbers the VAE leaves free; the baselines must find all 784 pixels and need m >= 500-1500 (see `pnpm dpr reproduce fig3 --quick`).');
  return 0;
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Recover MNIST digits from phaseless measurements with DPR and two baselines (picture); --gaussian: Section 4.1 setup',
  usage: [
    'dpr demo [--digits 6] [--m 200] [--restarts 2] [--max-iters 500] [--baselines sparta,fienup] [--out results/demo/digits.png] [--json]',
    'dpr demo --gaussian [--instances N] [--m 200] [--restarts 3] [--backend js|wasm|gpujs|auto] [--json]',
  ].join('\n'),
  options: declareOptions(['instances', 'digits', 'm', 'restarts', 'max-iters', 'baselines', 'out', 'backend'], ['json', 'gaussian']),
  async run(flags, _positionals, io) {
    if (!flags['gaussian']) {
      if (flags['instances'] !== undefined) throw new CliError('--instances: only with --gaussian (the MNIST demo takes --digits)');
      const backend = await backendFromFlags(flags, io.err);
      try {
        return await mnistDemo(flags, io, backend);
      } finally {
        backend.dispose();
      }
    }
    for (const f of ['digits', 'max-iters', 'baselines', 'out']) if (flags[f] !== undefined) throw new CliError(`--${f}: not an option of 'dpr demo --gaussian'`);
    const count = intFlag(flags, 'instances', 5, 1);
    const m = intFlag(flags, 'm', 200, 1);
    const restarts = intFlag(flags, 'restarts', 3, 1);
    const { runGaussianDemo } = await import('@dpr/lab');
    const backend = await backendFromFlags(flags, io.err);
    if (!flags['json']) {
      io.out(`dpr demo: recover y0 = G(x0) in R^1000 from m = ${m} magnitudes b = |A y0|`);
      io.out(`G(x) = relu(W2 relu(W1 x)), k = 10, n1 = 500, n = 1000; W_i, A, x0 iid N(0,1) (paper, Section 4.1)`);
      io.out(`DPR (Algorithm 1) with ${restarts} random start(s) run together; backend: ${backend.name} (${backend.description})\n`);
      io.out('seed  rel. error   iterations  time (ms)  ms/iter  ||x*|| vs ||x0||');
    }
    const records = runGaussianDemo({ instances: count, m, restarts }, backend, (r) => {
      if (!flags['json']) {
        io.out(`${String(r.seed).padStart(4)}  ${r.relError.toExponential(2).padStart(10)}  ${String(r.iterations).padStart(10)}  ${r.timeMs.toFixed(1).padStart(9)}  ${(r.timeMs / Math.max(1, r.iterations)).toFixed(2).padStart(7)}  ${r.latentNorm.toFixed(3)} vs ${r.truthNorm.toFixed(3)}`);
      }
    });
    const ok = records.filter((r) => r.success).length;
    const total = records.reduce((s, r) => s + r.timeMs, 0);
    if (flags['json']) io.out(JSON.stringify({ m, n: 1000, k: 10, backend: backend.name, records: records.map(({ latentNorm: _l, truthNorm: _t, ...rec }) => rec) }));
    else {
      io.out(`\nrecovered ${ok}/${count} signals to relative error <= 1e-3 from ${m} magnitudes each (${(total / count).toFixed(0)} ms per solve).`);
      io.out('A single random start can land in a spurious local minimum (try --restarts 1); restarts run batched, one GEMM per layer.');
      io.out('Next: `pnpm dpr solve --help`, `pnpm dpr bench gemv`.');
    }
    backend.dispose();
    return 0;
  },
};
