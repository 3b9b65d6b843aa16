/**
 * THE contract every solver meets: maxIters respected, history length, abort, progress callback
 * stop, determinism (same seed → same result), inputs not mutated, unknown options rejected, bad
 * problems rejected, and the declared capabilities honoured. `solvers.test.ts` runs it on every
 * solver of the registry, with problems chosen from each solver's capabilities, so a newly
 * registered solver is tested without editing a list.
 */
import { describe, expect, it } from 'vitest';
import { ArgumentError, Rng, type Vec } from '@dpr/linalg';
import { CapabilityError, complexSignalInstance, createMeasurements, isComplexSignalOperator, plainSignalError, gaussianMeasurements, gaussianPriorInstance, gaussianSignalInstance, magnitudes, measuredPriorInstance, measurementMagnitudes, sparseInstance, type Problem, type Solver } from '../src/index.js';

/** One run of the contract: a problem factory and the solver options it needs. */
export interface ConformanceCase {
  name: string;
  makeProblem: () => Problem;
  extra: Record<string, unknown>;
}

/** A non-negative signal (|N(0,1)| entries), for solvers with a non-negativity constraint. */
export function nonNegativeInstance(n: number, m: number, seed: number): Problem & { truth: Vec } {
  const A = gaussianMeasurements({ m, n, seed });
  const y0 = new Rng(seed + 100).gaussianVec(n).map(Math.abs);
  return { A, b: magnitudes(A, y0), truth: y0 };
}

/** The small problems a solver's capabilities call for (a prior, a sparse or a dense signal), and its variants. */
export function conformanceCases(solver: Solver<any>): ConformanceCase[] {
  const c = solver.capabilities;
  const base: ConformanceCase = c.prior
    ? { name: 'prior', makeProblem: () => gaussianPriorInstance({ dims: [4, 40, 80], m: 60, seed: 3 }).problem, extra: {} }
    : c.sparsity
      ? { name: 'sparse', makeProblem: () => sparseInstance({ n: 100, m: 60, sparsity: 3, seed: 2 }).problem, extra: { sparsity: 3 } }
      : { name: 'dense', makeProblem: () => gaussianSignalInstance({ n: 20, m: 120, seed: 4 }).problem, extra: {} };
  const cases = [base];
  if (c.restarts) cases.push({ ...base, name: `${base.name}, restarts 3`, extra: { ...base.extra, restarts: 3 } });
  // complex measurements (CDP) with a real generator, for prior solvers that declare `complex`
  if (c.complex && c.prior) cases.push({ name: 'complex measurements', makeProblem: () => measuredPriorInstance({ dims: [4, 40, 80], measurement: 'cdp:2', seed: 3 }).problem, extra: {} });
  // complex signals (stacked [Re; Im]) under dense and FFT-based complex models, for plain solvers that declare `complex`
  if (c.complex && !c.prior) {
    cases.push({ name: 'complex signal, complex-gaussian', makeProblem: () => complexSignalInstance({ measurement: 'complex-gaussian', n: 12, m: 96, seed: 5 }).problem, extra: {} });
    cases.push({ name: 'complex signal, cdp:4', makeProblem: () => complexSignalInstance({ measurement: 'cdp:4', n: 24, shape: [4, 6], seed: 6 }).problem, extra: {} });
  }
  if (c.nonNegative) cases.push({ name: 'non-negative', makeProblem: () => nonNegativeInstance(20, 120, 4), extra: { ...base.extra, nonNegative: true } });
  return cases;
}

export function describeSolver(solver: Solver<any>, makeProblem: () => Problem, extra: Record<string, unknown> = {}, label = ''): void {
  describe(`Solver contract: ${solver.id}${label ? ` (${label})` : ''}`, () => {
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

    it('accepts exactly the options its capabilities declare', () => {
      const p = makeProblem();
      const c = solver.capabilities;
      const accepts = (options: Record<string, unknown>) => {
        try {
          solver.solve(p, { ...extra, maxIters: 1, ...options });
          return true;
        } catch (e) {
          if (e instanceof ArgumentError && Object.keys(options).some((k) => e.message.includes(`options.${k}`))) return false;
          throw e;
        }
      };
      expect(c.prior).toBe(solver.needsPrior);
      expect(accepts({ restarts: 2 })).toBe(c.restarts !== null);
      expect(accepts({ nonNegative: false })).toBe(c.nonNegative);
      if (!c.sparsity) expect(accepts({ sparsity: 2 })).toBe(false);
      if (c.initializers) {
        for (const name of c.initializers.names.filter((x) => x !== 'custom')) expect(accepts({ initializer: name })).toBe(true);
        expect(c.initializers.names).toContain(c.initializers.default);
      } else expect(accepts({ initializer: 'random' })).toBe(false);
      if (c.prior) {
        const { prior: _prior, ...noPrior } = p;
        expect(() => solver.solve(noPrior as Problem, extra)).toThrow(/problem\.prior/);
      }
      if (c.complex && !c.prior && isComplexSignalOperator(p.A)) {
        // the declared capability: a complex signal is recovered up to a global phase
        const r = solver.solve(p, { ...extra, seed: 3 });
        expect(r.estimate.length).toBe(p.A.inputDim);
        expect(plainSignalError(p.A, r.estimate, p.truth!)).toBeLessThan(1e-5);
      }
      if (!c.complex) {
        const A = createMeasurements('complex-gaussian', { m: 3 * p.A.inputDim, n: p.A.inputDim, seed: 1 });
        const complexProblem = { ...p, A, b: measurementMagnitudes(A, new Rng(2).gaussianVec(p.A.inputDim)) };
        expect(() => solver.solve(complexProblem as Problem, { ...extra, maxIters: 1 })).toThrow(CapabilityError);
      }
    });
  });
}
