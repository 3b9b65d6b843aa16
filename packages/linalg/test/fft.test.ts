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

const IMPLEMENTATIONS = ['wasm', 'js'] as const;
/** Powers of two (odd and even exponents), 2·3·5-smooth, small odd primes (generic radix), large primes (Bluestein) and mixes. */
const LENGTHS = [1, 2, 3, 4, 5, 7, 8, 12, 16, 17, 30, 32, 64, 97, 100, 121, 128, 243, 256, 360, 1000, 1009, 1024, 2310, 4095];

/** What the wasm plan must pick: direct passes for small prime factors, Bluestein for large ones (in between, its cost model decides). */
function wasmAlgorithm(n: number): string | undefined {
  let largest = 1;
  for (let p = 2, v = n; v > 1; p++) while (v % p === 0) ((largest = p), (v /= p));
  return largest <= 13 ? 'mixed-radix' : largest >= 200 ? 'bluestein' : undefined;
}

describe.each(IMPLEMENTATIONS)('FftPlan (%s)', (implementation) => {
  for (const n of LENGTHS) {
    if (implementation === 'js' && n > 1024) continue;
    it(`n = ${n}: forward and inverse match the naive DFT`, () => {
      const rng = new Rng(n);
      const re = rng.gaussianVec(n), im = rng.gaussianVec(n);
      const plan = new FftPlan(n, { implementation });
      expect(plan.implementation).toBe(implementation);
      const algorithm = implementation === 'js' ? ((n & (n - 1)) === 0 ? 'radix-2' : 'bluestein') : wasmAlgorithm(n);
      if (algorithm) expect(plan.algorithm).toBe(algorithm);
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

  it('transforms a batch of consecutive items as one transform each', () => {
    const n = 30, count = 3, rng = new Rng(5);
    const re = rng.gaussianVec(n * count), im = rng.gaussianVec(n * count);
    const plan = new FftPlan(n, { implementation });
    const r = re.slice(), i = im.slice();
    plan.forward(r, i, count);
    for (let k = 0; k < count; k++) {
      const want = naiveDft(re.subarray(k * n, (k + 1) * n), im.subarray(k * n, (k + 1) * n), -1);
      expect(worst(r.subarray(k * n, (k + 1) * n), want.re)).toBeLessThanOrEqual(1e-12 * n * 4);
      expect(worst(i.subarray(k * n, (k + 1) * n), want.im)).toBeLessThanOrEqual(1e-12 * n * 4);
    }
    expect(() => plan.forward(r, i, 2)).toThrow(ShapeError);
    expect(() => plan.forward(r, i, 0)).toThrow(/count/);
  });

  it('rejects bad lengths with typed errors', () => {
    expect(() => new FftPlan(0, { implementation })).toThrow(ArgumentError);
    expect(() => new FftPlan(2.5)).toThrow(/n/);
    expect(() => new FftPlan(4).forward(new Float64Array(3), new Float64Array(4))).toThrow(ShapeError);
    expect(() => new FftPlan(4).inverse(new Float64Array(4), new Float64Array(5))).toThrow(ShapeError);
  });
});

describe.each(IMPLEMENTATIONS)('Fft2Plan (%s)', (implementation) => {
  // powers of two, mixed radix, odd widths (scalar tails), one row or column, a large prime (Bluestein) each way
  for (const [H, W] of [[4, 8], [5, 3], [6, 16], [9, 10], [1, 12], [7, 1], [3, 7], [20, 15], [8, 211], [211, 6], [13, 13]] as const) {
    it(`${H} x ${W}: equals the separable naive 2-D DFT`, () => {
      const rng = new Rng(H * 100 + W);
      const re = rng.gaussianVec(H * W), im = rng.gaussianVec(H * W);
      const { re: wantRe, im: wantIm } = naiveDft2(re, im, H, W);
      const plan = new Fft2Plan(H, W, { implementation });
      const r = re.slice(), i = im.slice();
      plan.forward(r, i);
      expect(worst(r, wantRe)).toBeLessThanOrEqual(1e-11 * H * W);
      expect(worst(i, wantIm)).toBeLessThanOrEqual(1e-11 * H * W);
      plan.inverse(r, i);
      expect(worst(r.map((v) => v / (H * W)), re)).toBeLessThanOrEqual(1e-12 * H * W);
      expect(() => plan.forward(new Float64Array(H * W + 1), new Float64Array(H * W + 1))).toThrow(ShapeError);
    });
  }

  it('a batch of 2-D items equals one plan call per item', () => {
    const [H, W, count] = [10, 12, 4], rng = new Rng(9);
    const re = rng.gaussianVec(H * W * count), im = rng.gaussianVec(H * W * count);
    const plan = new Fft2Plan(H, W, { implementation });
    const r = re.slice(), i = im.slice();
    plan.inverse(r, i, count);
    for (let k = 0; k < count; k++) {
      const one = [re.slice(k * H * W, (k + 1) * H * W), im.slice(k * H * W, (k + 1) * H * W)] as const;
      plan.inverse(one[0], one[1]);
      expect(worst(r.subarray(k * H * W, (k + 1) * H * W), one[0])).toBeLessThanOrEqual(1e-13 * H * W);
      expect(worst(i.subarray(k * H * W, (k + 1) * H * W), one[1])).toBeLessThanOrEqual(1e-13 * H * W);
    }
  });
});

describe('FFT implementations', () => {
  it('a batch larger than the wasm chunk (2^20 values) equals one call per item', () => {
    const n = 4096, count = 300, rng = new Rng(11);
    const re = rng.gaussianVec(n * count), im = rng.gaussianVec(n * count);
    const plan = new FftPlan(n, { implementation: 'wasm' });
    const r = re.slice(), i = im.slice();
    plan.forward(r, i, count);
    for (const k of [0, 255, 256, 299]) {
      const one = [re.slice(k * n, (k + 1) * n), im.slice(k * n, (k + 1) * n)] as const;
      plan.forward(one[0], one[1]);
      expect(worst(r.subarray(k * n, (k + 1) * n), one[0])).toBe(0);
      expect(worst(i.subarray(k * n, (k + 1) * n), one[1])).toBe(0);
    }
  });

  it('rejects an unknown implementation', () => {
    expect(() => new FftPlan(8, { implementation: 'gpu' as never })).toThrow(/implementation/);
  });

  it('wasm and js agree to rounding on a 64 x 64 image', () => {
    const rng = new Rng(64);
    const re = rng.gaussianVec(4096), im = rng.gaussianVec(4096);
    const a = [re.slice(), im.slice()] as const, b = [re.slice(), im.slice()] as const;
    new Fft2Plan(64, 64, { implementation: 'wasm' }).forward(a[0], a[1]);
    new Fft2Plan(64, 64, { implementation: 'js' }).forward(b[0], b[1]);
    expect(worst(a[0], b[0])).toBeLessThanOrEqual(1e-10);
    expect(worst(a[1], b[1])).toBeLessThanOrEqual(1e-10);
  });
});
