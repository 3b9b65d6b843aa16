import { describe, expect, it } from 'vitest';
import { run } from './run.js';

const FIELDS = ['algorithm', 'm', 'n', 'k', 'seed', 'relError', 'residual', 'success', 'iterations', 'timeMs', 'stopReason', 'backend', 'perPixelError', 'snrDb'];

describe('dpr solve: baselines end with a complete record', () => {
  // issue 11's repros: both used to crash with "x[0]: expected a finite number"
  it('wirtinger-flow --n 100 --m 110 --seed 19 prints a JSON record and exits 0', async () => {
    const r = await run(['solve', '--algorithm', 'wirtinger-flow', '--n', '100', '--m', '110', '--seed', '19', '--json']);
    expect(r.code).toBe(0);
    const rec = JSON.parse(r.out);
    expect(Object.keys(rec).sort()).toEqual([...FIELDS].sort());
    expect(['tol', 'maxIters', 'diverged']).toContain(rec.stopReason);
    expect(rec.iterations).toBeGreaterThan(0);
  }, 120_000);

  it('sparta --n 1000 --sparsity 10 --m 50 --seed 0 diverges: stopReason "diverged", a failure, exit 0', async () => {
    const r = await run(['solve', '--algorithm', 'sparta', '--n', '1000', '--sparsity', '10', '--m', '50', '--seed', '0', '--json']);
    expect(r.code).toBe(0);
    const rec = JSON.parse(r.out);
    expect(Object.keys(rec).sort()).toEqual([...FIELDS].sort());
    expect(rec.stopReason).toBe('diverged');
    expect(rec.success).toBe(false);
    // the last finite iterate is reported (relError/residual null only if none was finite)
    expect(rec.relError === null || Number.isFinite(rec.relError)).toBe(true);
    expect(rec.residual === null || Number.isFinite(rec.residual)).toBe(true);
    expect(rec.iterations).toBeGreaterThan(0);
    const text = await run(['solve', '--algorithm', 'sparta', '--n', '1000', '--sparsity', '10', '--m', '50', '--seed', '0']);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/\(diverged\)/);
  }, 120_000);

  it('--init chooses the initializer of a plain-signal baseline and is checked', async () => {
    const ok = await run(['solve', '--algorithm', 'taf', '--n', '40', '--m', '200', '--init', 'spectral', '--backend', 'js', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).success).toBe(true);
    const bad = await run(['solve', '--algorithm', 'taf', '--n', '40', '--m', '200', '--init', 'nope']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/init/);
    const dpr = await run(['solve', '--prior', 'gaussian:3,20,40', '--m', '30', '--init', 'spectral']);
    expect(dpr.code).not.toBe(0);
    expect(dpr.err).toMatch(/init/);
  }, 120_000);
});
