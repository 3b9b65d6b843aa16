/**
 * Our baselines against the reference implementations' success curves (REFERENCE_CURVES: PhasePack
 * and the authors' SPARTA1D, run in Octave, sources cited there). A fast tier always runs (m/n = 3
 * and SPARTA K = 3 at m = 150); the full grid (m/n ∈ {2, 2.5, 3, 4}, SPARTA K ∈ {3, 5} at
 * m ∈ {100, 150, 200}) runs with DPR_FULL_CURVES=1.
 *
 * Our instances are seeded ones of the same distribution, not the reference's files, so a point
 * may differ by sampling alone: 10 trials at a rate near 1/2 have a standard deviation of 1.6
 * successes. A point passes when we are at most 3 of 10 below the reference (the same-instance
 * comparison of BENCHMARKS.md is held to 2).
 */
import { describe, expect, it } from 'vitest';
import { REFERENCE_CURVES, gaussianSignalInstance, getSolver, relativeErrorUpToSign, sparseInstance, type ReferencePoint } from '../src/index.js';

const FULL = process.env['DPR_FULL_CURVES'] === '1';
const SLACK = 3;

function successes(point: ReferencePoint): number {
  let ok = 0;
  for (let seed = 1; seed <= point.trials; seed++) {
    const { problem } = point.sparsity === null
      ? gaussianSignalInstance({ n: point.n, m: point.m, seed })
      : sparseInstance({ n: point.n, m: point.m, sparsity: point.sparsity, seed });
    const r = getSolver(point.solver).solve(problem, { seed, ...(point.sparsity === null ? {} : { sparsity: point.sparsity }) });
    expect(['tol', 'maxIters', 'diverged']).toContain(r.stopReason);
    if (relativeErrorUpToSign(r.estimate, problem.truth) <= point.threshold) ok++;
  }
  return ok;
}

const fast = (p: ReferencePoint) => (p.sparsity === null ? p.m === 300 : p.sparsity === 3 && p.m === 150);

describe('success curves against the reference implementations', () => {
  for (const point of REFERENCE_CURVES.filter((p) => FULL || fast(p))) {
    const label = `${point.solver} n = ${point.n}, m = ${point.m}${point.sparsity === null ? '' : `, K = ${point.sparsity}`}`;
    it(`${label}: at most ${SLACK} of ${point.trials} below the reference's ${point.successes}`, () => {
      expect(successes(point)).toBeGreaterThanOrEqual(point.successes - SLACK);
    }, 600_000);
  }
});
