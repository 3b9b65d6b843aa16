import { describe, expect, it } from 'vitest';
import { ArgumentError, Rng, type Vec } from '@dpr/linalg';
import { ReluNetwork } from '@dpr/generative-prior';
import { gaussianMeasurements } from '@dpr/phase-retrieval';
import { phiDeviationNorm, phiMatrix, rrcp, rrcpRatio, symmetricSpectralNorm } from '../src/index.js';

/** Dense A_zᵀA_w − Φ_{z,w} for a row-major A (m × n). */
function denseDeviation(A: Float64Array, m: number, n: number, z: Vec, w: Vec): Float64Array {
  const B = new Float64Array(n * n);
  for (let j = 0; j < m; j++) {
    const a = A.subarray(j * n, (j + 1) * n);
    const s = Math.sign(a.reduce((t, q, i) => t + q * (z[i] as number), 0)) * Math.sign(a.reduce((t, q, i) => t + q * (w[i] as number), 0));
    for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) B[p * n + q] = (B[p * n + q] as number) + s * (a[p] as number) * (a[q] as number);
  }
  const P = phiMatrix(z, w).data;
  return B.map((t, i) => t - (P[i] as number));
}

describe('RRCP', () => {
  const G = ReluNetwork.random({ dims: [3, 20, 40], seed: 1, scale: 'fan-in' });
  const m = 120, n = 40;
  const A = gaussianMeasurements({ m, n, seed: 2, scale: 'inverse-m' });
  const Adata = A.matrix.toFloat64Array();

  it('rrcpRatio equals |⟨(A_zᵀA_w − Φ)u, v⟩|/(‖u‖‖v‖) computed densely', () => {
    const rng = new Rng(3);
    const t = { x: rng.gaussianVec(3), y: rng.gaussianVec(3), x1: rng.gaussianVec(3), x2: rng.gaussianVec(3), x3: rng.gaussianVec(3), x4: new Float64Array(3) };
    const z = G.forward(t.x), w = G.forward(t.y);
    const u = G.forward(t.x1).map((q, i) => q - (G.forward(t.x2)[i] as number));
    const v = G.forward(t.x3).map((q, i) => q - (G.forward(t.x4)[i] as number));
    const D = denseDeviation(Adata, m, n, z, w);
    let num = 0;
    for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) num += (v[p] as number) * (D[p * n + q] as number) * (u[q] as number);
    expect(rrcpRatio(A, G, t)).toBeCloseTo(Math.abs(num) / (Math.hypot(...u) * Math.hypot(...v)), 12);
  });

  it('phiDeviationNorm equals the dense spectral norm (steps = n: exact)', () => {
    const rng = new Rng(4);
    const z = rng.gaussianVec(n), w = rng.gaussianVec(n);
    const D = denseDeviation(Adata, m, n, z, w);
    const exact = symmetricSpectralNorm((u, out) => {
      for (let p = 0; p < n; p++) out[p] = D.subarray(p * n, (p + 1) * n).reduce((s, q, i) => s + q * (u[i] as number), 0);
    }, n, { steps: n }).value;
    expect(phiDeviationNorm(A, z, w, { steps: n }).value).toBeCloseTo(exact, 10);
  });

  it('the range-restricted quantity decreases with m and sits below the full-matrix proxy', () => {
    const vals = [100, 800, 6400].map((mm) => rrcp(gaussianMeasurements({ m: mm, n, seed: mm, scale: 'inverse-m' }), G, { seed: 5, pairs: 12, search: 40 }));
    expect(vals[0]!.value).toBeGreaterThan(vals[1]!.value);
    expect(vals[1]!.value).toBeGreaterThan(vals[2]!.value);
    expect(vals[0]!.value / vals[2]!.value).toBeGreaterThan(3);
    for (const r of vals) {
      expect(r.value).toBeLessThanOrEqual(r.fullMatrix!.value + 1e-12);
      expect(r.epsilon).toBeCloseTo(r.value / 31, 15);
      expect(r.note).toBeUndefined();
      // the reported value is attained by the reported tuple
      expect(rrcpRatio(gaussianMeasurements({ m: r.m, n, seed: r.m, scale: 'inverse-m' }), G, r.worst)).toBeCloseTo(r.value, 10);
    }
  });

  it('rescales an N(0, 1) A to N(0, 1/m) with a note (same value as the pre-scaled A)', () => {
    const unitA = gaussianMeasurements({ m, n, seed: 2, scale: 'unit' });
    const r = rrcp(unitA, G, { seed: 6, pairs: 6, search: 10 });
    expect(r.note).toMatch(/rescaled/);
    expect(r.scale.factor).toBeCloseTo(1 / Math.sqrt(m), 2);
    const scaled = rrcp(gaussianMeasurements({ m, n, seed: 2, scale: 'unit' }), G, { seed: 6, pairs: 6, search: 10, rescale: 'never' });
    expect(scaled.note).toMatch(/not rescaled/);
    expect(scaled.value).toBeGreaterThan(10 * r.value); // unscaled, A_zᵀA_w ≈ m Φ
  });

  it('rejects bad input with ArgumentError', () => {
    const other = ReluNetwork.random({ dims: [3, 10, 30], seed: 1 });
    expect(() => rrcp(A, other)).toThrow(ArgumentError);
    expect(() => rrcp({} as never, G)).toThrow(ArgumentError);
    expect(() => rrcp(A, G, { pairs: 0 })).toThrow(ArgumentError);
    expect(() => rrcpRatio(A, G, { x: new Float64Array(2), y: new Float64Array(3), x1: new Float64Array(3), x2: new Float64Array(3), x3: new Float64Array(3), x4: new Float64Array(3) })).toThrow(ArgumentError);
  });
});
