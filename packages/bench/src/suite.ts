/** A benchmark suite of `dpr bench`: JSON records plus a markdown section for BENCHMARKS.md. */
import type { BackendName } from '@dpr/linalg';

/** The options the suites read (each suite names the ones it uses in {@link Suite.options}). */
export interface BenchOptions {
  /** Only this backend (default: every backend that starts). */
  backend?: BackendName;
  /** gemv: `[m, n]` (GEMV and GEMVᵀ) or `[m, n, k]` (GEMM). */
  size?: readonly number[];
  /** dpr: seeded instances (default 5). */
  instances?: number;
  /** dpr: measurements (default 200). */
  m?: number;
  /** baselines: seeds per point (default 10). */
  seeds?: number;
  /** init: noise specs swept over (`gaussian:SNR_DB` or `poisson:PHOTONS` each; default noiseless). */
  noise?: readonly string[];
}

/** What a suite returns. */
export interface SuiteResult {
  records: object[];
  markdown: string;
}

/** One suite. */
export interface Suite {
  /** Options this suite reads. */
  options: readonly (keyof BenchOptions)[];
  /** Run it; progress lines go to `log` (never printed by the suite itself). */
  run(options: BenchOptions, log: (line: string) => void): Promise<SuiteResult>;
}

/** A markdown table. */
export function table(header: string[], rows: (string | number)[][]): string {
  const line = (r: (string | number)[]) => `| ${r.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The median of a list (NaN when empty). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}
