/**
 * `dpr reproduce FIGURE|all`: run (or resume) a figure's sweep on worker threads, then write its
 * plot, summary.json and README.md, and regenerate `results/index.html`. `@dpr/experiments` and
 * `@dpr/sweep` are imported when the command runs.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { BACKEND_CHOICES } from '@dpr/linalg';
import type { FigureDefinition, FigureRunResult, ReproduceOptions } from '@dpr/experiments';
import type { Shard } from '@dpr/sweep';
import { declareOptions, type Command, type CommandIo, type Flags } from '../command.js';
import { DprError } from '@dpr/linalg';
import { CliError, choiceFlag, intFlag, stringFlag } from '../flags.js';
import { outputPath } from '../files.js';
import { loadBench } from '../optional.js';
import { progressBar } from '../progress.js';

function commandLine(figure: string, flags: Flags): string {
  const parts = ['pnpm dpr reproduce', figure];
  for (const [k, v] of Object.entries(flags)) {
    if (v === undefined || v === false) continue;
    parts.push(v === true ? `--${k}` : `--${k} ${v}`);
  }
  return parts.join(' ');
}

/** The `--json` record of one figure run (a stable shape: add fields, never rename). */
function figureRecord(fig: FigureDefinition, outDir: string, result: FigureRunResult & { report?: string }, shard: Shard | null) {
  const s = result.sweep;
  return {
    figure: fig.id,
    outDir,
    complete: Boolean(result.summary),
    shard: shard ? `${shard.index}/${shard.count}` : null,
    trials: s ? { total: s.stored.totalTrials, done: s.records.length, ran: s.ran, resumed: s.resumed, wallMs: s.wallMs } : null,
    findings: result.summary?.findings ?? [],
    files: result.summary ? [join(outDir, result.summary.images.png), join(outDir, result.summary.images.svg), join(outDir, 'summary.json'), join(outDir, 'README.md')] : [],
    report: result.report ?? null,
  };
}

async function runFigure(fig: FigureDefinition, outDir: string, flags: Flags, io: CommandIo, opts: ReproduceOptions): Promise<FigureRunResult & { report?: string }> {
  const { defaultFigureDir, reproduceFigure } = await import('@dpr/experiments');
  if (flags['json']) io = { ...io, out: () => {} }; // the figure's JSON record is printed by the caller
  io.err(`dpr reproduce ${fig.id}${opts.quick ? ' --quick' : ''}: ${fig.title}`);
  const how = fig.experimentId ? `, ${opts.workers} worker${opts.workers === 1 ? '' : 's'}${opts.shard ? `, shard ${opts.shard.index}/${opts.shard.count}` : ''}` : '';
  io.err(`  results in ${relative(io.cwd, outDir) || '.'}${how}`);
  let bar: ReturnType<typeof progressBar> | undefined;
  const result = await reproduceFigure(fig, outDir, {
    ...opts,
    onLog: (l) => io.err(`  ${l}`),
    onProgress: (p) => {
      bar ??= progressBar(`  ${fig.id}`, p.total, io);
      const params = Object.entries(p.record.params).map(([k, v]) => `${k}=${String(v)}`).join(' ');
      bar.update(p.done, params);
    },
  });
  const s = result.sweep;
  bar?.done(s ? `  ${s.ran} trials run, ${s.resumed} resumed, ${(s.wallMs / 1000).toFixed(1)} s` : undefined);
  if (!result.summary) {
    if (opts.shard) {
      io.out(`${fig.id}: shard ${opts.shard.index}/${opts.shard.count} complete in ${relative(io.cwd, outDir)} (${s?.total ?? 0} trials).`);
      io.out(`  when every shard is done: pnpm dpr merge <the shard folders> --out ${relative(io.cwd, defaultFigureDir(dirname(outDir), fig.id, opts.quick, null))}`);
    } else {
      io.out(`${fig.id}: incomplete (${s?.records.length ?? 0}/${s?.stored.totalTrials ?? '?'} trials); run the same command again to resume.`);
    }
    return result;
  }
  const report = result.report!;
  io.out(`${result.summary.title}${opts.quick ? ' (quick)' : ''}`);
  for (const line of result.summary.findings) io.out(`  - ${line}`);
  io.out(`  plot: ${relative(io.cwd, join(outDir, result.summary.images.png))}, ${relative(io.cwd, join(outDir, result.summary.images.svg))}`);
  io.out(`  summary: ${relative(io.cwd, join(outDir, 'summary.json'))}, README: ${relative(io.cwd, join(outDir, 'README.md'))}`);
  io.out(`  report: ${relative(io.cwd, report)}`);
  const bench = stringFlag(flags, 'write');
  if (bench) {
    const { writeSweepTiming, TIMED_SWEEPS } = await loadBench('--write');
    if (!TIMED_SWEEPS.includes(fig.id)) {
      io.err(`  --write: not written: only ${TIMED_SWEEPS.join(' and ')} record their timing`);
      return result;
    }
    const ok = writeSweepTiming(outputPath(io.cwd, bench, 'write', 'file'), result, opts.command);
    if (ok) io.out(`  timing written to ${bench} (section ${fig.id})`);
    else io.err(`  --write: not written: this call did not run every trial (resumed or merged); use --fresh to time a whole run`);
  }
  return result;
}

export const reproduceCommand: Command = {
  name: 'reproduce',
  summary: "Reproduce the paper's figures (fig2, ... or all) as resumable, shardable sweeps",
  usage: [
    'dpr reproduce fig2 [--quick] [--out DIR] [--workers N] [--shard i/N | --shard auto [--shard-count N]] [--fresh] [--write BENCHMARKS.md] [--json]',
    'dpr reproduce all [--quick] [--out RESULTS] [--workers N] [--json]',
    '  --quick       the same curves on a coarser grid with fewer instances (a couple of minutes)',
    '  --out DIR     the figure\'s folder (default results/FIG, results/FIG-quick with --quick; the report',
    '                results/index.html is rebuilt beside it); with --out, DIR/index.html: nothing is written',
    '                outside DIR. With `all`, the results root (default results), DIR/index.html',
    '  --workers N   worker threads (default: all cores)',
    '  --shard i/N   run only the i-th of N slices (default folder results/FIG-shard-iofN); then dpr merge',
    '  --shard auto  the slice of this task of a Slurm job array (SLURM_ARRAY_TASK_ID/_COUNT) or a',
    '                Kubernetes Indexed Job (JOB_COMPLETION_INDEX, with --shard-count N or JOB_COMPLETION_COUNT)',
    '  --json        print one JSON record per figure (an array for `all`) instead of the text summary',
    '  --resume      continue the trials already in the folder (the default)',
    '  --fresh       discard the folder\'s trials and start over',
    '  --wait        if another run is writing the folder, wait for it to finish (default: refuse)',
    '  --write FILE  record the wall and CPU time of a complete run in FILE (BENCHMARKS.md, sections fig2, fig3)',
    '  --weights F   fig4 only: a PyTorch DCGAN state_dict saved as safetensors (e.g. CelebA); default: a seeded random DCGAN',
    '  --backend B   fig4 only: wasm (default), js, gpujs or auto (the sweeps fix theirs in their configuration)',
  ].join('\n'),
  options: declareOptions(['out', 'workers', 'shard', 'shard-count', 'write', 'weights', 'backend'], ['quick', 'resume', 'fresh', 'wait', 'json']),
  async run(flags, positionals, io) {
    const [{ FIGURES, defaultFigureDir, getFigure }, { parseShard, shardFromEnvironment }] = await Promise.all([import('@dpr/experiments'), import('@dpr/sweep')]);
    const names = Object.keys(FIGURES);
    const target = positionals[0];
    if (target === undefined) throw new CliError(`expected a figure: one of ${[...names, 'all'].join(', ')}`);
    if (positionals.length > 1) throw new CliError(`expected one figure, got ${positionals.join(' ')}`);
    if (target !== 'all' && !names.includes(target)) throw new CliError(`unknown figure ${JSON.stringify(target)}; expected one of ${[...names, 'all'].join(', ')}`);
    if (flags['resume'] && flags['fresh']) throw new CliError('--resume and --fresh exclude each other');
    const writeFlag = stringFlag(flags, 'write');
    if (writeFlag !== undefined) outputPath(io.cwd, writeFlag, 'write', 'file');
    const quick = Boolean(flags['quick']);
    const workers = intFlag(flags, 'workers', availableParallelism(), 1);
    const shardText = stringFlag(flags, 'shard');
    let shard: Shard | null = null;
    if (flags['shard-count'] !== undefined && shardText !== 'auto') throw new CliError('--shard-count: only with --shard auto');
    if (shardText === 'auto') {
      const count = flags['shard-count'] === undefined ? undefined : intFlag(flags, 'shard-count', 1, 1);
      try {
        shard = shardFromEnvironment(process.env, count);
      } catch (e) {
        throw new CliError(`--shard auto: ${(e as DprError).message}`);
      }
    } else if (shardText !== undefined) {
      try {
        shard = parseShard(shardText);
      } catch {
        throw new CliError(`--shard: expected i/N with 1 <= i <= N (e.g. 2/3) or auto, got ${JSON.stringify(shardText)}`);
      }
    }
    const weightsFlag = stringFlag(flags, 'weights');
    if (weightsFlag !== undefined && target !== 'fig4') throw new CliError('--weights: only with fig4');
    const weights = weightsFlag === undefined ? undefined : resolve(io.cwd, weightsFlag);
    if (weights !== undefined && !existsSync(weights)) throw new CliError(`--weights: ${weightsFlag} does not exist`);
    if (flags['backend'] !== undefined && target !== 'fig4') throw new CliError('--backend: only with fig4 (the sweeps fix their backend in their configuration)');
    const backend = flags['backend'] === undefined ? undefined : choiceFlag(flags, 'backend', BACKEND_CHOICES, 'wasm');
    const opts = { quick, workers, shard, fresh: Boolean(flags['fresh']), wait: Boolean(flags['wait']), ...(weights ? { weights } : {}), ...(backend ? { backend } : {}) };
    const out = stringFlag(flags, 'out');
    if (target === 'all') {
      const root = outputPath(io.cwd, out ?? 'results', 'out', 'folder');
      const records = [];
      for (const id of names) {
        const fig = getFigure(id);
        if (shard && !fig.experimentId) {
          io.err(`dpr reproduce ${id}: not a sweep, nothing to shard; skipped (run it without --shard)`);
          continue;
        }
        const dir = defaultFigureDir(root, id, quick, shard);
        records.push(figureRecord(fig, dir, await runFigure(fig, dir, flags, io, { ...opts, command: commandLine(id, flags) }), shard));
      }
      if (flags['json']) io.out(JSON.stringify(records));
      return 0;
    }
    const fig = getFigure(target);
    if (shard && !fig.experimentId) throw new CliError(`--shard: ${target} is not a sweep (nothing to shard)`);
    const outDir = outputPath(io.cwd, out ?? relative(io.cwd, defaultFigureDir(resolve(io.cwd, 'results'), fig.id, quick, shard)), 'out', 'folder');
    // with --out the report goes into the named folder itself, never beside it
    const result = await runFigure(fig, outDir, flags, io, { ...opts, command: commandLine(target, flags), ...(out ? { reportDir: outDir } : {}) });
    if (flags['json']) io.out(JSON.stringify(figureRecord(fig, outDir, result, shard)));
    return 0;
  },
};
