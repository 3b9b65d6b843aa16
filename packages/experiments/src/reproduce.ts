/**
 * The runs of `dpr reproduce` and `dpr merge`: a figure run (or resumed) into its folder and, once
 * complete, the report page beside it rebuilt; shard folders merged and the figure rendered.
 * Progress and messages go to callbacks.
 */
import { dirname, join } from 'node:path';
import type { BackendChoice } from '@dpr/linalg';
import { lockResultsDir, mergeResults, type MergeResult, type ResultsLock, type Shard, type SweepProgress } from '@dpr/sweep';
import type { FigureDefinition, FigureRunResult } from './figures/figure.js';
import { figureForExperiment } from './figures/registry.js';
import { writeReport } from './output.js';

/** Default folder of a figure's results under `root`: `FIG`, `FIG-quick`, `FIG-shard-iofN`. */
export function defaultFigureDir(root: string, id: string, quick: boolean, shard: Shard | null): string {
  const base = `${id}${quick ? '-quick' : ''}`;
  return join(root, shard ? `${base}-shard-${shard.index}of${shard.count}` : base);
}

/** Options of {@link reproduceFigure}. */
export interface ReproduceOptions {
  quick: boolean;
  workers: number;
  shard: Shard | null;
  fresh: boolean;
  /** The command line (recorded in summary.json). */
  command: string;
  /** fig4: a DCGAN state dict as safetensors. */
  weights?: string;
  /** fig4: its backend (sweeps fix theirs in their configuration). */
  backend?: BackendChoice;
  /**
   * Folder of the report page `index.html` (default: the parent of the figure's folder, the
   * results root). The CLI passes the figure's own folder when `--out` names it, so nothing is
   * written outside the folder the user named.
   */
  reportDir?: string;
  onProgress?: (p: SweepProgress) => void;
  onLog?: (line: string) => void;
  /** While another run writes `outDir`: wait for it (default false: refuse with `ResultsLockedError`). */
  wait?: boolean;
}

/**
 * Run (or resume) one figure into `outDir`, as the folder's one writer (its lock is held from the
 * sweep to the plots); when it is complete, rebuild `index.html` beside it (or in `options.reportDir`).
 */
export async function reproduceFigure(fig: FigureDefinition, outDir: string, options: ReproduceOptions): Promise<FigureRunResult & { report?: string }> {
  const log = options.onLog ?? (() => {});
  const lock = await lockResultsDir(outDir, {
    wait: options.wait ?? false,
    command: options.command,
    onWait: (o) => log(`${outDir} is in use by pid ${o.pid} (${o.command}, since ${o.startedAt}); waiting for it to finish`),
    onStale: (o) => log(`${outDir}: taking over the lock of pid ${o.pid}, which is no longer running`),
  });
  try {
    return await runFigureLocked(fig, outDir, options, lock);
  } finally {
    lock.release();
  }
}

async function runFigureLocked(fig: FigureDefinition, outDir: string, options: ReproduceOptions, lock: ResultsLock): Promise<FigureRunResult & { report?: string }> {
  const result = await fig.run({
    lock,
    outDir,
    quick: options.quick,
    workers: options.workers,
    shard: options.shard,
    fresh: options.fresh,
    command: options.command,
    ...(options.weights ? { weights: options.weights } : {}),
    ...(options.backend ? { backend: options.backend } : {}),
    ...(options.onLog ? { onLog: options.onLog } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return result.summary ? { ...result, report: writeReport(options.reportDir ?? dirname(outDir)) } : result;
}

/**
 * Merge shard folders into `outDir` under its lock; when the grid is complete and belongs to a
 * figure, render it and rebuild the report in `reportDir` (default: the parent of `outDir`).
 */
export async function mergeFigureResults(dirs: readonly string[], outDir: string, command: string, reportDir: string = dirname(outDir)): Promise<{ merged: MergeResult; rendered?: FigureRunResult; report?: string }> {
  const lock = await lockResultsDir(outDir, { command });
  try {
    const merged = mergeResults(dirs, outDir, { lock });
    if (!merged.complete) return { merged };
    const fig = figureForExperiment(merged.stored.experiment);
    if (!fig?.renderFromResults) return { merged };
    const rendered = await fig.renderFromResults(outDir, command);
    return { merged, rendered, report: writeReport(reportDir) };
  } finally {
    lock.release();
  }
}
