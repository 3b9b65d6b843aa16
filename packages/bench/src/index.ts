/**
 * `@dpr/bench` (private): every benchmark in one place. The `dpr bench` suites (`gemv`: GEMV/GEMM
 * GFLOP/s per backend; `dpr`: DPR solve time at the Section 4.1 size beside a numpy reference;
 * `baselines`: accuracy and per-iteration cost of every plain-signal solver), the BENCHMARKS.md
 * writer (one section per suite, replaced atomically), the Figure 2 timing rows of
 * `dpr reproduce fig2 --write`, and the timing scripts under `scripts/`.
 *
 * @example
 * ```ts
 * import { runBenchmarks } from '@dpr/bench';
 * const { records } = await runBenchmarks(['gemv'], { backend: 'js', size: [200, 200] });
 * ```
 * @packageDocumentation
 */
import { ArgumentError } from '@dpr/linalg';
import { writeBenchSection } from './benchmarks-file.js';
import type { BenchOptions, Suite } from './suite.js';
import { baselinesSuite } from './suites/baselines.js';
import { dprSuite } from './suites/dpr.js';
import { gemvSuite } from './suites/gemv.js';
import { fftSuite } from './suites/fft.js';
import { initSuite } from './suites/init.js';

export type { BenchOptions, Suite, SuiteResult } from './suite.js';
export { table, median } from './suite.js';
export { availableBackends, BENCH_BACKENDS } from './backends.js';
export { benchKernel, DEFAULT_KERNEL_CASES, type KernelBenchRecord, type KernelCase } from './kernels.js';
export { machineDescription } from './machine.js';
export { writeBenchSection } from './benchmarks-file.js';
export { writeSweepTiming, TIMED_SWEEPS } from './sweep-timing.js';
export type { DprBenchRecord } from './suites/dpr.js';
export type { BaselineBenchRecord } from './suites/baselines.js';
export type { FftBenchRecord } from './suites/fft.js';
export type { InitBenchRecord } from './suites/init.js';

/** Suites by name, in the order `dpr bench all` runs them. */
export const SUITES: Readonly<Record<string, Suite>> = { gemv: gemvSuite, dpr: dprSuite, baselines: baselinesSuite, fft: fftSuite, init: initSuite };

/** Options of {@link runBenchmarks}. */
export interface RunBenchmarksOptions {
  /** Write each suite's markdown into this BENCHMARKS.md (its own section, atomically). */
  writeTo?: string;
  /** Progress lines (a suite starting, each measured point). */
  onLog?: (line: string) => void;
}

/** Run suites (by name, or `all`) and return their records and markdown sections. */
export async function runBenchmarks(names: readonly string[], options: BenchOptions, run: RunBenchmarksOptions = {}): Promise<{ records: object[]; sections: Array<{ suite: string; markdown: string }> }> {
  const selected = names.includes('all') ? Object.keys(SUITES) : [...names];
  for (const name of selected) if (!SUITES[name]) throw new ArgumentError('suite', `one of ${[...Object.keys(SUITES), 'all'].join(', ')}`, name);
  const log = run.onLog ?? (() => {});
  const records: object[] = [];
  const sections: Array<{ suite: string; markdown: string }> = [];
  for (const name of selected) {
    log(`dpr bench ${name}`);
    const r = await SUITES[name]!.run(options, log);
    records.push(...r.records);
    sections.push({ suite: name, markdown: r.markdown });
    if (run.writeTo) writeBenchSection(run.writeTo, name, r.markdown);
  }
  return { records, sections };
}
