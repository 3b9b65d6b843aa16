/**
 * A figure made from one sweep: run (or resume) the sweep, and once its folder holds the whole
 * grid, render the figure from the records: plot, summary.json, README.md. The same rendering
 * runs after `dpr merge` on the merged folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ResultsNotFoundError, TRIALS_FILE, configHashOf, loadTrials, requireStoredConfig, runSweep, type Experiment, type StoredConfig, type TrialRecord } from '@dpr/sweep';
import { writeFileAtomic } from '@dpr/datasets';
import { figureVersions } from '../versions.js';
import type { FigureDefinition, FigureRunFacts, FigureRunResult, FigureSummary, SummaryTable } from './figure.js';

/** What a sweep figure's renderer receives. */
export interface SweepRenderInput<C> {
  outDir: string;
  config: C;
  records: TrialRecord[];
  stored: StoredConfig;
  facts: FigureRunFacts;
  command: string;
  quick: boolean;
}

/** What a sweep figure's renderer computed: the rest of its summary comes from the input. */
export interface SweepFigureParts {
  figure: string;
  title: string;
  paperClaim: string;
  /** The plot written into the folder as `<figure>.svg` and `<figure>.png`. */
  plot: { svg: string; png: string };
  table: SummaryTable;
  findings: string[];
  data: unknown;
}

/**
 * The end of every sweep figure's render: its summary (command, date, run facts from the input)
 * and README.md written beside the plot; returns the summary and the files made.
 */
export function finishSweepFigure<C>(input: SweepRenderInput<C>, parts: SweepFigureParts, readme: (summary: FigureSummary) => string): { summary: FigureSummary; files: string[] } {
  const summary: FigureSummary = {
    figure: parts.figure,
    title: parts.title,
    paperClaim: parts.paperClaim,
    command: input.command,
    generatedAt: new Date().toISOString(),
    quick: input.quick,
    images: { svg: `${parts.figure}.svg`, png: `${parts.figure}.png` },
    table: parts.table,
    findings: parts.findings,
    run: input.facts,
    data: parts.data,
  };
  const readmePath = join(input.outDir, 'README.md');
  writeFileAtomic(readmePath, readme(summary));
  return { summary, files: [parts.plot.svg, parts.plot.png, readmePath] };
}

/** The parts of a sweep figure. */
export interface SweepFigureSpec<C> {
  id: string;
  title: string;
  paperClaim: string;
  experiment: Experiment<C, any>;
  /** The full configuration, or the quick one. */
  configure(quick: boolean): C;
  /** Write the plot, README.md and return the summary (written to summary.json by the caller). */
  render(input: SweepRenderInput<C>): Promise<{ summary: FigureSummary; files: string[] }>;
}

function facts(records: TrialRecord[], stored: StoredConfig, ran: number, wallMs: number | null, workers: number | null): FigureRunFacts {
  const backends = [...new Set(records.map((r) => r.backend))].sort();
  return {
    trials: stored.totalTrials,
    ranThisCall: ran,
    wallMs: wallMs === null ? null : Math.round(wallMs),
    workers,
    trialMsTotal: Math.round(records.reduce((s, r) => s + r.timeMs, 0)),
    backend: backends.join(', '),
    configHash: stored.configHash,
    versions: records[0]?.versions ?? {},
  };
}

/** The run facts of an earlier summary.json of the same configuration, if any. */
function previousFacts(outDir: string, configHash: string): FigureRunFacts | undefined {
  const path = join(outDir, 'summary.json');
  if (!existsSync(path)) return undefined;
  try {
    const prev = JSON.parse(readFileSync(path, 'utf8')) as Partial<FigureSummary>;
    return prev.run?.configHash === configHash ? prev.run : undefined;
  } catch {
    return undefined;
  }
}

function isQuick<C>(spec: SweepFigureSpec<C>, stored: StoredConfig): boolean {
  return stored.configHash === configHashOf(spec.experiment.id, spec.configure(true));
}

/** Build a {@link FigureDefinition} from a sweep and a renderer. */
export function sweepFigure<C>(spec: SweepFigureSpec<C>): FigureDefinition {
  const renderAll = async (outDir: string, input: Omit<SweepRenderInput<C>, 'outDir'>): Promise<FigureRunResult> => {
    const { summary, files } = await spec.render({ outDir, ...input });
    const summaryPath = join(outDir, 'summary.json');
    writeFileAtomic(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
    return { outDir, summary, files: [...files, summaryPath] };
  };
  return {
    id: spec.id,
    title: spec.title,
    paperClaim: spec.paperClaim,
    experimentId: spec.experiment.id,
    async run(options) {
      const config = spec.configure(options.quick);
      const sweep = await runSweep(spec.experiment, {
        outDir: options.outDir,
        config,
        workers: options.workers,
        shard: options.shard,
        fresh: options.fresh,
        variant: options.quick ? 'quick' : 'full',
        versions: figureVersions(),
        ...(options.lock ? { lock: options.lock } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.onLog ? { onLog: options.onLog } : {}),
      });
      if (!sweep.complete) return { outDir: options.outDir, sweep, files: [] };
      let runFacts = facts(sweep.records, sweep.stored, sweep.ran, sweep.wallMs, sweep.workers);
      if (sweep.ran === 0) runFacts = previousFacts(options.outDir, sweep.stored.configHash) ?? runFacts; // re-render: keep the timing of the run that did the work
      const result = await renderAll(options.outDir, {
        config,
        records: sweep.records,
        stored: sweep.stored,
        facts: runFacts,
        command: options.command,
        quick: options.quick,
      });
      return { ...result, sweep };
    },
    async renderFromResults(outDir, command) {
      const stored = requireStoredConfig(outDir);
      if (stored.experiment !== spec.experiment.id) throw new ResultsNotFoundError(outDir, `holds experiment '${stored.experiment}', not '${spec.experiment.id}'`);
      const { records } = loadTrials(join(outDir, TRIALS_FILE));
      if (records.length !== stored.totalTrials) throw new ResultsNotFoundError(outDir, `holds ${records.length} of ${stored.totalTrials} trials; run the missing shards first`);
      return renderAll(outDir, {
        config: stored.config as C,
        records,
        stored,
        facts: facts(records, stored, 0, null, null),
        command,
        quick: isQuick(spec, stored),
      });
    },
  };
}
