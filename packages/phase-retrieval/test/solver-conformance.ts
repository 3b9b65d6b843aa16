/**
 * THE contract every solver meets (run against each one): maxIters respected, history length,
 * abort, progress callback stop, determinism (same seed → same result), inputs not mutated,
 * unknown options rejected, bad problems rejected.
 */
import { describe, expect, it } from 'vitest';
import { ArgumentError } from '@dpr/linalg';
import type { Problem, Solver } from '../src/index.js';

export function describeSolver(solver: Solver<any>, makeProblem: () => Problem, extra: Record<string, unknown> = {}): void {
  describe(`Solver contract: ${solver.id}`, () => {
    it('respects maxIters and records one history entry per iteration plus the start', () => {
      const p = makeProblem();
      const r = solver.solve(p, { ...extra, maxIters: 3, tol: 0, seed: 1, record: { objective: true, residual: true, time: true } });
      expect(r.iterations).toBeLessThanOrEqual(3);
      expect(r.history.objective!.length).toBe(r.iterations + 1);
      expect(r.history.residual!.length).toBe(r.iterations + 1);
      expect(r.history.timeMs!.length).toBe(r.iterations + 1);
      if (r.iterations === 3) expect(r.stopReason).toBe('maxIters');
      expect(r.solver).toBe(solver.id);
      expect(r.estimate.length).toBe(p.A.inputDim);
      expect(Number.isFinite(r.objective)).toBe(true);
    });

    it('records the error only against a given truth', () => {
      const p = makeProblem();
      if (p.truth) {
        const r = solver.solve(p, { ...extra, maxIters: 2, tol: 0, seed: 1, record: { error: true } });
        expect(r.history.error!.length).toBe(r.iterations + 1);
      }
      const { truth: _t, ...noTruth } = p;
      expect(() => solver.solve(noTruth as Problem, { ...extra, maxIters: 1, record: { error: true } })).toThrow(ArgumentError);
    });

    it('is deterministic for a seed and does not mutate its inputs', () => {
      const p = makeProblem();
      const b0 = p.b.slice();
      const r1 = solver.solve(p, { ...extra, maxIters: 5, seed: 42 });
      const r2 = solver.solve(p, { ...extra, maxIters: 5, seed: 42 });
      expect(Array.from(r1.estimate)).toEqual(Array.from(r2.estimate));
      expect(r1.iterations).toBe(r2.iterations);
      expect(Array.from(p.b)).toEqual(Array.from(b0));
    });

    it('stops on abort and on a callback returning stop', () => {
      const p = makeProblem();
      const ac = new AbortController();
      ac.abort();
      const r = solver.solve(p, { ...extra, maxIters: 50, signal: ac.signal });
      expect(r.stopReason).toBe('aborted');
      expect(r.iterations).toBe(0);
      let calls = 0;
      const r2 = solver.solve(p, { ...extra, maxIters: 50, tol: 0, onIteration: () => (++calls >= 2 ? 'stop' : undefined) });
      expect(r2.stopReason === 'callback' || r2.iterations < 2).toBe(true);
      expect(r2.iterations).toBeLessThanOrEqual(2);
    });

    it('rejects unknown options and bad problems with typed errors', () => {
      const p = makeProblem();
      expect(() => solver.solve(p, { ...extra, notAnOption: 1 } as never)).toThrow(/options\.notAnOption/);
      expect(() => solver.solve(p, { ...extra, maxIters: -1 })).toThrow(ArgumentError);
      const bad = p.b.slice();
      bad[0] = Number.NaN;
      expect(() => solver.solve({ ...p, b: bad }, extra)).toThrow(/problem\.b\[0\]/);
      const neg = p.b.slice();
      neg[1] = -1;
      expect(() => solver.solve({ ...p, b: neg }, extra)).toThrow(/problem\.b\[1\]/);
      expect(() => solver.solve({ ...p, b: p.b.subarray(1) }, extra)).toThrow(ArgumentError);
    });
  });
}
