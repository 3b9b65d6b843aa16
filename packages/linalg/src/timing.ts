/**
 * Benchmark timing: run a function repeatedly and report the median wall time. Used by every
 * `dpr bench` suite so that implementations are compared in one run, as ratios.
 */
import { ArgumentError } from './errors.js';

/** Options of {@link measure}. */
export interface MeasureOptions {
  /** Untimed warm-up calls (default 3). */
  warmup?: number;
  /** Minimum timed calls (default 5). */
  minRuns?: number;
  /** Keep timing until this much time has been spent (default 300 ms), up to maxRuns. */
  minTimeMs?: number;
  /** Maximum timed calls (default 1000). */
  maxRuns?: number;
}

/** Timing summary in milliseconds. */
export interface Measurement {
  medianMs: number;
  minMs: number;
  runs: number;
}

const now = (): number => performance.now();

/** Median wall time of `fn` over repeated calls. */
export function measure(fn: () => unknown, options: MeasureOptions = {}): Measurement {
  const warmup = options.warmup ?? 3, minRuns = options.minRuns ?? 5;
  const minTimeMs = options.minTimeMs ?? 300, maxRuns = options.maxRuns ?? 1000;
  if (!(minRuns >= 1 && maxRuns >= minRuns)) throw new ArgumentError('minRuns', '1 <= minRuns <= maxRuns', minRuns);
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  const start = now();
  while (times.length < minRuns || (times.length < maxRuns && now() - start < minTimeMs)) {
    const t0 = now();
    fn();
    times.push(now() - t0);
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  const medianMs = times.length % 2 ? (times[mid] as number) : ((times[mid - 1] as number) + (times[mid] as number)) / 2;
  return { medianMs, minMs: times[0] as number, runs: times.length };
}
