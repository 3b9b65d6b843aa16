import { describe, expect, it } from 'vitest';
import { ArgumentError, DenseOperator, JsBackend } from '@dpr/linalg';
import { defineSolver, gaussianMeasurements, type Problem } from '../src/index.js';

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
  it("hands prepare's workspace to init and frees it when init throws", () => {
    const log: string[] = [];
    const prepared = (fail: boolean) =>
      defineSolver<{ fail: boolean }, { ws: { dispose(): void } }, { dispose(): void }>({
        id: 'prepared',
        summary: 'test solver',
        needsPrior: false,
        defaults: { fail },
        prepare: () => ({ dispose: () => log.push('disposed') }),
        init: (ctx, ws) => {
          if (ctx.options.fail) throw new ArgumentError('options.fail', 'false', true);
          log.push('init');
          return { ws };
        },
        step: () => ({ objective: 0, change: 0 }),
        current: () => ({ estimate: Float64Array.from([0, 0]), objective: 0 }),
        dispose: (s) => s.ws.dispose(),
      });
    expect(prepared(false).solve(problem, {}).stopReason).toBe('tol');
    expect(log).toEqual(['init', 'disposed']);
    expect(() => prepared(true).solve(problem, {})).toThrow(/options\.fail/);
    expect(log).toEqual(['init', 'disposed', 'disposed']);
  });

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

describe('runSolver: divergence and the tolerance patience', () => {
  const problem = { A: gaussianMeasurementsForDivergence(), b: new Float64Array(6).fill(1) };
  function gaussianMeasurementsForDivergence() {
    return gaussianMeasurements({ m: 6, n: 3, seed: 1 });
  }
  /** y ← 1e100 y each step, keeping the last finite iterate for `current`. */
  const blowUp = defineSolver<object, { y: Float64Array; last: Float64Array; f: number; hits: number }>({
    id: 'blow-up', summary: 'test', needsPrior: false, defaults: {},
    init: () => ({ y: Float64Array.of(1, 2, 3), last: Float64Array.of(1, 2, 3), f: 1, hits: 0 }),
    step(s) {
      s.y = s.y.map((v) => v * 1e100);
      s.f = s.y.reduce((a, v) => a + v * v, 0);
      if (Number.isFinite(s.f)) s.last = s.y;
      return { objective: s.f, change: 1 };
    },
    current: (s) => ({ estimate: s.last.slice(), objective: s.f }),
  });

  it('a non-finite objective ends the run with "diverged" and the last finite estimate', () => {
    const r = blowUp.solve(problem, { maxIters: 50 });
    expect(r.stopReason).toBe('diverged');
    expect(r.iterations).toBe(2);
    expect(r.estimate.every(Number.isFinite)).toBe(true);
  });

  it('stops after tolerancePatience hits and calls onTolerance before', () => {
    let calls = 0;
    const patient = defineSolver<object, { t: number }>({
      id: 'patient', summary: 'test', needsPrior: false, defaults: {}, tolerancePatience: 3,
      init: () => ({ t: 0 }),
      step: (s) => ({ objective: 1, change: ++s.t % 2 === 0 ? 0 : 1 }),
      onTolerance: () => void calls++,
      current: () => ({ estimate: new Float64Array(3), objective: 1 }),
    });
    const r = patient.solve(problem, { tol: 1e-6, maxIters: 100 });
    expect(r.stopReason).toBe('tol');
    expect(r.iterations).toBe(6);
    expect(calls).toBe(2);
  });
});
