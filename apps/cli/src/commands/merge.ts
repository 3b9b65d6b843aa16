/**
 * `dpr merge DIR... [--out DIR]`: combine shard folders of one configuration into one folder;
 * duplicates and mismatched configurations are errors. When the merged folder holds the whole
 * grid of a registered figure, the figure is rendered and results/index.html rebuilt. The
 * packages are imported when the command runs.
 */
import { dirname, relative, resolve } from 'node:path';
import type { StoredConfig } from '@dpr/sweep';
import { declareOptions, type Command } from '../command.js';
import { outputPath } from '../files.js';
import { CliError, stringFlag } from '../flags.js';

export const mergeCommand: Command = {
  name: 'merge',
  summary: 'Merge shard results (dpr reproduce --shard) into one folder and render the figure',
  usage: [
    'dpr merge DIR... [--out DIR] [--json]',
    '  --out DIR  the merged folder (default results/FIG, or results/FIG-quick for --quick shards);',
    '             an existing folder there counts as one more input. The report page is rebuilt',
    '             beside the default folder (results/index.html), or as DIR/index.html with --out',
    '  --json     print one JSON record (trials, completeness, files) instead of the text summary',
  ].join('\n'),
  options: declareOptions(['out'], ['json']),
  async run(flags, positionals, io) {
    if (positionals.length === 0) throw new CliError('expected at least one results folder to merge');
    const [{ defaultFigureDir, mergeFigureResults }, { readStoredConfig }] = await Promise.all([import('@dpr/experiments'), import('@dpr/sweep')]);
    const dirs = positionals.map((d) => resolve(io.cwd, d));
    const first: StoredConfig | undefined = readStoredConfig(dirs[0]!);
    const out = stringFlag(flags, 'out');
    const outDir = out ? outputPath(io.cwd, out, 'out', 'folder') : defaultFigureDir(resolve(io.cwd, 'results'), first?.experiment ?? 'merged', first?.variant === 'quick', null);
    const { merged, rendered: r, report } = await mergeFigureResults(dirs, outDir, `pnpm dpr merge ${positionals.join(' ')}${out ? ` --out ${out}` : ''}`, out ? outDir : dirname(outDir));
    if (flags['json']) {
      io.out(JSON.stringify({
        experiment: merged.stored.experiment, outDir, complete: merged.complete, trials: merged.records.length, totalTrials: merged.stored.totalTrials,
        inputs: merged.counts.map((c) => ({ dir: c.dir, trials: c.trials, tornBytes: c.tornBytes })),
        findings: r?.summary?.findings ?? [], files: r?.files ?? [], report: report ?? null,
      }));
      return 0;
    }
    for (const c of merged.counts) io.err(`  ${relative(io.cwd, c.dir) || '.'}: ${c.trials} trials${c.tornBytes ? ` (ignored a torn last line of ${c.tornBytes} bytes)` : ''}`);
    io.out(`merged ${merged.records.length} of ${merged.stored.totalTrials} trials of '${merged.stored.experiment}' into ${relative(io.cwd, outDir) || '.'}`);
    if (!merged.complete) {
      io.out(`  incomplete: ${merged.stored.totalTrials - merged.records.length} trials missing; merge the other shards, or resume the rest with dpr reproduce --out ${relative(io.cwd, outDir)}`);
      return 0;
    }
    if (r && report) {
      if (r.summary) for (const line of r.summary.findings) io.out(`  - ${line}`);
      io.out(`  rendered ${r.files.map((f) => relative(io.cwd, f)).join(', ')}; report: ${relative(io.cwd, report)}`);
    }
    return 0;
  },
};
