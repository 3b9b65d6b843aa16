import { describe, expect, it } from 'vitest';
import { Fft2Plan, FftPlan, Rng, ShapeError, ArgumentError, naiveDft2 } from '../src/index.js';

/** The textbook O(n²) DFT, X_k = Σ_j x_j e^{sign·2πi jk/n}. */
function naiveDft(re: Float64Array, im: Float64Array, sign: 1 | -1): { re: Float64Array; im: Float64Array } {
  const n = re.length;
  const outRe = new Float64Array(n), outIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let sr = 0, si = 0;
    for (let j = 0; j < n; j++) {
      const t = (sign * 2 * Math.PI * ((j * k) % n)) / n;
      const c = Math.cos(t), s = Math.sin(t);
      sr += re[j]! * c - im[j]! * s;
      si += re[j]! * s + im[j]! * c;
    }
    outRe[k] = sr;
    outIm[k] = si;
  }
  return { re: outRe, im: outIm };
}

function worst(a: Float64Array, b: Float64Array): number {
  let w = 0;
  for (let i = 0; i < a.length; i++) w = Math.max(w, Math.abs(a[i]! - b[i]!));
  return w;
}

describe('FftPlan', () => {
  for (const n of [1, 2, 3, 4, 5, 7, 8, 12, 16, 17, 30, 64, 97, 100, 128, 243, 256, 1000]) {
    it(`n = ${n}: forward and inverse match the naive DFT`, () => {
      const rng = new Rng(n);
      const re = rng.gaussianVec(n), im = rng.gaussianVec(n);
      const plan = new FftPlan(n);
      expect(plan.algorithm).toBe((n & (n - 1)) === 0 ? 'radix-2' : 'bluestein');
      const tol = 1e-12 * n * Math.sqrt(Math.log2(n + 1) + 1) * 4;
      for (const sign of [-1, 1] as const) {
        const want = naiveDft(re, im, sign);
        const r = re.slice(), i = im.slice();
        if (sign === -1) plan.forward(r, i);
        else plan.inverse(r, i);
        expect(worst(r, want.re)).toBeLessThanOrEqual(tol);
        expect(worst(i, want.im)).toBeLessThanOrEqual(tol);
      }
      const r = re.slice(), i = im.slice();
      plan.forward(r, i);
      plan.inverse(r, i);
      for (let j = 0; j < n; j++) {
        expect(r[j]! / n).toBeCloseTo(re[j]!, 10);
        expect(i[j]! / n).toBeCloseTo(im[j]!, 10);
      }
    });
  }

  it('rejects bad lengths with typed errors', () => {
    expect(() => new FftPlan(0)).toThrow(ArgumentError);
    expect(() => new FftPlan(2.5)).toThrow(/n/);
    expect(() => new FftPlan(4).forward(new Float64Array(3), new Float64Array(4))).toThrow(ShapeError);
    expect(() => new FftPlan(4).inverse(new Float64Array(4), new Float64Array(5))).toThrow(ShapeError);
  });
});

describe('Fft2Plan', () => {
  for (const [H, W] of [[4, 8], [5, 3], [6, 16], [9, 10]] as const) {
    it(`${H} x ${W}: equals the separable naive 2-D DFT`, () => {
      const rng = new Rng(H * 100 + W);
      const re = rng.gaussianVec(H * W), im = rng.gaussianVec(H * W);
      const { re: wantRe, im: wantIm } = naiveDft2(re, im, H, W);
      const plan = new Fft2Plan(H, W);
      const r = re.slice(), i = im.slice();
      plan.forward(r, i);
      expect(worst(r, wantRe)).toBeLessThanOrEqual(1e-11 * H * W);
      expect(worst(i, wantIm)).toBeLessThanOrEqual(1e-11 * H * W);
      plan.inverse(r, i);
      expect(worst(r.map((v) => v / (H * W)), re)).toBeLessThanOrEqual(1e-12 * H * W);
      expect(() => plan.forward(new Float64Array(H * W + 1), new Float64Array(H * W + 1))).toThrow(ShapeError);
    });
  }
});
