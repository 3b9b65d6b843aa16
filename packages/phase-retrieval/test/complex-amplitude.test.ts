/**
 * The complex amplitude objective: its gradient matches finite differences for real and complex
 * signals, on a dense and on an FFT-based (CDP) operator; f = 0 at the truth.
 */
import { describe, expect, it } from 'vitest';
import { Rng, type CVec } from '@dpr/linalg';
import { complexAmplitudeObjective, createMeasurements, measurementMagnitudes } from '../src/index.js';

describe('complexAmplitudeObjective', () => {
  for (const spec of ['complex-gaussian', 'cdp:3'] as const) {
    it(`${spec}: gradient = finite differences (real y: Re(A^H r); complex y: A^H r); f(truth) = 0`, () => {
      const n = 12;
      const A = createMeasurements(spec, { n, ...(spec === 'cdp:3' ? {} : { m: 40 }), seed: 2 });
      const rng = new Rng(3);
      const truth = rng.gaussianVec(n);
      const b = measurementMagnitudes(A, truth);
      expect(complexAmplitudeObjective(A, truth, b).f).toBeLessThan(1e-20 * b.reduce((s, v) => s + v * v, 0) + 1e-24);
      const y = rng.gaussianVec(n);
      const { f, grad } = complexAmplitudeObjective(A, y, b);
      const h = 1e-6;
      for (let j = 0; j < n; j++) {
        const yp = y.slice(), ym = y.slice();
        yp[j]! += h;
        ym[j]! -= h;
        const fd = (complexAmplitudeObjective(A, yp, b).f - complexAmplitudeObjective(A, ym, b).f) / (2 * h);
        expect(Math.abs((grad as Float64Array)[j]! - fd)).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(fd)));
      }
      const yc: CVec = { re: rng.gaussianVec(n), im: rng.gaussianVec(n) };
      const gc = complexAmplitudeObjective(A, yc, b).grad as CVec;
      for (const part of ['re', 'im'] as const) {
        for (let j = 0; j < n; j += 3) {
          const p = { re: yc.re.slice(), im: yc.im.slice() }, q = { re: yc.re.slice(), im: yc.im.slice() };
          p[part][j]! += h;
          q[part][j]! -= h;
          const fd = (complexAmplitudeObjective(A, p, b).f - complexAmplitudeObjective(A, q, b).f) / (2 * h);
          expect(Math.abs(gc[part][j]! - fd)).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(fd)));
        }
      }
      expect(f).toBeGreaterThan(0);
      expect(() => complexAmplitudeObjective(createMeasurements('gaussian', { m: 4, n: 3, seed: 1 }), new Float64Array(3), new Float64Array(4))).toThrow(/complex/);
    });
  }
});
