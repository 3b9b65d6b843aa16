/**
 * A reproducible figure of the paper: how to run it (usually a sweep), and what it leaves in its
 * results folder: `summary.json` (numbers, findings, the command), the plot (SVG + PNG) and a
 * README. `report.ts` builds `results/index.html` from every folder's summary.json.
 */
import type { BackendChoice } from '@dpr/linalg';
import type { FigureSummary } from '@dpr/render';
import type { ResultsLock, Shard, SweepProgress, SweepResult } from '@dpr/sweep';

export type { FigureRunFacts, FigureSummary, SummaryTable } from '@dpr/render';

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
  /**
   * The backend of figures that are not sweeps (fig4; default wasm, falling back to js). Sweeps fix
   * theirs in their configuration, so that a resumed or merged run computes on the same one.
   */
  backend?: BackendChoice;
  /** The caller's lock of `outDir` (one writer per folder); a sweep runs under it. */
  lock?: ResultsLock;
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
