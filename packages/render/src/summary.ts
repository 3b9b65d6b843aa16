/**
 * `summary.json`: what a reproduced figure leaves in its results folder and what the report page
 * (`reportHtml`) shows of it.
 */

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

