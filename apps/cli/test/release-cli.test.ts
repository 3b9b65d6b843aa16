/** CLI conventions of a release: --version, --json records, --out containment, --shard auto, the generated reference. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { datasetInstalled } from '@dpr/datasets';
import { runSweep, type Experiment } from '@dpr/sweep';
import { COMMANDS } from '../src/main.js';
import { cliReference } from '../src/reference.js';
import { run } from './run.js';

const root = resolve(import.meta.dirname, '../../..');

const squares: Experiment<{ n: number }, null> = {
  id: 'cli-squares-json',
  module: { url: import.meta.url, exportName: 'unused' },
  grid: (c) => Array.from({ length: c.n }, (_, i) => ({ params: { i }, seed: i })),
  run: ({ seed }) => ({ square: seed * seed }),
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('release conventions of dpr', () => {
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(root, 'apps/cli/package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = await run([flag]);
      expect(r.code).toBe(0);
      expect(r.out).toBe(pkg.version);
    }
  });

  it('docs/guides/cli-reference.md is generated from the command declarations (pnpm --filter @dpr/cli run docs:cli)', () => {
    const text = readFileSync(join(root, 'docs/guides/cli-reference.md'), 'utf8');
    expect(text).toBe(cliReference(COMMANDS));
    for (const c of COMMANDS) for (const name of Object.keys(c.options)) expect(text).toContain(`\`--${name}\``);
  });

  it('help lists every declared option of a command', async () => {
    for (const c of COMMANDS) {
      const r = await run(['help', c.name]);
      for (const name of Object.keys(c.options)) expect(r.out, `${c.name} --${name}`).toMatch(new RegExp(`--${name}\\b`));
    }
  });

  it('reproduce --out X --json writes everything, the report included, inside X', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'dpr-out-'));
    mkdirSync(join(cwd, 'keep'));
    const r = await run(['reproduce', 'fig1', '--quick', '--out', 'keep/fig1', '--json'], cwd);
    expect(r.code, r.err).toBe(0);
    const rec = JSON.parse(r.out) as { figure: string; complete: boolean; outDir: string; files: string[]; report: string };
    expect(rec).toMatchObject({ figure: 'fig1', complete: true, outDir: join(cwd, 'keep/fig1'), report: join(cwd, 'keep/fig1/index.html') });
    expect(readdirSync(join(cwd, 'keep'))).toEqual(['fig1']);
    expect(readdirSync(cwd).sort()).toEqual(['keep']);
    for (const f of rec.files) expect(existsSync(f), f).toBe(true);
    expect(readFileSync(rec.report, 'utf8')).toContain('href="./fig1.svg"');
  });

  it('merge --json prints one record', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'dpr-merge-json-'));
    await runSweep(squares, { outDir: join(cwd, 'a'), config: { n: 5 }, workers: 0, shard: { index: 1, count: 2 } });
    await runSweep(squares, { outDir: join(cwd, 'b'), config: { n: 5 }, workers: 0, shard: { index: 2, count: 2 } });
    const r = await run(['merge', 'a', 'b', '--out', 'm', '--json'], cwd);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ experiment: 'cli-squares-json', complete: true, trials: 5, totalTrials: 5, outDir: join(cwd, 'm'), report: null });
  });

  it('--shard auto reads Slurm / Kubernetes variables and names the one missing', async () => {
    for (const v of ['SLURM_ARRAY_TASK_ID', 'SLURM_ARRAY_TASK_COUNT', 'JOB_COMPLETION_INDEX', 'JOB_COMPLETION_COUNT']) vi.stubEnv(v, undefined as unknown as string);
    const none = await run(['reproduce', 'fig2', '--shard', 'auto']);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/--shard auto: .*SLURM_ARRAY_TASK_ID.*JOB_COMPLETION_INDEX/);
    vi.stubEnv('JOB_COMPLETION_INDEX', '2');
    const noCount = await run(['reproduce', 'fig2', '--shard', 'auto']);
    expect(noCount.code).toBe(2);
    expect(noCount.err).toMatch(/JOB_COMPLETION_COUNT/);
    const tooFew = await run(['reproduce', 'fig2', '--shard', 'auto', '--shard-count', '2']);
    expect(tooFew.code).toBe(2);
    expect(tooFew.err).toMatch(/JOB_COMPLETION_INDEX: expected below the shard count 2/);
    const stray = await run(['reproduce', 'fig2', '--shard', '1/2', '--shard-count', '2']);
    expect(stray.code).toBe(2);
    expect(stray.err).toMatch(/--shard-count: only with --shard auto/);
  });

  it.skipIf(!datasetInstalled('mnist'))('train --json prints one record with the files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dpr-train-json-'));
    const r = await run(['train', 'vae', '--dataset', 'mnist', '--subset', '100', '--batch-size', '50', '--epochs', '1', '--out', 'v.safetensors', '--backend', 'wasm', '--json'], dir);
    expect(r.code, r.err).toBe(0);
    const rec = JSON.parse(r.out) as Record<string, unknown>;
    expect(rec).toMatchObject({ dataset: 'mnist', epochs: 1, backend: 'wasm', weights: join(dir, 'v.safetensors'), manifest: join(dir, 'v.manifest.json') });
    expect(typeof rec['trainLoss']).toBe('number');
  });
});
