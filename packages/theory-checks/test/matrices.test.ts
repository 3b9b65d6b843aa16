import { describe, expect, it } from 'vitest';
import { ArgumentError, Rng, type Mat, type Vec } from '@dpr/linalg';
import { applyM, applyPhi, applyQ, pairGeometry, phiMatrix, qMatrix, swapMatrix } from '../src/index.js';

const v = (...a: number[]) => Float64Array.from(a);
const matvec = (M: Mat, u: ArrayLike<number>): Vec => {
  const out = new Float64Array(M.rows);
  for (let i = 0; i < M.rows; i++) for (let j = 0; j < M.cols; j++) out[i] = (out[i] as number) + (M.data[i * M.cols + j] as number) * (u[j] as number);
  return out;
};
const unit = (x: Vec) => x.map((t) => t / Math.hypot(...x));
const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (t, i) => Math.abs(t - (b[i] as number))));

describe('M_{x̂↔ŷ}', () => {
  it('sends x̂ ↦ ŷ, ŷ ↦ x̂ and is 0 on span{x, y}⊥ (generic pair in R^5)', () => {
    const rng = new Rng(1);
    const x = rng.gaussianVec(5), y = rng.gaussianVec(5);
    const M = swapMatrix(x, y);
    expect(maxAbs(matvec(M, unit(x)), unit(y))).toBeLessThan(1e-12);
    expect(maxAbs(matvec(M, unit(y)), unit(x))).toBeLessThan(1e-12);
    // a vector orthogonal to x and y
    let z = rng.gaussianVec(5);
    for (const b of [unit(x), unit(y.map((t, i) => t - (unit(x)[i] as number) * unit(x).reduce((s, q, j) => s + q * (y[j] as number), 0)))]) {
      const c = z.reduce((s, q, i) => s + q * (b[i] as number), 0);
      z = z.map((q, i) => q - c * (b[i] as number));
    }
    expect(Math.max(...matvec(M, z).map(Math.abs))).toBeLessThan(1e-12);
    // symmetric, and M² = identity on span{x, y}
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) expect(M.data[i * 5 + j]).toBeCloseTo(M.data[j * 5 + i] as number, 14);
    expect(maxAbs(matvec(M, matvec(M, unit(x))), unit(x))).toBeLessThan(1e-12);
  });

  it('equals the rotated 2 × 2 block [[cos θ, sin θ], [sin θ, −cos θ]] in R²', () => {
    const t = 1.1;
    const M = swapMatrix(v(1, 0), v(Math.cos(t), Math.sin(t)));
    expect(maxAbs(M.data, [Math.cos(t), Math.sin(t), Math.sin(t), -Math.cos(t)])).toBeLessThan(1e-15);
  });

  it('is x̂x̂ᵀ at θ = 0 and −x̂x̂ᵀ at θ = π', () => {
    const x = v(3, 4, 0);
    const xh = unit(x);
    const outer = Array.from({ length: 9 }, (_, i) => (xh[Math.floor(i / 3)] as number) * (xh[i % 3] as number));
    expect(maxAbs(swapMatrix(x, v(6, 8, 0)).data, outer)).toBeLessThan(1e-15);
    expect(maxAbs(swapMatrix(x, v(-0.3, -0.4, 0)).data, outer.map((t) => -t))).toBeLessThan(1e-15);
    const g = pairGeometry(x, v(-3, -4, 0));
    expect(g.theta).toBe(Math.PI);
    expect(g.e2).toBeNull();
  });

  it('applyM / applyQ / applyPhi agree with the dense matrices', () => {
    const rng = new Rng(2);
    const x = rng.gaussianVec(6), y = rng.gaussianVec(6), u = rng.gaussianVec(6);
    const g = pairGeometry(x, y);
    expect(maxAbs(applyM(g, u), matvec(swapMatrix(x, y), u))).toBeLessThan(1e-13);
    expect(maxAbs(applyQ(g, u), matvec(qMatrix(x, y), u))).toBeLessThan(1e-13);
    expect(maxAbs(applyPhi(g, u), matvec(phiMatrix(x, y), u))).toBeLessThan(1e-13);
  });

  it('computes θ accurately near 0 and π', () => {
    expect(pairGeometry(v(1, 0), v(1, 1e-9)).theta).toBeCloseTo(1e-9, 20);
    expect(Math.PI - pairGeometry(v(1, 0), v(-1, 1e-9)).theta).toBeCloseTo(1e-9, 15); // π itself is rounded to 4e-16
  });

  it('rejects zero, non-finite and mismatched vectors with ArgumentError', () => {
    expect(() => swapMatrix(v(0, 0), v(1, 0))).toThrow(ArgumentError);
    expect(() => qMatrix(v(1, 0), v(0, 0))).toThrow(ArgumentError);
    expect(() => phiMatrix(v(1, Number.NaN), v(1, 0))).toThrow(ArgumentError);
    expect(() => qMatrix(v(1, 0), v(1, 0, 0))).toThrow(ArgumentError);
    expect(() => swapMatrix([1, 0] as unknown as Float64Array, v(1, 0))).toThrow(ArgumentError);
  });
});

describe('Q_{x,y} and Φ_{z,w}', () => {
  it('Q is I/2 at θ = 0, 0 at θ = π, (1/4) I + M/(2π) at θ = π/2', () => {
    expect(maxAbs(qMatrix(v(1, 2), v(2, 4)).data, [0.5, 0, 0, 0.5])).toBeLessThan(1e-15);
    expect(maxAbs(qMatrix(v(1, 2), v(-2, -4)).data, [0, 0, 0, 0])).toBeLessThan(1e-15);
    expect(maxAbs(qMatrix(v(1, 0), v(0, 1)).data, [0.25, 1 / (2 * Math.PI), 1 / (2 * Math.PI), 0.25])).toBeLessThan(1e-15);
  });

  it('Φ is I at θ = 0, −I at θ = π, (2/π) M at θ = π/2', () => {
    expect(maxAbs(phiMatrix(v(1, 2, 3), v(2, 4, 6)).data, [1, 0, 0, 0, 1, 0, 0, 0, 1])).toBeLessThan(1e-15);
    expect(maxAbs(phiMatrix(v(1, 2, 3), v(-1, -2, -3)).data, [-1, 0, 0, 0, -1, 0, 0, 0, -1])).toBeLessThan(1e-15);
    expect(maxAbs(phiMatrix(v(1, 0), v(0, 1)).data, [0, 2 / Math.PI, 2 / Math.PI, 0])).toBeLessThan(1e-15);
  });

  it('Q and Φ are continuous at θ → 0 and θ → π although M is not', () => {
    const q0 = qMatrix(v(1, 0), v(1, 1e-8)), qpi = qMatrix(v(1, 0), v(-1, 1e-8));
    expect(maxAbs(q0.data, [0.5, 0, 0, 0.5])).toBeLessThan(1e-8);
    expect(maxAbs(qpi.data, [0, 0, 0, 0])).toBeLessThan(1e-8);
    expect(maxAbs(phiMatrix(v(1, 0), v(-1, 1e-8)).data, [-1, 0, 0, -1])).toBeLessThan(1e-7);
  });

  it('E[W_{+,x}ᵀ W_{+,y}] ≈ Q_{x,y} for W iid N(0, 1/n) (Monte Carlo, n = 40000)', () => {
    const n = 40000, k = 3;
    const rng = new Rng(3);
    const W = rng.gaussianVec(n * k, 1 / Math.sqrt(n));
    for (const [x, y] of [[v(1, 0, 0), v(0.3, 1, -0.2)], [v(1, 1, 0), v(1, 1, 0)], [v(1, -1, 2), v(-1, 1, -2)], [v(1, 0, 0), v(-1, 0.2, 0.1)]] as const) {
      const S = new Float64Array(k * k);
      for (let i = 0; i < n; i++) {
        const w = W.subarray(i * k, i * k + k);
        const a = w.reduce((s, t, j) => s + t * (x[j] as number), 0), b = w.reduce((s, t, j) => s + t * (y[j] as number), 0);
        if (a > 0 && b > 0) for (let p = 0; p < k; p++) for (let q = 0; q < k; q++) S[p * k + q] = (S[p * k + q] as number) + (w[p] as number) * (w[q] as number);
      }
      expect(maxAbs(S, qMatrix(x, y).data)).toBeLessThan(0.025);
    }
  });

  it('E[A_zᵀ A_w] ≈ Φ_{z,w} for A iid N(0, 1/m) (Monte Carlo, m = 40000)', () => {
    const m = 40000, n = 3;
    const rng = new Rng(4);
    const A = rng.gaussianVec(m * n, 1 / Math.sqrt(m));
    for (const [z, w] of [[v(1, 0, 0), v(0.3, 1, -0.2)], [v(1, 1, 0), v(2, 2, 0)], [v(1, -1, 2), v(-1, 1, -2)]] as const) {
      const S = new Float64Array(n * n);
      for (let i = 0; i < m; i++) {
        const a = A.subarray(i * n, i * n + n);
        const s = Math.sign(a.reduce((t, q, j) => t + q * (z[j] as number), 0)) * Math.sign(a.reduce((t, q, j) => t + q * (w[j] as number), 0));
        for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) S[p * n + q] = (S[p * n + q] as number) + s * (a[p] as number) * (a[q] as number);
      }
      expect(maxAbs(S, phiMatrix(z, w).data)).toBeLessThan(0.04);
    }
  });
});
