import { describe, expect, it } from 'vitest';
import { ArgumentError, Rng, type Vec } from '@dpr/linalg';
import { ReluNetwork } from '@dpr/generative-prior';
import { qMatrix, symmetricSpectralNorm, wdc, wdcDeviation, wdcNetwork } from '../src/index.js';

/** ‖W_{+,x}ᵀW_{+,y} − Q‖₂ the slow way: explicit masked matrices, then the exact norm. */
function direct(W: Float64Array, n: number, k: number, x: Vec, y: Vec): number {
  const B = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    const w = W.subarray(i * k, (i + 1) * k);
    const ax = w.reduce((s, t, j) => s + t * (x[j] as number), 0) > 0 ? 1 : 0;
    const ay = w.reduce((s, t, j) => s + t * (y[j] as number), 0) > 0 ? 1 : 0;
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) B[a * k + b] = (B[a * k + b] as number) + ax * (w[a] as number) * ay * (w[b] as number);
  }
  const Q = qMatrix(x, y).data;
  const D = B.map((t, i) => t - (Q[i] as number));
  return symmetricSpectralNorm((u, out) => {
    for (let a = 0; a < k; a++) out[a] = D.subarray(a * k, (a + 1) * k).reduce((s, t, b) => s + t * (u[b] as number), 0);
  }, k, { steps: k }).value;
}

describe('WDC', () => {
  it('wdcDeviation equals the definition computed with explicit masked matrices (generic, aligned, antipodal)', () => {
    const n = 200, k = 5;
    const rng = new Rng(1);
    const W = rng.gaussianVec(n * k, 1 / Math.sqrt(n));
    const x = rng.gaussianVec(k), y = rng.gaussianVec(k);
    for (const [a, b] of [[x, y], [x, x], [x, x.map((t) => -2 * t)]] as const) {
      expect(wdcDeviation(W, n, k, a, b)).toBeCloseTo(direct(W, n, k, a, b), 12);
    }
  });

  it('the operator (Lanczos) path for k > 64 agrees with the dense path', () => {
    const n = 300, k = 70;
    const rng = new Rng(2);
    const W = rng.gaussianVec(n * k, 1 / Math.sqrt(n));
    const x = rng.gaussianVec(k), y = rng.gaussianVec(k);
    expect(wdcDeviation(W, n, k, x, y)).toBeCloseTo(direct(W, n, k, x, y), 6);
  });

  it('ε decreases with n on seeded Gaussian matrices, like sqrt(k/n)', () => {
    const k = 4;
    const eps = [100, 800, 6400].map((n) => wdc(new Rng(n).gaussianVec(n * k, 1 / Math.sqrt(n)), n, k, { seed: 3, pairs: 60, search: 150 }));
    expect(eps[0]!.value).toBeGreaterThan(eps[1]!.value);
    expect(eps[1]!.value).toBeGreaterThan(eps[2]!.value);
    // a factor 64 in n: about a factor 8 in ε
    expect(eps[0]!.value / eps[2]!.value).toBeGreaterThan(4);
    for (const r of eps) {
      expect(r.value / r.reference).toBeGreaterThan(0.5);
      expect(r.value / r.reference).toBeLessThan(5);
      expect(r.note).toBeUndefined();
      // the reported value is attained by the reported pair
      expect(wdcDeviation(new Rng(r.n).gaussianVec(r.n * k, 1 / Math.sqrt(r.n)), r.n, k, r.worstPair.x, r.worstPair.y)).toBeCloseTo(r.value, 12);
    }
  });

  it('the search only improves on the seeds, and is deterministic', () => {
    const n = 300, k = 6;
    const W = new Rng(4).gaussianVec(n * k, 1 / Math.sqrt(n));
    const seedsOnly = wdc(W, n, k, { seed: 5, search: 0 });
    const searched = wdc(W, n, k, { seed: 5 });
    expect(searched.value).toBeGreaterThanOrEqual(seedsOnly.value);
    expect(seedsOnly.method).not.toBe('search');
    expect(wdc(W, n, k, { seed: 5 }).value).toBe(searched.value);
    expect(searched.evaluations).toBe(200 + 4 * 16 + 400);
  });

  it('rescales N(0, 1) weights to N(0, 1/n) with a note (same ε as pre-scaled weights)', () => {
    const n = 400, k = 3;
    const W1 = new Rng(6).gaussianVec(n * k);
    const r = wdc(W1, n, k, { seed: 1, search: 50 });
    expect(r.note).toMatch(/rescaled/);
    expect(r.scale.factor).toBeCloseTo(1 / Math.sqrt(n), 2);
    const pre = wdc(W1.map((t) => t * r.scale.factor), n, k, { seed: 1, search: 50 });
    expect(pre.note).toBeUndefined();
    expect(pre.value).toBeCloseTo(r.value, 10);
    expect(wdc(W1, n, k, { seed: 1, search: 10, rescale: 'never' }).note).toMatch(/not rescaled/);
  });

  it('wdcNetwork judges each layer with its own n_i', () => {
    const G = ReluNetwork.random({ dims: [3, 60, 120], seed: 7, scale: 'unit' });
    const r = wdcNetwork(G, { pairs: 20, search: 20, alignedSeeds: 4 });
    expect(r.layers.map((l) => [l.layer, l.n, l.k])).toEqual([[1, 60, 3], [2, 120, 60]]);
    expect(r.notes).toHaveLength(2); // N(0, 1) weights: both rescaled
    expect(r.notes[1]).toMatch(/^layer 2: W_2:/);
    expect(r.value).toBe(Math.max(...r.layers.map((l) => l.value)));
  });

  it('rejects bad input with ArgumentError', () => {
    const W = new Float64Array(12).fill(0.1);
    expect(() => wdc(W, 4, 4)).toThrow(ArgumentError);
    expect(() => wdc(W, 0, 3)).toThrow(ArgumentError);
    expect(() => wdc(W.map(() => Number.NaN), 4, 3)).toThrow(ArgumentError);
    expect(() => wdc(W, 4, 3, { pairs: -1 })).toThrow(ArgumentError);
    expect(() => wdc(W, 4, 3, { rescale: 'sometimes' as never })).toThrow(ArgumentError);
    expect(() => wdc(new Float64Array(12), 4, 3)).toThrow(ArgumentError); // all-zero W has no scale
    expect(() => wdcDeviation(W, 4, 3, new Float64Array(3), new Float64Array([1, 0, 0]))).toThrow(ArgumentError);
    expect(() => wdcNetwork({} as never)).toThrow(ArgumentError);
  });
});
