/**
 * Our baselines against the reference implementations' success curves (REFERENCE_CURVES: PhasePack
 * and the authors' SPARTA1D, run in Octave, sources cited there). A fast tier always runs (m/n = 3
 * and SPARTA K = 3 at m = 150); the full grid (m/n ∈ {2, 2.5, 3, 4}, SPARTA K ∈ {3, 5} at
 * m ∈ {100, 150, 200}) runs with DPR_FULL_CURVES=1.
 *
 * Our instances are seeded ones of the same distribution, not the reference's files, so a point
 * may differ by sampling alone: 10 trials at a rate near 1/2 have a standard deviation of 1.6
 * successes (for two independent sets, 2.2). A point passes when we are at most 3 of 10 below the
 * reference (the fast tier), or, on the full grid, when each point is at most 4 below and each
 * curve's total at most 1.5 per point below (the same-instance comparison of BENCHMARKS.md, run on
 * the reference's own instance files, is held to 2 per point).
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
const curveOf = (p: ReferencePoint) => `${p.solver}${p.sparsity === null ? '' : ` K = ${p.sparsity}`}`;

describe('success curves against the reference implementations', () => {
  if (!FULL) {
    for (const point of REFERENCE_CURVES.filter(fast)) {
      it(`${curveOf(point)}, n = ${point.n}, m = ${point.m}: at most ${SLACK} of ${point.trials} below the reference's ${point.successes}`, () => {
        expect(successes(point)).toBeGreaterThanOrEqual(point.successes - SLACK);
      }, 600_000);
    }
    return;
  }
  for (const curve of [...new Set(REFERENCE_CURVES.map(curveOf))]) {
    const points = REFERENCE_CURVES.filter((p) => curveOf(p) === curve);
    it(`${curve}: every point at most 4 below the reference, the curve at most 1.5 per point below`, () => {
      const ours = points.map(successes);
      points.forEach((p, i) => expect(ours[i], `m = ${p.m}`).toBeGreaterThanOrEqual(p.successes - 4));
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      expect(sum(ours)).toBeGreaterThanOrEqual(sum(points.map((p) => p.successes)) - 1.5 * points.length);
    }, 900_000);
  }
});
