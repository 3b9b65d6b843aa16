import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gridOf, type TrialRecord } from '@dpr/sweep';
import { getFigure } from '../src/figures/registry.js';
import { noiseSeries, type NoiseData } from '../src/figures/noise.js';
import { NOISELESS, PHASEPACK_FAMILY, noiseConfig, noiseExperiment, type NoiseConfig } from '../src/figures/noise-experiment.js';
import type { FigureSummary } from '../src/figures/figure.js';

function rec(params: Record<string, number | string>, seed: number, relError: number | null): TrialRecord {
  return { experiment: 'noise', key: `${JSON.stringify(params)}${seed}`, index: 0, params, seed, metrics: { relError, snrDb: null, error: relError === null ? 'boom' : null }, timeMs: 1, backend: 'js', versions: {}, configHash: 'h' };
}

describe('noise figure', () => {
  it('grids SNR as a parameter, with one instance seed shared by every method and SNR at an m', () => {
    const full = noiseConfig(false), quick = noiseConfig(true);
    expect(full.snrs).toEqual([0, 5, 10, 15, 20, 25, 30, 40]);
    expect(full.panels.map((p) => p.m)).toEqual([200, 4000]);
    expect(full.panels[1]!.methods).toEqual(['dpr', 'sparta', ...PHASEPACK_FAMILY]);
    for (const c of [full, quick]) {
      const specs = gridOf(noiseExperiment, c);
      const perSnr = c.snrs.length + (c.noiseless ? 1 : 0);
      const expected = c.panels.reduce((s, p) => s + p.instances * perSnr * p.methods.reduce((t, x) => t + (x === 'dpr' ? c.restarts.length : 1), 0), 0);
      expect(specs).toHaveLength(expected);
      const seedsAt200 = new Set(specs.filter((s) => s.params['m'] === 200).map((s) => s.seed));
      expect(seedsAt200.size).toBe(c.panels[0]!.instances);
      expect(specs.some((s) => s.params['snr'] === NOISELESS)).toBe(true);
    }
  });

  it('a baseline trial is a pure function of its parameters and seed, reports the realized SNR, and SPARTA gets the true sparsity', async () => {
    const config: NoiseConfig = { ...noiseConfig(true), dims: [5, 40, 80], backend: 'js' };
    const ctx = await noiseExperiment.setup!(config);
    try {
      const strip = (m: Record<string, unknown>) => ({ ...m, solveMs: 0 });
      const raf20 = await noiseExperiment.run({ params: { m: 640, solver: 'raf', snr: 20 }, seed: 3 }, config, ctx.state);
      expect(strip(await noiseExperiment.run({ params: { m: 640, solver: 'raf', snr: 20 }, seed: 3 }, config, ctx.state))).toEqual(strip(raf20));
      expect(raf20['snrDb']).toBeGreaterThan(18);
      expect(raf20['snrDb']).toBeLessThan(22);
      expect(raf20['relError']).toBeLessThan(0.3);
      const rafClean = await noiseExperiment.run({ params: { m: 640, solver: 'raf', snr: NOISELESS }, seed: 3 }, config, ctx.state);
      expect(rafClean['snrDb']).toBeNull();
      expect(rafClean['relError']).toBeLessThan(1e-4);
      expect(rafClean['relError']).toBeLessThan(raf20['relError'] as number);
      const sp = await noiseExperiment.run({ params: { m: 640, solver: 'sparta', snr: 30 }, seed: 3 }, config, ctx.state);
      expect(sp['sparsity']).toBeGreaterThan(10);
      expect(sp['sparsity']).toBeLessThan(80);
      expect(sp['error']).toBeNull();
    } finally {
      noiseExperiment.teardown!(ctx.state);
    }
  });

  it('turns records into median curves with quartiles, counting a failed trial as +∞', () => {
    const config: NoiseConfig = { ...noiseConfig(true), snrs: [10, 20], panels: [{ m: 200, methods: ['dpr', 'raf'], instances: 3 }], restarts: [5] };
    const dpr = (snr: number | string, seed: number, e: number) => rec({ m: 200, solver: 'dpr', restarts: 5, snr }, seed, e);
    const records = [
      dpr(10, 1, 0.3), dpr(10, 2, 0.1), dpr(10, 3, 0.2), dpr(20, 1, 0.03), dpr(20, 2, 0.01), dpr(20, 3, 0.05),
      dpr(NOISELESS, 1, 1e-7), dpr(NOISELESS, 2, 2e-7), dpr(NOISELESS, 3, 3e-7),
      rec({ m: 200, solver: 'raf', snr: 10 }, 1, 0.9), rec({ m: 200, solver: 'raf', snr: 10 }, 2, null), rec({ m: 200, solver: 'raf', snr: 10 }, 3, 0.5),
    ];
    const [d, r] = noiseSeries(records, config);
    expect(d!.id).toBe('m200-dpr-r5');
    expect(d!.points.map((p) => p.snr)).toEqual([10, 20, null]);
    expect(d!.points.map((p) => p.median)).toEqual([0.2, 0.03, 2e-7]);
    expect(d!.points[0]).toMatchObject({ q25: expect.closeTo(0.15, 12), q75: expect.closeTo(0.25, 12), max: 0.3, trials: 3, errors: 0 });
    expect(r!.label).toBe('RAF');
    expect(r!.points).toHaveLength(1);
    expect(r!.points[0]).toMatchObject({ median: 0.9, q25: expect.closeTo(0.7, 12), q75: null, max: null, errors: 1 });
  });

  it('runs --quick end to end: DPR error falls with the SNR and is at most 0.3 at 20 dB', { timeout: 300_000 }, async () => {
    const outDir = join(mkdtempSync(join(tmpdir(), 'dpr-noise-')), 'noise-quick');
    const result = await getFigure('noise').run({ outDir, quick: true, workers: 0, shard: null, fresh: true, command: 'dpr reproduce noise --quick' });
    const summary = JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')) as FigureSummary & { data: NoiseData };
    expect(result.summary?.figure).toBe('noise');
    for (const f of ['README.md', 'noise.svg', 'noise.png', 'trials.jsonl']) expect(existsSync(join(outDir, f))).toBe(true);
    const dpr = summary.data.series.find((s) => s.solver === 'dpr')!;
    const medians = dpr.points.map((p) => p.median!);
    expect(dpr.points.map((p) => p.snr)).toEqual([0, 10, 20, 30, null]);
    for (let i = 1; i < medians.length; i++) expect(medians[i]).toBeLessThanOrEqual(medians[i - 1]!);
    expect(dpr.points.find((p) => p.snr === 20)!.median).toBeLessThanOrEqual(0.3);
    expect(dpr.points.find((p) => p.snr === 20)!.realizedSnr).toBeGreaterThan(18);
    expect(summary.data.claims).toEqual({ dprDecreasing: true, dprGraceful20: true });
    expect(summary.findings.join('\n')).toContain('falls (never rises)');
    expect(readFileSync(join(outDir, 'README.md'), 'utf8')).toContain('gaussian:SNR');
  });
});
