/**
 * A reproducible figure of the paper: how to run it (usually a sweep), and what it leaves in its
 * results folder: `summary.json` (numbers, findings, the command), the plot (SVG + PNG) and a
 * README. `report.ts` builds `results/index.html` from every folder's summary.json.
 */
import type { Shard } from '../shard.js';
import type { SweepProgress, SweepResult } from '../sweep.js';

/** Options of {@link FigureDefinition.run}. */
export interface FigureRunOptions {
  /** This figure's results folder. */
  outDir: string;
  /** The smaller, same-shape configuration (a couple of minutes). */
  quick: boolean;
  /** Worker threads (0: inline on the calling thread). */
  workers: number;
  shard: Shard | null;
  /** Discard existing results in `outDir` first. */
  fresh: boolean;
  /** The command line that made it (recorded in summary.json). */
  command: string;
  onProgress?: (p: SweepProgress) => void;
  onLog?: (line: string) => void;
  /** A generator weights file for figures that take one (fig4: a PyTorch DCGAN state_dict as safetensors). */
  weights?: string;
}

/** A table of the figure's numbers (rendered in README.md and index.html). */
export interface SummaryTable {
  columns: string[];
  rows: Array<Array<string | number>>;
}

/** How the results were produced. */
export interface FigureRunFacts {
  /** Trials in the grid. */
  trials: number;
  /** Trials run by the call that rendered the figure (the others were resumed or merged). */
  ranThisCall: number;
  /** Wall time of that call (null when rendered from merged results). */
  wallMs: number | null;
  workers: number | null;
  /** Sum of the trials' own times (CPU time spent in trials, all workers together). */
  trialMsTotal: number;
  /** Compute backend(s) the trials ran on. */
  backend: string;
  configHash: string;
  versions: Record<string, string>;
}

/** summary.json: everything the report shows about one figure. */
export interface FigureSummary {
  figure: string;
  title: string;
  /** What the paper claims this figure shows. */
  paperClaim: string;
  /** The command that produced it. */
  command: string;
  generatedAt: string;
  quick: boolean;
  /** Plot files, relative to the results folder. */
  images: { svg: string; png: string };
  /** Further pictures in the folder (e.g. image grids), shown after the plot in the report. */
  extraImages?: string[];
  table: SummaryTable;
  /** Short sentences: the numbers and how they compare with the claim. */
  findings: string[];
  /** Run facts. */
  run: FigureRunFacts;
  /** Figure-specific data (e.g. the curves). */
  data: unknown;
}

/** What {@link FigureDefinition.run} returns. */
export interface FigureRunResult {
  outDir: string;
  /** Present when the results folder holds the whole grid and the figure was rendered. */
  summary?: FigureSummary;
  sweep?: SweepResult;
  /** Files written (absolute paths). */
  files: string[];
}

/** One figure of the paper. */
export interface FigureDefinition {
  id: string;
  title: string;
  paperClaim: string;
  /** Id of the experiment whose results folders render this figure (for `dpr merge`). */
  experimentId?: string;
  /** Run (or resume) and, when complete, render. */
  run(options: FigureRunOptions): Promise<FigureRunResult>;
  /** Render from a complete results folder (after `dpr merge`). */
  renderFromResults?(outDir: string, command: string): Promise<FigureRunResult>;
}
