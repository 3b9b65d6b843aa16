/**
 * A progress bar on a terminal (stderr), plain lines otherwise; never on stdout, so `--json`
 * output stays clean.
 */
export interface Progress {
  update(done: number, detail?: string): void;
  done(summary?: string): void;
}

export function progressBar(label: string, total: number, io: { err: (l: string) => void; isTTY: boolean }, minIntervalMs = 100): Progress {
  const start = Date.now();
  let last = 0;
  let lastPlain = -1;
  const render = (done: number, detail = '') => {
    const elapsed = (Date.now() - start) / 1000;
    const rate = done / Math.max(elapsed, 1e-9);
    const eta = done > 0 && total > done ? (total - done) / rate : 0;
    const frac = total > 0 ? Math.min(1, done / total) : 1;
    const width = 24, filled = Math.round(frac * width);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    return `${label} ${bar} ${done}/${total} ${rate.toFixed(1)}/s ETA ${eta.toFixed(0)}s ${detail}`;
  };
  return {
    update(done, detail) {
      const now = Date.now();
      if (io.isTTY) {
        if (now - last < minIntervalMs && done < total) return;
        last = now;
        process.stderr.write(`\r\x1b[2K${render(done, detail)}`);
      } else {
        // plain lines at every 10% step, only for runs longer than two seconds
        if (now - start < 2000) return;
        const step = total > 0 ? Math.floor((10 * done) / total) : 10;
        if (step !== lastPlain) {
          lastPlain = step;
          io.err(render(done, detail));
        }
      }
    },
    done(summary) {
      if (io.isTTY) process.stderr.write('\r\x1b[2K');
      if (summary) io.err(summary);
    },
  };
}
