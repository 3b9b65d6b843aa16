import { describe, expect, it } from 'vitest';
import { Rng, ShapeError, dot, nrm2 } from '@dpr/linalg';
import { composeOperators, dct2, dct2Operator, dctMatrix, gaussianMeasurements, idct2 } from '../src/index.js';

/** Direct O(N²) orthonormal 2-D DCT-II, straight from the definition. */
function directDct2(x: Float64Array, H: number, W: number): Float64Array {
  const out = new Float64Array(H * W);
  for (let k = 0; k < H; k++) {
    for (let l = 0; l < W; l++) {
      let s = 0;
      for (let r = 0; r < H; r++) {
        for (let c = 0; c < W; c++) s += x[r * W + c]! * Math.cos((Math.PI * (2 * r + 1) * k) / (2 * H)) * Math.cos((Math.PI * (2 * c + 1) * l) / (2 * W));
      }
      out[k * W + l] = Math.sqrt((k === 0 ? 1 : 2) / H) * Math.sqrt((l === 0 ? 1 : 2) / W) * s;
    }
  }
  return out;
}

const maxDiff = (a: Float64Array, b: Float64Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe('2-D DCT', () => {
  it('matches the direct formula on small non-square images', () => {
    const rng = new Rng(1);
    for (const [H, W] of [[1, 1], [3, 5], [4, 4], [7, 2]] as const) {
      const x = rng.gaussianVec(H * W);
      expect(maxDiff(dct2(x, H, W), directDct2(x, H, W))).toBeLessThan(1e-12);
    }
  });

  it('is orthonormal: norms kept, inverse exact, C Cᵀ = I', () => {
    const rng = new Rng(2);
    const [H, W] = [12, 9];
    const x = rng.gaussianVec(H * W);
    const X = dct2(x, H, W);
    expect(nrm2(X)).toBeCloseTo(nrm2(x), 12);
    expect(maxDiff(idct2(X, H, W), x)).toBeLessThan(1e-13);
    expect(maxDiff(dct2(idct2(x, H, W), H, W), x)).toBeLessThan(1e-13);
    const C = dctMatrix(6);
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) {
      let s = 0;
      for (let k = 0; k < 6; k++) s += C[i * 6 + k]! * C[j * 6 + k]!;
      expect(s).toBeCloseTo(i === j ? 1 : 0, 13);
    }
  });

  it('a constant image has only the DC coefficient; a cosine mode maps to one coefficient', () => {
    const [H, W] = [4, 6];
    const X = dct2(new Float64Array(H * W).fill(2), H, W);
    expect(X[0]).toBeCloseTo(2 * Math.sqrt(H * W), 12);
    expect(maxDiff(X.subarray(1), new Float64Array(H * W - 1))).toBeLessThan(1e-12);
    const e = new Float64Array(H * W);
    e[2 * W + 3] = 1;
    const img = idct2(e, H, W);
    expect(maxDiff(dct2(img, H, W), e)).toBeLessThan(1e-13);
  });

  it('as an operator: adjoint = inverse, <Dx, y> = <x, Dᵀy>, out buffers and shapes', () => {
    const rng = new Rng(3);
    const D = dct2Operator(5, 8);
    const x = rng.gaussianVec(40), y = rng.gaussianVec(40);
    expect(dot(D.apply(x), y)).toBeCloseTo(dot(x, D.adjoint(y)), 12);
    const out = new Float64Array(40);
    expect(D.apply(x, out)).toBe(out);
    expect(maxDiff(D.adjoint(out), x)).toBeLessThan(1e-13);
    expect(() => dct2(new Float64Array(39), 5, 8)).toThrow(ShapeError);
  });

  it('composes with a measurement matrix: (A ∘ D⁻¹) c = A (D⁻¹ c), adjoints agree', () => {
    const rng = new Rng(4);
    const A = gaussianMeasurements({ m: 10, n: 12, seed: 5 });
    const D = dct2Operator(3, 4);
    const inv = { inputDim: 12, outputDim: 12, apply: D.adjoint, adjoint: D.apply };
    const AD = composeOperators(A, inv);
    const c = rng.gaussianVec(12), r = rng.gaussianVec(10);
    expect(maxDiff(AD.apply(c), A.apply(idct2(c, 3, 4)))).toBeLessThan(1e-12);
    expect(dot(AD.apply(c), r)).toBeCloseTo(dot(c, AD.adjoint(r)), 10);
    expect(() => composeOperators(A, dct2Operator(2, 2))).toThrow(ShapeError);
  });
});
