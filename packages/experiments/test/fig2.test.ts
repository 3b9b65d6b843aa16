import { describe, expect, it } from 'vitest';
import { compareSeries, fig2Series } from '../src/figures/fig2.js';
import { fig2Config, fig2Experiment, type Fig2Config } from '../src/figures/fig2-experiment.js';
import { gridOf, type TrialRecord } from '@dpr/sweep';

function rec(params: Record<string, number | string>, seed: number, success: boolean, error: string | null = null): TrialRecord {
  return { experiment: 'fig2', key: `${JSON.stringify(params)}${seed}`, index: 0, params, seed, metrics: { success, error }, timeMs: 1, backend: 'js', versions: {}, configHash: 'h' };
}

describe('fig2', () => {
  it('grids every (m, instance) for DPR with 1 and 5 restarts and SPARTA K = 3, 5, 10, from 0.01 to 0.2 and beyond', () => {
    const full = fig2Config(false), quick = fig2Config(true);
    expect(full.instances).toBe(25);
    expect(full.ms.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => 10 * (i + 1)));
    expect(Math.max(...full.ms)).toBeGreaterThan(200);
    for (const c of [full, quick]) {
      const specs = gridOf(fig2Experiment, c);
      expect(specs).toHaveLength(c.ms.length * c.instances * (c.restarts.length + c.sparsity.length));
    }
    expect(quick.restarts).toEqual(full.restarts);
    expect(quick.sparsity).toEqual(full.sparsity);
  });

  it('a trial is a pure function of its parameters and seed', async () => {
    const config: Fig2Config = { ...fig2Config(true), backend: 'js' };
    const ctx = await fig2Experiment.setup!(config);
    const d1 = await fig2Experiment.run({ params: { solver: 'dpr', restarts: 1, m: 120 }, seed: 7 }, config, ctx.state);
    const d2 = await fig2Experiment.run({ params: { solver: 'dpr', restarts: 1, m: 120 }, seed: 7 }, config, ctx.state);
    const s1 = await fig2Experiment.run({ params: { solver: 'sparta', sparsity: 3, m: 300 }, seed: 7 }, config, ctx.state);
    const s2 = await fig2Experiment.run({ params: { solver: 'sparta', sparsity: 3, m: 300 }, seed: 7 }, config, ctx.state);
    const strip = (m: Record<string, unknown>) => ({ ...m, solveMs: 0 });
    expect(strip(d1)).toEqual(strip(d2));
    expect(strip(s1)).toEqual(strip(s2));
    expect(typeof d1['relError']).toBe('number');
    expect(s1['success']).toBe(true); // K = 3, m/n = 0.3: well inside SPARTA's success region
  });

  it('turns records into success-rate curves and compares them', () => {
    const config: Fig2Config = { ...fig2Config(true), ms: [10, 20, 30], instances: 2, restarts: [1], sparsity: [3] };
    const records = [
      rec({ solver: 'dpr', restarts: 1, m: 10 }, 1, false), rec({ solver: 'dpr', restarts: 1, m: 10 }, 2, true),
      rec({ solver: 'dpr', restarts: 1, m: 20 }, 1, true), rec({ solver: 'dpr', restarts: 1, m: 20 }, 2, true),
      rec({ solver: 'dpr', restarts: 1, m: 30 }, 1, true), rec({ solver: 'dpr', restarts: 1, m: 30 }, 2, true),
      rec({ solver: 'sparta', sparsity: 3, m: 10 }, 1, false, 'diverged'), rec({ solver: 'sparta', sparsity: 3, m: 10 }, 2, false),
      rec({ solver: 'sparta', sparsity: 3, m: 20 }, 1, true), rec({ solver: 'sparta', sparsity: 3, m: 20 }, 2, false),
      rec({ solver: 'sparta', sparsity: 3, m: 30 }, 1, true), rec({ solver: 'sparta', sparsity: 3, m: 30 }, 2, true),
    ];
    const [dpr, sp] = fig2Series(records, config);
    expect(dpr!.points.map((p) => p.rate)).toEqual([0.5, 1, 1]);
    expect(dpr).toMatchObject({ id: 'dpr-r1', half: 0.01, first100: 0.02, from100: 0.02 });
    expect(sp!.points.map((p) => p.rate)).toEqual([0, 0.5, 1]);
    expect(sp!.points[0]!.errors).toBe(1);
    expect(sp).toMatchObject({ id: 'sparta-k3', half: 0.02, first100: 0.03, from100: 0.03 });
    expect(compareSeries(dpr!, sp!)).toMatchObject({ meanAbsGapPts: 33.3, aAtLeastB: 3, points: 3 });
  });
});
