/**
 * The `fig2` and `fig3` sections of BENCHMARKS.md: the wall time and CPU time of complete runs of
 * a figure's sweep (`dpr reproduce FIG --fresh --write BENCHMARKS.md`), one row per variant and
 * worker count.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { FigureRunResult } from '@dpr/experiments';
import { writeBenchSection } from './benchmarks-file.js';
import { machineDescription } from './machine.js';

/** One timed run in a figure's section of BENCHMARKS.md. */
interface TimingRow {
  variant: string;
  workers: number;
  trials: number;
  wallS: number;
  trialS: number;
  command: string;
  machine: string;
  /** 1-minute load average when the run ended (other work sharing the CPU shows here). */
  load: number;
  /** User CPU seconds of the whole process (all threads) when the run ended; absent in older rows. */
  cpuS?: number;
  date: string;
}

/** What each timed figure's sweep holds (the section's first sentence). */
const SWEEPS: Readonly<Record<string, { title: string; holds: string }>> = {
  fig2: { title: 'Figure 2 sweep', holds: 'DPR k = 10 with 1 and 5 restarts, SPARTA K = 3, 5, 10; wasm backend in every worker' },
  fig3: {
    title: 'Figure 3 sweep',
    holds: "10 MNIST test images × 9 values of m × 5 methods; DPR-Adam with 10 restarts, Fienup, Gerchberg-Saxton and Wirtinger Flow with 10 seeded runs under the figure's iteration caps, SPARTA on the 2-D DCT; wasm backend in every worker",
  },
};

/** Figures whose complete runs `--write` records. */
export const TIMED_SWEEPS: readonly string[] = Object.keys(SWEEPS);

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Record a complete run's wall time and CPU time as one row (keyed by variant and workers) of the
 * figure's section (`fig2`, `fig3`); earlier rows are kept (as JSON in a comment of the section).
 * Returns false if this call did not run every trial itself (a resumed or merged run has no
 * meaningful wall time). The CPU time is the process's user time (all threads) when called.
 */
export function writeSweepTiming(file: string, result: FigureRunResult, command: string, machine = machineDescription()): boolean {
  const s = result.summary, sweep = result.sweep;
  if (!s || !sweep || sweep.ran !== s.run.trials) return false;
  const id = s.figure, sweepInfo = SWEEPS[id];
  if (!sweepInfo) return false;
  const tag = new RegExp(`<!-- ${id}-timing (\\[.*?\\]) -->`, 's');
  let rows: TimingRow[] = [];
  const old = existsSync(file) ? tag.exec(readFileSync(file, 'utf8')) : null;
  if (old) rows = JSON.parse(old[1]!) as TimingRow[];
  const row: TimingRow = {
    variant: s.quick ? 'quick' : 'full', workers: sweep.workers, trials: s.run.trials, wallS: round1(sweep.wallMs / 1000), trialS: round1(s.run.trialMsTotal / 1000),
    command, machine, load: round1(loadavg()[0]!), cpuS: round1(process.cpuUsage().user / 1e6), date: s.generatedAt.slice(0, 10),
  };
  rows = [...rows.filter((r) => !(r.variant === row.variant && r.workers === row.workers)), row].sort((a, b) => a.variant.localeCompare(b.variant) || a.workers - b.workers);
  const serial = (v: string) => rows.find((r) => r.variant === v && r.workers === 1)?.wallS;
  const fmt = (x: number) => (x >= 120 ? `${(x / 60).toFixed(1)} min` : `${x.toFixed(1)} s`);
  const lines = rows.map((r) => {
    const one = serial(r.variant);
    const cpu = r.cpuS === undefined ? '-' : `${fmt(r.cpuS)} (${fmt(r.cpuS / r.workers)})`;
    return `| ${r.variant} | ${r.workers} | ${r.trials} | ${fmt(r.wallS)} | ${fmt(r.trialS)} | ${cpu} | ${one ? `${(one / r.wallS).toFixed(2)}x` : '-'} | ${r.load} | \`${r.command}\` | ${r.date} |`;
  });
  const machines = [...new Set(rows.map((r) => r.machine))];
  writeBenchSection(file, id, `## ${sweepInfo.title} (\`dpr reproduce ${id}\`)

Wall time of complete runs of the ${sweepInfo.title} (${sweepInfo.holds}), written by \`dpr reproduce ${id} --fresh --write BENCHMARKS.md\`. "trial time" sums the trials' own times over all workers; "user CPU" is the process's user CPU time (all threads) at the end, and in brackets divided by the workers: the wall time the run would take on that many otherwise idle cores; speed-up is against the 1-worker row of the same variant; load is the 1-minute load average when the run ended (above the worker count means other work shared the CPU). Machine: ${machines.join('; ')}.

| variant | workers | trials | wall time | trial time | user CPU (per worker) | speed-up | load | command | date |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${lines.join('\n')}

<!-- ${id}-timing ${JSON.stringify(rows)} -->`);
  return true;
}

