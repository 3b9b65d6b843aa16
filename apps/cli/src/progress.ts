/**
 * Progress on stderr, never on stdout (so `--json` output stays clean): a `cli-progress` bar on a
 * terminal; otherwise plain lines at every 10% step, and only for runs longer than two seconds
 * (logs of batch jobs stay short).
 */
import { createRequire } from 'node:module';

/** `cli-progress`, loaded for the first bar on a terminal (batch runs and `--json` never load it). */
const loadCliProgress = () => createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');

export interface Progress {
  /** `done` of `total` (a new total may be given, e.g. a solver's own iteration cap). */
  update(done: number, detail?: string, total?: number): void;
  done(summary?: string): void;
}

export function progressBar(label: string, total: number, io: { err: (l: string) => void; isTTY: boolean }, minIntervalMs = 100): Progress {
  const start = Date.now();
  if (io.isTTY) {
    const cliProgress = loadCliProgress();
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} ETA {eta}s {detail}`, stream: process.stderr, clearOnComplete: true, hideCursor: true, fps: Math.max(1, Math.round(1000 / minIntervalMs)), barsize: 24 },
      cliProgress.Presets.legacy,
    );
    bar.start(total, 0, { detail: '' });
    return {
      update(done, detail = '', newTotal) {
        if (newTotal !== undefined && newTotal !== total) bar.setTotal((total = newTotal));
        bar.update(done, { detail });
      },
      done(summary) {
        bar.stop();
        if (summary) io.err(summary);
      },
    };
  }
  let lastStep = -1;
  return {
    update(done, detail = '', newTotal) {
      if (newTotal !== undefined) total = newTotal;
      const elapsed = (Date.now() - start) / 1000;
      if (elapsed < 2) return;
      const step = total > 0 ? Math.floor((10 * done) / total) : 10;
      if (step === lastStep) return;
      lastStep = step;
      const rate = done / Math.max(elapsed, 1e-9);
      const eta = done > 0 && total > done ? (total - done) / rate : 0;
      io.err(`${label} ${done}/${total} ${rate.toFixed(1)}/s ETA ${eta.toFixed(0)}s ${detail}`);
    },
    done(summary) {
      if (summary) io.err(summary);
    },
  };
}
