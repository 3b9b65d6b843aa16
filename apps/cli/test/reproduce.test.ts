import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSweep, type Experiment } from '@dpr/sweep';
import { run } from './run.js';


/** A tiny inline experiment (workers: 0, so no module URL is needed). */
const squares: Experiment<{ n: number }, null> = {
  id: 'cli-squares',
  module: { url: import.meta.url, exportName: 'unused' },
  grid: (c) => Array.from({ length: c.n }, (_, i) => ({ params: { i }, seed: i })),
  run: ({ seed }) => ({ square: seed * seed }),
};

describe('dpr reproduce', () => {
  it('rejects bad usage with exit code 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['reproduce'], /expected a figure/],
      [['reproduce', 'fig9'], /unknown figure "fig9"/],
      [['reproduce', 'fig2', '--shard', '4/3'], /--shard: expected i\/N/],
      [['reproduce', 'fig2', '--workers', '0'], /--workers: expected an integer >= 1/],
      [['reproduce', 'fig2', '--resume', '--fresh'], /exclude each other/],
      [['reproduce', 'fig1', '--shard', '1/2'], /not a sweep/],
      [['merge'], /at least one results folder/],
    ];
    for (const [args, msg] of cases) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(msg);
    }
  });

  it('fig1 writes the plot, summary.json, README.md and results/index.html', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'dpr-repro-'));
    const r = await run(['reproduce', 'fig1', '--quick'], cwd);
    expect(r.code).toBe(0);
    for (const f of ['fig1.svg', 'fig1.png', 'summary.json', 'README.md']) expect(existsSync(join(cwd, 'results', 'fig1-quick', f)), f).toBe(true);
    const summary = JSON.parse(readFileSync(join(cwd, 'results', 'fig1-quick', 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ figure: 'fig1', command: 'pnpm dpr reproduce fig1 --quick', quick: true });
    const html = readFileSync(join(cwd, 'results', 'index.html'), 'utf8');
    expect(html).toContain('fig1-quick/fig1.png');
    expect(html).toContain('pnpm dpr reproduce fig1 --quick');
  });
});

describe('dpr merge', () => {
  it('merges shard folders, and rejects duplicates and mismatched configurations', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'dpr-merge-'));
    await runSweep(squares, { outDir: join(cwd, 'a'), config: { n: 7 }, workers: 0, shard: { index: 1, count: 2 } });
    await runSweep(squares, { outDir: join(cwd, 'b'), config: { n: 7 }, workers: 0, shard: { index: 2, count: 2 } });
    await runSweep(squares, { outDir: join(cwd, 'c'), config: { n: 8 }, workers: 0 });
    const ok = await run(['merge', 'a', 'b', '--out', 'm'], cwd);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/merged 7 of 7 trials of 'cli-squares'/);
    const lines = readFileSync(join(cwd, 'm', 'trials.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { metrics: { square: number } });
    expect(lines.map((l) => l.metrics.square)).toEqual([0, 1, 4, 9, 16, 25, 36]);
    const dup = await run(['merge', 'a', 'a', '--out', 'd'], cwd);
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/recorded more than once/);
    const mismatch = await run(['merge', 'a', 'c', '--out', 'e'], cwd);
    expect(mismatch.code).toBe(1);
    expect(mismatch.err).toMatch(/different configuration/);
  });
});
