import { describe, expect, it } from 'vitest';
import { ArgumentError, DenseOperator, JsBackend } from '@dpr/linalg';
import { defineSolver, type Problem } from '../src/index.js';

const A = DenseOperator.fromArray(new JsBackend(), [1, 0, 0, 1, 1, 1], 3, 2);
const problem: Problem = { A, b: Float64Array.from([1, 2, 3]) };

/** y ← growth · y: converges for growth < 1, overflows for growth > 1. */
const scaling = defineSolver<{ growth: number }, { y: Float64Array }>({
  id: 'scaling',
  summary: 'test solver',
  needsPrior: false,
  defaults: { growth: 0.5 },
  init: () => ({ y: Float64Array.from([1, 1]) }),
  step(s, { options, problem: p }) {
    const next = s.y.map((v) => v * options.growth);
    const change = Math.hypot(...next.map((v, i) => v - s.y[i]!)) / Math.hypot(...s.y);
    s.y = next;
    const z = p.A.apply(s.y);
    return { objective: z.reduce((a, v, i) => a + (Math.abs(v) - p.b[i]!) ** 2, 0) / 2, change };
  },
  current: (s) => ({ estimate: s.y, objective: 0 }),
});

describe('runSolver', () => {
  it('stops with tol, maxIters and maxTime', () => {
    expect(scaling.solve(problem, { tol: 0.6 }).stopReason).toBe('tol');
    expect(scaling.solve(problem, { tol: 0, maxIters: 7 })).toMatchObject({ stopReason: 'maxIters', iterations: 7 });
    expect(scaling.solve(problem, { tol: 0, maxIters: 1e9, maxTimeMs: 5 }).stopReason).toBe('maxTime');
  });

  it('reports divergence instead of crashing when the iterate overflows', () => {
    const r = scaling.solve(problem, { growth: 1e150, tol: 0, maxIters: 100 });
    expect(r.stopReason).toBe('diverged');
    expect(r.iterations).toBeLessThan(100);
  });

  it('merges options, rejecting unknown and invalid ones', () => {
    expect(() => scaling.solve(problem, { growht: 2 } as never)).toThrow(/options\.growht/);
    expect(() => scaling.solve(problem, { tol: -1 })).toThrow(ArgumentError);
    expect(() => scaling.solve(problem, { record: { bogus: true } as never })).toThrow(/options\.record\.bogus/);
    expect(() => scaling.solve(problem, { init: new Float64Array(3) })).toThrow(/options\.init/);
  });
});
