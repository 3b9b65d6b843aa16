import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FigureRunResult } from '@dpr/experiments';
import { writeSweepTiming } from '../src/index.js';

/** A complete run's result as `reproduceFigure` returns it (only what the timing reads). */
function result(figure: string, ran: number, trials = 10): FigureRunResult {
  return {
    outDir: '/x',
    files: [],
    summary: { figure, quick: false, generatedAt: '2026-12-05T00:00:00.000Z', run: { trials, trialMsTotal: 12_345 } },
    sweep: { ran, workers: 2, wallMs: 6_789 },
  } as unknown as FigureRunResult;
}

describe('writeSweepTiming', () => {
  it('writes one row per figure, variant and workers into the figure\'s own section, with the CPU time', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dpr-timing-')), 'B.md');
    writeFileSync(file, '# Benchmarks\n\n<!-- bench:fig2 -->\nold\n<!-- /bench:fig2 -->\n');
    expect(writeSweepTiming(file, result('fig3', 10), 'cmd3', 'machine A')).toBe(true);
    expect(writeSweepTiming(file, result('fig3', 10), 'cmd3 again', 'machine A')).toBe(true);
    expect(writeSweepTiming(file, result('fig2', 10), 'cmd2', 'machine A')).toBe(true);
    const text = readFileSync(file, 'utf8');
    const fig3 = text.slice(text.indexOf('<!-- bench:fig3 -->'), text.indexOf('<!-- /bench:fig3 -->'));
    expect(fig3).toMatch(/## Figure 3 sweep/);
    expect(fig3.match(/^\| full \| 2 \| 10 \| 6\.8 s \| 12\.3 s \| \d/gm)?.length).toBe(1); // the rerun replaced its row
    expect(fig3).toMatch(/cmd3 again/);
    const rows = JSON.parse(/<!-- fig3-timing (\[.*?\]) -->/s.exec(fig3)![1]!) as Array<{ cpuS: number }>;
    expect(rows[0]!.cpuS).toBeGreaterThan(0);
    expect(text).not.toMatch(/\nold\n/); // fig2's section was rewritten, not appended
    expect(text.match(/<!-- bench:fig2 -->/g)?.length).toBe(1);
  });

  it('refuses a run that did not run every trial, and figures without a timing section', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dpr-timing-')), 'B.md');
    expect(writeSweepTiming(file, result('fig3', 4), 'cmd')).toBe(false);
    expect(writeSweepTiming(file, result('fig1', 10), 'cmd')).toBe(false);
  });
});
