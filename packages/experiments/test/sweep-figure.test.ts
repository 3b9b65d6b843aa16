import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepFigure } from '../src/figures/sweep-figure.js';
import type { FigureSummary } from '../src/figures/figure.js';
import { reportHtml } from '@dpr/render';
import { findSummaries } from '../src/index.js';
import { Rng } from '@dpr/linalg';
import type { Experiment } from '@dpr/sweep';

interface SleepConfig {
  trials: number;
  sleepMs: number;
}

/** A test-only experiment run inline: trials return a number computed from their seed. */
const sleepExperiment: Experiment<SleepConfig, null> = {
  id: 'test-sleep',
  module: { url: import.meta.url, exportName: 'sleepExperiment' },
  grid: (c) => Array.from({ length: c.trials }, (_, i) => ({ params: { group: i % 4 }, seed: 100 + i })),
  run: ({ params, seed }) => ({ value: new Rng(seed).gaussian() * (Number(params['group']) + 1) }),
};

const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), `dpr-${prefix}-`));

const figure = sweepFigure<SleepConfig>({
  id: 'test-fig',
  title: 'Test figure',
  paperClaim: 'none',
  experiment: sleepExperiment,
  configure: (quick) => ({ trials: quick ? 6 : 9, sleepMs: 1 }),
  async render(input) {
    const summary: FigureSummary = {
      figure: 'test-fig', title: 'Test figure', paperClaim: 'none', command: input.command, generatedAt: new Date().toISOString(), quick: input.quick,
      images: { svg: 'x.svg', png: 'x.png' }, table: { columns: ['n'], rows: [[input.records.length]] }, findings: [`${input.records.length} trials`], run: input.facts, data: null,
    };
    return { summary, files: [] };
  },
});

describe('sweepFigure', () => {
  it('renders once complete, keeps the timing of the run that did the work, and shows up in the report', async () => {
    const root = tempDir('figure');
    const outDir = join(root, 'test-fig-quick');
    const base = { outDir, quick: true, workers: 0, shard: null, fresh: false, command: 'dpr reproduce test-fig --quick' };
    const partial = await figure.run({ ...base, shard: { index: 1, count: 2 }, outDir: join(root, 'shard') });
    expect(partial.summary).toBeUndefined();
    expect(existsSync(join(root, 'shard', 'summary.json'))).toBe(false);
    const first = await figure.run(base);
    expect(first.summary?.run).toMatchObject({ trials: 6, ranThisCall: 6, workers: 0 });
    const again = await figure.run(base);
    expect(again.sweep?.ran).toBe(0);
    expect(again.summary?.run).toEqual(first.summary?.run);
    const onDisk = JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')) as FigureSummary;
    expect(onDisk.findings).toEqual(['6 trials']);
    const html = reportHtml(findSummaries(root));
    expect(html).toContain('test-fig-quick/x.png');
    expect(html).toContain('dpr reproduce test-fig --quick');
    expect(html).not.toContain('shard/');
  });
});
