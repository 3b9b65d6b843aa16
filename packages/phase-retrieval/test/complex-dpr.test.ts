/**
 * DPR and DPR-Adam with a real generator and complex measurements (complex Gaussian, CDP 1-D and
 * 2-D, oversampled Fourier) through the real-signal view; the stacked amplitude loss equals the
 * complex objective; solvers without the `complex` capability refuse complex operators.
 */
import { describe, expect, it } from 'vitest';
import { Rng, dot, nrm2 } from '@dpr/linalg';
import {
  CapabilityError, amplitudeLoss, complexAmplitudeObjective, createMeasurements, dpr, dprAdam, gaussianPriorInstance,
  measuredPriorInstance, measurementMagnitudes, measurementResidual, ppowerInit, realSignalView, relativeError, sparta,
} from '../src/index.js';

describe('complex measurements with a real generator', () => {
  for (const [measurement, extra] of [['complex-gaussian', { m: 40 }], ['cdp:2', {}], ['cdp:2', { shape: [8, 8] }], ['fourier:2', { shape: [8, 8] }]] as const) {
    it(`DPR recovers G(x0) from |A G(x0)| with A = ${measurement}${'shape' in extra ? ' (2-D)' : ''}`, () => {
      let ok = 0;
      for (let seed = 0; seed < 3; seed++) {
        const { problem, operator } = measuredPriorInstance({ dims: [4, 40, 64], measurement, seed, ...extra });
        expect(operator.dtype).toBe('complex');
        expect(problem.b.length).toBe(operator.measurementCount);
        const r = dpr.solve(problem, { seed, restarts: 2 });
        if (relativeError(r.estimate, problem.truth) <= 1e-3) ok++;
        expect(measurementResidual(problem.A, problem.truth, problem.b)).toBeLessThan(1e-12);
      }
      expect(ok).toBeGreaterThanOrEqual(2);
    });
  }

  it('DPR-Adam and PPower take complex measurements too', () => {
    const { problem } = measuredPriorInstance({ dims: [4, 40, 64], measurement: 'cdp:2', seed: 4 });
    const init = ppowerInit(problem, { seed: 1, iterations: 10 }).latent;
    const r = dprAdam.solve(problem, { seed: 4, restarts: 2, init, maxIters: 400 });
    expect(relativeError(r.estimate, problem.truth)).toBeLessThan(1e-3);
  });

  it('the stacked amplitude loss is the complex objective, and the real-signal view is adjoint to Re(A^H)', () => {
    const A = createMeasurements('complex-gaussian', { m: 30, n: 12, seed: 2 });
    const V = realSignalView(A);
    const rng = new Rng(5);
    const y = rng.gaussianVec(12), b = measurementMagnitudes(A, rng.gaussianVec(12));
    const r = new Float64Array(60);
    const f = amplitudeLoss(V.apply(y), b, r);
    const c = complexAmplitudeObjective(A, y, b);
    expect(f).toBeCloseTo(c.f, 10);
    const g = V.adjoint(r);
    for (let j = 0; j < 12; j++) expect(g[j]).toBeCloseTo((c.grad as Float64Array)[j]!, 10);
    const w = rng.gaussianVec(60);
    expect(dot(V.apply(y), w)).toBeCloseTo(dot(y, V.adjoint(w)), 8);
    expect(nrm2(V.applyBatch({ rows: 12, cols: 1, data: y }).data.map((v, i) => v - V.apply(y)[i]!))).toBeLessThan(1e-10);
  });

  it('with the gaussian model it is the Section 4.1 instance; solvers without the complex capability refuse complex A', () => {
    const a = measuredPriorInstance({ dims: [3, 20, 30], measurement: 'gaussian', m: 25, seed: 9 });
    const b = gaussianPriorInstance({ dims: [3, 20, 30], m: 25, seed: 9 });
    expect(Array.from(a.problem.b)).toEqual(Array.from(b.problem.b));
    const A = createMeasurements('complex-gaussian', { m: 50, n: 10, seed: 1 });
    const y = new Rng(1).gaussianVec(10);
    expect(() => sparta.solve({ A, b: measurementMagnitudes(A, y) }, { sparsity: 2 })).toThrow(CapabilityError);
    expect(() => sparta.solve({ A, b: measurementMagnitudes(A, y) }, { sparsity: 2 })).toThrow(/'complex' capability/);
  });
});
