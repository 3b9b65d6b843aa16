/**
 * Plain complex signals (stacked [Re y; Im y]) under complex models: the row norms the FFT models
 * give without a matrix, the spectral start, the error up to a global phase, and recovery by
 * Wirtinger flow at m = 8n (complex Gaussian) and on a 64 × 64 image with L = 6 coded diffraction
 * patterns (issue 16).
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '@dpr/linalg';
import {
  complexSignalInstance, createMeasurements, initialize, operatorRowNorms2, measurementMagnitudes, measurementRowNorms2, moduli, plainSignalError,
  relativeErrorUpToPhaseStacked, scaleMeasurements, signalEntries, wirtingerFlow,
} from '../src/index.js';

describe('complex signals', () => {
  it('the FFT models give the row norms ‖a_i‖² of their matrix without materialising it', () => {
    for (const [spec, n, shape] of [['cdp:3', 24, [4, 6]], ['cdp:2', 10, [10]], ['fourier:2', 15, [3, 5]]] as const) {
      for (const scale of ['unit', 'inverse-m'] as const) {
        const A = createMeasurements(spec, { n, shape, seed: 4, scale });
        const m = A.measurementCount;
        const stacked = operatorRowNorms2(A).subarray(0, m); // rows i and m + i of the stacked view have norm ‖a_i‖²
        const own = measurementRowNorms2(A, m);
        for (let i = 0; i < m; i++) expect(own[i]).toBeCloseTo(stacked[i] as number, 10);
      }
    }
  });

  it('moduli and weights pair Re and Im; the signal has n complex entries', () => {
    const A = createMeasurements('complex-gaussian', { m: 7, n: 3, seed: 1 });
    const y = new Rng(2).gaussianVec(6);
    const z = A.apply(y);
    expect(Array.from(moduli(z, 7))).toEqual(Array.from(measurementMagnitudes(A, y)));
    const w = scaleMeasurements(z, new Float64Array(7).fill(2));
    expect(Array.from(w)).toEqual(Array.from(z.map((v) => 2 * v)));
    expect(signalEntries(A)).toBe(3);
  });

  it('the error is invariant to a global phase of a stacked signal and sees other changes', () => {
    const y0 = new Rng(3).gaussianVec(10);
    const theta = 1.1, c = Math.cos(theta), s = Math.sin(theta);
    const rotated = new Float64Array(10);
    for (let j = 0; j < 5; j++) {
      rotated[j] = c * (y0[j] as number) - s * (y0[5 + j] as number);
      rotated[5 + j] = s * (y0[j] as number) + c * (y0[5 + j] as number);
    }
    expect(relativeErrorUpToPhaseStacked(rotated, y0)).toBeLessThan(1e-12);
    const conj = y0.map((v, j) => (j < 5 ? v : -v));
    expect(relativeErrorUpToPhaseStacked(conj, y0)).toBeGreaterThan(0.1);
  });

  it('the optimal spectral start correlates with a complex signal (m = 8n)', () => {
    const { problem } = complexSignalInstance({ measurement: 'complex-gaussian', n: 32, m: 256, seed: 7 });
    const y = initialize('optimal', problem, { rng: new Rng(1) });
    expect(y.length).toBe(64);
    expect(plainSignalError(problem.A, y, problem.truth)).toBeLessThan(0.6);
  });

  it('Wirtinger flow recovers a complex Gaussian signal from m = 8n complex Gaussian measurements', () => {
    for (const seed of [10, 11]) {
      const { problem } = complexSignalInstance({ measurement: 'complex-gaussian', n: 32, m: 256, seed });
      const r = wirtingerFlow.solve(problem, { seed });
      expect(plainSignalError(problem.A, r.estimate, problem.truth), `seed ${seed}`).toBeLessThan(1e-5);
    }
  });

  it('Wirtinger flow recovers a 64 × 64 complex image from L = 6 coded diffraction patterns', () => {
    const { problem } = complexSignalInstance({ measurement: 'cdp:6', n: 4096, shape: [64, 64], seed: 12 });
    const r = wirtingerFlow.solve(problem, { seed: 12 });
    expect(r.iterations).toBeLessThan(1000);
    expect(plainSignalError(problem.A, r.estimate, problem.truth)).toBeLessThan(1e-5);
  }, 60_000);
});
