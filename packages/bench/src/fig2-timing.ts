/**
 * The `fig2` section of BENCHMARKS.md: the wall time of complete runs of the Figure 2 sweep
 * (`dpr reproduce fig2 --fresh --write BENCHMARKS.md`), one row per variant and worker count.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { FigureRunResult } from '@dpr/experiments';
import { writeBenchSection } from './benchmarks-file.js';
import { machineDescription } from './machine.js';

/** One timed run in the fig2 section of BENCHMARKS.md. */
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
  date: string;
}

const TIMING_TAG = /<!-- fig2-timing (\[.*?\]) -->/s;

/**
 * Record a complete run's wall time as one row (keyed by variant and workers) of the `fig2`
 * section; earlier rows are kept (as JSON in a comment of the section). Returns false if this call
 * did not run every trial itself (a resumed or merged run has no meaningful wall time).
 */
export function writeFig2Timing(file: string, result: FigureRunResult, command: string, machine = machineDescription()): boolean {
  const s = result.summary, sweep = result.sweep;
  if (!s || !sweep || sweep.ran !== s.run.trials) return false;
  let rows: TimingRow[] = [];
  const old = existsSync(file) ? TIMING_TAG.exec(readFileSync(file, 'utf8')) : null;
  if (old) rows = JSON.parse(old[1]!) as TimingRow[];
  const row: TimingRow = { variant: s.quick ? 'quick' : 'full', workers: sweep.workers, trials: s.run.trials, wallS: Math.round(sweep.wallMs / 100) / 10, trialS: Math.round(s.run.trialMsTotal / 100) / 10, command, machine, load: Math.round(loadavg()[0]! * 10) / 10, date: s.generatedAt.slice(0, 10) };
  rows = [...rows.filter((r) => !(r.variant === row.variant && r.workers === row.workers)), row].sort((a, b) => a.variant.localeCompare(b.variant) || a.workers - b.workers);
  const serial = (v: string) => rows.find((r) => r.variant === v && r.workers === 1)?.wallS;
  const fmt = (x: number) => (x >= 120 ? `${(x / 60).toFixed(1)} min` : `${x.toFixed(1)} s`);
  const lines = rows.map((r) => {
    const one = serial(r.variant);
    return `| ${r.variant} | ${r.workers} | ${r.trials} | ${fmt(r.wallS)} | ${fmt(r.trialS)} | ${one ? `${(one / r.wallS).toFixed(2)}x` : '-'} | ${r.load} | \`${r.command}\` | ${r.date} |`;
  });
  const machines = [...new Set(rows.map((r) => r.machine))];
  writeBenchSection(file, 'fig2', `## Figure 2 sweep (\`dpr reproduce fig2\`)

Wall time of complete runs of the Figure 2 sweep (DPR k = 10 with 1 and 5 restarts, SPARTA K = 3, 5, 10; wasm backend in every worker), written by \`dpr reproduce fig2 --fresh --write BENCHMARKS.md\`. "trial time" sums the trials' own times over all workers; speed-up is against the 1-worker row of the same variant; load is the 1-minute load average when the run ended (above the worker count means other work shared the CPU). Machine: ${machines.join('; ')}.

| variant | workers | trials | wall time | trial time | speed-up | load | command | date |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${lines.join('\n')}

<!-- fig2-timing ${JSON.stringify(rows)} -->`);
  return true;
}

