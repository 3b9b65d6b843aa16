/**
 * What each measurement model computes, against explicit references: the complex Gaussian's
 * entries and moments, CDP and oversampled Fourier against masks and a naive DFT (1-D and 2-D),
 * the octanary mask distribution, user matrices in the A / A_re + A_im convention, magnitudes.
 */
import { describe, expect, it } from 'vitest';
import { Rng, cvec, naiveDft2 as naiveDft2Split, type CVec } from '@dpr/linalg';
import { createMeasurements, exampleMatrixFile, measurementMagnitudes, octanaryMasks, parseSignalSize } from '../src/index.js';

/** Naive 2-D DFT of an H × W complex array (H = 1 for 1-D). */
const naiveDft2 = (x: CVec, H: number, W: number): CVec => naiveDft2Split(x.re, x.im, H, W);

const randomC = (rng: Rng, n: number): CVec => ({ re: rng.gaussianVec(n), im: rng.gaussianVec(n) });
const close = (a: Float64Array, b: Float64Array, tol: number) => a.every((v, i) => Math.abs(v - b[i]!) <= tol);

describe('measurement models against references', () => {
  it('complex-gaussian: A = (X + iY)/sqrt(2), E|a|^2 = 1, real and imaginary parts independent', () => {
    const A = createMeasurements('complex-gaussian', { m: 300, n: 200, seed: 3 });
    const X = new Rng(3).gaussianVec(300 * 200), Y = new Rng(3);
    Y.gaussianVec(300 * 200);
    const Yd = Y.gaussianVec(300 * 200);
    // column j of A is A e_j
    const e = cvec(200);
    e.re[7] = 1;
    const col = A.complex!.apply(e);
    for (let i = 0; i < 300; i++) {
      expect(col.re[i]).toBeCloseTo(X[i * 200 + 7]! / Math.SQRT2, 12);
      expect(col.im[i]).toBeCloseTo(Yd[i * 200 + 7]! / Math.SQRT2, 12);
    }
    let p2 = 0, cross = 0;
    for (let j = 0; j < 200; j++) {
      const ej = cvec(200);
      ej.re[j] = 1;
      const c = A.complex!.apply(ej);
      for (let i = 0; i < 300; i++) {
        p2 += c.re[i]! ** 2 + c.im[i]! ** 2;
        cross += c.re[i]! * c.im[i]!;
      }
    }
    expect(p2 / 60000).toBeGreaterThan(0.97);
    expect(p2 / 60000).toBeLessThan(1.03);
    expect(Math.abs(cross / 60000)).toBeLessThan(0.01);
  });

  it('octanary masks: b1 in {1, -1, i, -i} uniform, |d|^2 in {1/2, 3} with probabilities 4/5, 1/5', () => {
    const d = octanaryMasks(10, 5000, 9);
    let high = 0;
    const phases = [0, 0, 0, 0];
    for (let i = 0; i < d.re.length; i++) {
      const a2 = d.re[i]! ** 2 + d.im[i]! ** 2;
      expect(Math.abs(a2 - 0.5) < 1e-12 || Math.abs(a2 - 3) < 1e-12).toBe(true);
      if (a2 > 1) high++;
      expect(d.re[i] === 0 || d.im[i] === 0).toBe(true);
      phases[d.re[i]! > 0 ? 0 : d.re[i]! < 0 ? 1 : d.im[i]! > 0 ? 2 : 3]!++;
    }
    expect(high / 50000).toBeGreaterThan(0.19);
    expect(high / 50000).toBeLessThan(0.21);
    for (const c of phases) expect(Math.abs(c / 50000 - 0.25)).toBeLessThan(0.01);
  });

  for (const [H, W] of [[1, 12], [4, 6], [5, 3]] as const) {
    it(`cdp:3 on ${H === 1 ? `n = ${W} (1-D)` : `${H}x${W} (2-D)`} equals the masks then the naive DFT`, () => {
      const n = H * W, L = 3;
      const A = createMeasurements('cdp:3', { n, ...(H === 1 ? {} : { shape: [H, W] }), seed: 4 });
      const d = octanaryMasks(L, n, 4);
      const x = randomC(new Rng(1), n);
      const got = A.complex!.apply(x);
      for (let l = 0; l < L; l++) {
        const dx = cvec(n);
        for (let j = 0; j < n; j++) {
          const a = d.re[l * n + j]!, b = d.im[l * n + j]!;
          dx.re[j] = a * x.re[j]! - b * x.im[j]!;
          dx.im[j] = a * x.im[j]! + b * x.re[j]!;
        }
        const want = naiveDft2(dx, H, W);
        expect(close(got.re.subarray(l * n, (l + 1) * n), want.re, 1e-10)).toBe(true);
        expect(close(got.im.subarray(l * n, (l + 1) * n), want.im, 1e-10)).toBe(true);
      }
    });
  }

  it('fourier:2 on 3x4 zero-pads to 6x8 then takes the 2-D DFT; fourier:1.5 on n = 5 pads to 8', () => {
    const A = createMeasurements('fourier:2', { n: 12, shape: [3, 4], seed: 0 });
    const x = randomC(new Rng(2), 12);
    const padded = cvec(48);
    for (let r = 0; r < 3; r++) for (let c = 0; c < 4; c++) {
      padded.re[r * 8 + c] = x.re[r * 4 + c]!;
      padded.im[r * 8 + c] = x.im[r * 4 + c]!;
    }
    const want = naiveDft2(padded, 6, 8), got = A.complex!.apply(x);
    expect(close(got.re, want.re, 1e-10) && close(got.im, want.im, 1e-10)).toBe(true);
    const B = createMeasurements('fourier:1.5', { n: 5, seed: 0 });
    expect(B.measurementCount).toBe(8);
  });

  it('user matrices: A (real) and A_re + A_im (complex) from safetensors', () => {
    const real = createMeasurements('matrix', { n: 4, seed: 0, file: exampleMatrixFile(6, 4, 2, 'real') });
    expect([real.dtype, real.measurementCount]).toEqual(['real', 6]);
    const Ad = new Rng(2).gaussianVec(24);
    expect(real.apply(new Float64Array([0, 1, 0, 0]))[2]).toBeCloseTo(Ad[2 * 4 + 1]!, 12);
    const cx = createMeasurements('complex-matrix', { n: 4, seed: 0, file: exampleMatrixFile(6, 4, 2, 'complex') });
    const rng = new Rng(2), re = rng.gaussianVec(24), im = rng.gaussianVec(24);
    const e = cvec(4);
    e.im[3] = 1; // A (i e_3) = i·column 3
    const col = cx.complex!.apply(e);
    expect(col.re[5]).toBeCloseTo(-im[5 * 4 + 3]!, 12);
    expect(col.im[5]).toBeCloseTo(re[5 * 4 + 3]!, 12);
    expect(() => createMeasurements('matrix', { n: 5, seed: 0, file: exampleMatrixFile(6, 4, 2, 'real') })).toThrow(/columns/);
  });

  it('magnitudes of real and complex signals; N and HxW sizes', () => {
    const A = createMeasurements('complex-gaussian', { m: 5, n: 3, seed: 1 });
    const y = new Float64Array([1, -2, 0.5]);
    const z = A.complex!.apply({ re: y, im: new Float64Array(3) });
    const b = measurementMagnitudes(A, y);
    for (let i = 0; i < 5; i++) expect(b[i]).toBeCloseTo(Math.hypot(z.re[i]!, z.im[i]!), 12);
    expect(Array.from(measurementMagnitudes(A, { re: y, im: new Float64Array(3) }))).toEqual(Array.from(b));
    expect(() => measurementMagnitudes(A, new Float64Array(4))).toThrow(/length/);
    expect(parseSignalSize('64x32')).toEqual({ n: 2048, shape: [64, 32] });
    expect(parseSignalSize('100')).toEqual({ n: 100, shape: [100] });
    expect(() => parseSignalSize('64x')).toThrow(/HxW/);
  });
});
