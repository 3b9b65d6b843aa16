import { describe, expect, it } from 'vitest';
import { ArgumentError, Rng } from '@dpr/linalg';
import { ReluNetwork } from '@dpr/generative-prior';
import { gaussianMeasurements } from '@dpr/phase-retrieval';
import {
  angleMap, angleRecursion, expectedAmplitudeLoss, expectedGradient, expectedLandscapeGrid, expectedObjective, magnitudeCorrelation, rho,
} from '../src/index.js';

const v = (...a: number[]) => Float64Array.from(a);
const angle = (a: Float64Array, b: Float64Array) => Math.acos(a.reduce((s, t, i) => s + t * (b[i] as number), 0) / (Math.hypot(...a) * Math.hypot(...b)));

describe('angle recursion θ̄_i = g(θ̄_{i−1})', () => {
  it('g(0) = 0, g(π) = π/2, g(π/2) = arccos(1/π), g(θ) < θ', () => {
    expect(angleMap(0)).toBe(0);
    expect(angleMap(Math.PI)).toBeCloseTo(Math.PI / 2, 15);
    expect(angleMap(Math.PI / 2)).toBeCloseTo(Math.acos(1 / Math.PI), 15);
    for (let t = 0.1; t < Math.PI; t += 0.1) expect(angleMap(t)).toBeLessThan(t);
    const th = angleRecursion(Math.PI, 50);
    expect(th[0]).toBe(Math.PI);
    for (let i = 1; i <= 50; i++) expect(th[i]).toBeLessThan(th[i - 1] as number);
    expect(th[50]).toBeLessThan(0.2); // → 0 like 3π/d
  });

  it('matches the angle between G(x) and G(x0) of a wide random network (N(0, 1/n_i) weights)', () => {
    const G = ReluNetwork.random({ dims: [4, 3000, 3000, 3000], seed: 5, scale: 'fan-in' });
    const x = v(1, 0.5, -0.3, 0), x0 = v(-0.8, 0.4, 0.1, 0.2);
    const gx = G.forward(x), g0 = G.forward(x0);
    expect(angle(gx, g0)).toBeCloseTo(angleRecursion(angle(x, x0), 3)[3] as number, 1);
    // ‖G(x)‖ = ‖x‖ / 2^{d/2}
    expect(Math.hypot(...gx) / (Math.hypot(...x) / 2 ** 1.5)).toBeCloseTo(1, 1);
  });

  it('rejects angles outside [0, π] and negative depths', () => {
    expect(() => angleMap(4)).toThrow(ArgumentError);
    expect(() => angleRecursion(1, -1)).toThrow(ArgumentError);
    expect(() => angleRecursion(1, 1.5)).toThrow(ArgumentError);
  });
});

describe('expected objective (closed form)', () => {
  it('E|g·z||g·w| = (2/π)‖z‖‖w‖ψ(φ): E_A ½‖|Az| − |Aw|‖² against Monte Carlo over A', () => {
    const n = 3, m = 200000;
    const A = gaussianMeasurements({ m, n, seed: 9, scale: 'inverse-m' });
    for (const [z, w] of [[v(1, 0, 0), v(0.5, 1, 0)], [v(1, 2, 3), v(-1, 0.5, 0)], [v(1, 1, 1), v(-2, -2, -2)]] as const) {
      const a = A.apply(z), b = A.apply(w);
      let f = 0;
      for (let j = 0; j < m; j++) f += 0.5 * (Math.abs(a[j] as number) - Math.abs(b[j] as number)) ** 2;
      expect(Math.abs(f / expectedAmplitudeLoss(z, w) - 1)).toBeLessThan(0.02);
    }
    expect(magnitudeCorrelation(0)).toBeCloseTo(Math.PI / 2, 15);
    expect(magnitudeCorrelation(Math.PI)).toBeCloseTo(Math.PI / 2, 15);
    expect(expectedAmplitudeLoss(v(1, 2), v(-1, -2))).toBeCloseTo(0, 14);
  });

  it('agrees with Monte-Carlo averages of f over random networks and A (within 5% of the local scale of f)', () => {
    const x0 = v(1, 0, 0), d = 2;
    const pts = [v(0, 0, 0), v(0.5, 0.5, 0), v(-0.7, 0, 0), v(-1, 1, 0), v(0, 1, 0), v(1.5, 0, 0.5), v(-0.3, -0.3, 0.6)];
    const S = 24, mean = new Float64Array(pts.length);
    for (let s = 0; s < S; s++) {
      const G = ReluNetwork.random({ dims: [3, 300, 600], seed: 100 + s, scale: 'fan-in' });
      const A = gaussianMeasurements({ m: 1000, n: 600, seed: 200 + s, scale: 'inverse-m' });
      const b = A.apply(G.forward(x0)).map(Math.abs);
      pts.forEach((p, i) => {
        const y = A.apply(G.forward(p));
        let f = 0;
        for (let j = 0; j < y.length; j++) f += 0.5 * (Math.abs(y[j] as number) - (b[j] as number)) ** 2;
        mean[i] = (mean[i] as number) + f / S;
      });
    }
    const f0 = expectedObjective(v(0, 0, 0), x0, d);
    expect(f0).toBeCloseTo(1 / 8, 15);
    // f scales like (‖x‖² + ‖x0‖²)/2^{d+1}: compare relative to that
    pts.forEach((p, i) => {
      const local = (p.reduce((s, t) => s + t * t, 0) + 1) / 2 ** (d + 1);
      expect(Math.abs((mean[i] as number) - expectedObjective(p, x0, d)) / local).toBeLessThan(0.05);
    });
  });

  it('has the landscape of Figure 1: f̄(x0) = 0, origin a local maximum, lower near x0 than near −ρ_d x0', () => {
    const x0 = v(1, 0);
    for (const d of [1, 2, 3, 5]) {
      expect(expectedObjective(x0, x0, d)).toBeCloseTo(0, 15);
      const f0 = expectedObjective(v(0, 0), x0, d);
      for (let a = 0; a < 2 * Math.PI; a += 0.3) expect(expectedObjective(v(0.01 * Math.cos(a), 0.01 * Math.sin(a)), x0, d)).toBeLessThan(f0);
      const r = rho(d);
      const fNeg = expectedObjective(v(-r, 0), x0, d);
      expect(fNeg).toBeGreaterThan(0);
      expect(fNeg).toBeCloseTo((0.5 * (1 - r * r)) / 2 ** d, 14);
      // −ρ_d x0 is the minimum along the −x0 ray (radially)
      for (const e of [-0.1, -0.01, 0.01, 0.1]) expect(expectedObjective(v(-r + e, 0), x0, d)).toBeGreaterThan(fNeg);
    }
  });

  it('−ρ_d x0 is a degenerate critical point: along ‖x‖ = ρ_d‖x0‖, f̄ decreases away from −x0 (order δ³ for d ≥ 2)', () => {
    const x0 = v(1, 0);
    const onCircle = (d: number, delta: number) => {
      const r = rho(d);
      return expectedObjective(v(-r * Math.cos(delta), r * Math.sin(delta)), x0, d);
    };
    for (const d of [1, 2, 3, 5]) {
      const f = onCircle(d, 0);
      for (const delta of [0.3, 0.6, 1, 2]) expect(onCircle(d, delta)).toBeLessThan(f);
    }
    // cubic onset for d = 2: halving δ divides the decrease by ≈ 8; slope ≈ 0.00183 δ³ (README)
    const drop = (delta: number) => onCircle(2, 0) - onCircle(2, delta);
    expect(drop(0.1) / drop(0.05)).toBeCloseTo(8, 1);
    expect(drop(0.05) / 0.05 ** 3).toBeCloseTo(0.00183, 4);
  });

  it('h_{x,x0} (expectedGradient) is the gradient of f̄ and vanishes at −ρ_d x0', () => {
    const rng = new Rng(7);
    const x0 = v(0.6, -0.8, 0.3);
    for (const d of [1, 2, 4]) {
      for (let t = 0; t < 5; t++) {
        const x = rng.gaussianVec(3);
        const h = expectedGradient(x, x0, d);
        for (let i = 0; i < 3; i++) {
          const e = 1e-6;
          const xp = x.slice(), xm = x.slice();
          xp[i] = (xp[i] as number) + e;
          xm[i] = (xm[i] as number) - e;
          expect(h[i]).toBeCloseTo((expectedObjective(xp, x0, d) - expectedObjective(xm, x0, d)) / (2 * e), 7);
        }
      }
      const hNeg = expectedGradient(x0.map((t) => -rho(d) * t), x0, d);
      expect(Math.hypot(...hNeg)).toBeLessThan(1e-14);
    }
  });

  it('grid for Figure 1 and bad inputs', () => {
    const g = expectedLandscapeGrid({ d: 2, size: 5, extent: 2 });
    expect(Array.from(g.xs)).toEqual([-2, -1, 0, 1, 2]);
    expect(g.values[2 * 5 + 3]).toBeCloseTo(0, 15); // (1, 0) = x0
    expect(g.values[2 * 5 + 2]).toBeCloseTo(1 / 8, 15); // origin
    expect(() => expectedLandscapeGrid({ size: 1 })).toThrow(ArgumentError);
    expect(() => expectedObjective(v(1, 0), v(0, 0), 2)).toThrow(ArgumentError);
    expect(() => expectedObjective(v(1, 0, 0), v(1, 0), 2)).toThrow(ArgumentError);
    expect(() => expectedGradient(v(0, 0), v(1, 0), 2)).toThrow(ArgumentError);
  });
});
