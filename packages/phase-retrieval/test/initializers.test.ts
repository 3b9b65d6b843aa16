import { describe, expect, it } from 'vitest';
import { ArgumentError, Rng, ShapeError, deriveSeed, dot, nrm2, type LinearOperator } from '@dpr/linalg';
import {
  INITIALIZER_NAMES, gaussianMeasurements, hardThreshold, initialize, largestIndices, leadingEigenvector, magnitudes, operatorEntries,
  extremeEigenvector, optimalPreprocessing, type InitializerName, type Problem,
} from '../src/index.js';

/** Dense y0 ~ N(0, I_n), A Gaussian (N(0,1) or N(0,1/m) from the same draws), b = |A y0|. */
function gaussianProblem(n: number, m: number, seed: number, scale: 'unit' | 'inverse-m' = 'unit'): Problem & { truth: Float64Array } {
  const A = gaussianMeasurements({ m, n, seed: deriveSeed(seed, 2), scale });
  const y0 = new Rng(deriveSeed(seed, 3)).gaussianVec(n);
  return { A, b: magnitudes(A, y0), truth: y0 };
}

const cosine = (y: Float64Array, y0: Float64Array) => Math.abs(dot(y, y0)) / (nrm2(y) * nrm2(y0));
const relDiff = (a: Float64Array, b: Float64Array) => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0)) / nrm2(b);

/** Mean cosine with the truth over seeds 1..8 at n = 50, m/n = 8 (measured: spectral ≈ 0.79; optimal above 0.9). */
const floors: Record<Exclude<InitializerName, 'custom'>, { mean: number; each: number }> = {
  spectral: { mean: 0.7, each: 0.55 },
  'truncated-spectral': { mean: 0.7, each: 0.55 },
  optimal: { mean: 0.85, each: 0.75 },
  weighted: { mean: 0.75, each: 0.65 },
  orthogonal: { mean: 0.75, each: 0.65 },
  amplitude: { mean: 0.7, each: 0.55 },
  random: { mean: -1, each: -1 },
};

describe('initializers', () => {
  const problems = [1, 2, 3, 4, 5, 6, 7, 8].map((s) => gaussianProblem(50, 400, s, s % 2 ? 'unit' : 'inverse-m'));

  for (const name of INITIALIZER_NAMES.filter((k): k is Exclude<InitializerName, 'custom'> => k !== 'custom')) {
    it(`${name}: correlates with the truth (well above random) and has the right norm`, () => {
      const cos = problems.map((p, i) => {
        const y = initialize(name, p, { rng: new Rng(i) });
        const ratio = nrm2(y) / nrm2(p.truth);
        // PhasePack's data-fitted scales shrink an imperfect direction (‖u‖/‖l‖ or a least-squares fit)
        expect(ratio).toBeGreaterThan(0.5);
        expect(ratio).toBeLessThan(1.33);
        return cosine(y, p.truth);
      });
      const mean = cos.reduce((a, b) => a + b) / cos.length;
      if (name === 'random') {
        expect(mean).toBeLessThan(0.4);
      } else {
        expect(mean).toBeGreaterThan(floors[name].mean);
        expect(Math.min(...cos)).toBeGreaterThan(floors[name].each);
      }
    });

    it(`${name}: deterministic for a seed and scale-aware (N(0,1) vs N(0,1/m) entries)`, () => {
      const p = gaussianProblem(40, 200, 9);
      const q = gaussianProblem(40, 200, 9, 'inverse-m'); // A/√m, b/√m
      const y1 = initialize(name, p, { rng: new Rng(5) });
      const y2 = initialize(name, p, { rng: new Rng(5) });
      expect(Array.from(y1)).toEqual(Array.from(y2));
      expect(relDiff(initialize(name, q, { rng: new Rng(5) }), y1)).toBeLessThan(1e-8);
    });
  }

  it('the optimal preprocessing beats the plain spectral matrix (as the theory says)', () => {
    const spectral = problems.map((p, i) => cosine(initialize('spectral', p, { rng: new Rng(i) }), p.truth));
    const optimal = problems.map((p, i) => cosine(initialize('optimal', p, { rng: new Rng(i) }), p.truth));
    expect(optimal.reduce((a, b) => a + b)).toBeGreaterThan(spectral.reduce((a, b) => a + b) + 0.5);
  });

  it('works on a matrix-free operator exactly as on the dense one', () => {
    const p = gaussianProblem(30, 90, 4);
    const A = p.A;
    const free: LinearOperator = { inputDim: 30, outputDim: 90, apply: (x, o) => A.apply(x, o), adjoint: (y, o) => A.adjoint(y, o) };
    const wide = gaussianMeasurements({ m: 20, n: 30, seed: 1 });
    const wideFree: LinearOperator = { inputDim: 30, outputDim: 20, apply: (x, o) => wide.apply(x, o), adjoint: (y, o) => wide.adjoint(y, o) };
    expect(relDiff(operatorEntries(free).data, operatorEntries(A).data)).toBeLessThan(1e-15);
    expect(relDiff(operatorEntries(wideFree).data, operatorEntries(wide).data)).toBeLessThan(1e-15);
    for (const name of ['orthogonal', 'optimal'] as const) {
      expect(relDiff(initialize(name, { ...p, A: free }, { rng: new Rng(1) }), initialize(name, p, { rng: new Rng(1) }))).toBeLessThan(1e-12);
    }
  });

  it('custom returns a checked copy; unknown names and bad options are typed errors', () => {
    const p = gaussianProblem(10, 40, 1);
    const c = new Rng(1).gaussianVec(10);
    const y = initialize('custom', p, { rng: new Rng(0), custom: c });
    expect(Array.from(y)).toEqual(Array.from(c));
    expect(y).not.toBe(c);
    expect(() => initialize('custom', p, { rng: new Rng(0) })).toThrow(/options\.custom/);
    expect(() => initialize('custom', p, { rng: new Rng(0), custom: new Float64Array(9) })).toThrow(ShapeError);
    expect(() => initialize('nope' as InitializerName, p, { rng: new Rng(0) })).toThrow(ArgumentError);
    expect(() => initialize('spectral', p, { rng: new Rng(0), eigenTol: -1 })).toThrow(/tol/);
    expect(() => initialize('random', p, { rng: new Rng(0), rowNorms2: new Float64Array(3) })).toThrow(ShapeError);
  });
});

describe('initializer building blocks', () => {
  it('power iteration finds the largest algebraic eigenvector, also when the dominant one is negative', () => {
    const d = [3, -5, 1, 0.5];
    const Y = (v: Float64Array) => v.map((x, i) => d[i]! * x);
    const r = leadingEigenvector(Y, 4, { rng: new Rng(1), iters: 500 });
    expect(Math.abs(r.vector[0]!)).toBeCloseTo(1, 8);
    expect(r.value).toBeCloseTo(3, 8);
    const pos = leadingEigenvector((v) => v.map((x, i) => [1, 4, 2][i]! * x), 3, { rng: new Rng(2), iters: 500 });
    expect(Math.abs(pos.vector[1]!)).toBeCloseTo(1, 8);
  });

  it("the optimal preprocessing as PhasePack's initOptimalSpectral: T(y) = (y₊ − 1)/(y₊ + √δ − 1)", () => {
    expect(optimalPreprocessing(1, 4)).toBe(0);
    expect(optimalPreprocessing(3, 4)).toBe(0.5);
    expect(optimalPreprocessing(0, 4)).toBe(-1);
    expect(optimalPreprocessing(-2, 9)).toBe(-0.5);
    let prev = -Infinity;
    for (const y of [0, 0.1, 0.5, 1, 2, 10, 100]) {
      const t = optimalPreprocessing(y, 2.5);
      expect(t).toBeGreaterThanOrEqual(prev);
      expect(t).toBeLessThan(1);
      prev = t;
    }
  });

  it('the Lanczos eigensolver finds the largest and the smallest algebraic eigenpair exactly', () => {
    const n = 150;
    const d = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1) * 3);
    const Y = (v: Float64Array) => v.map((x, i) => d[i]! * x);
    const top = extremeEigenvector(Y, n, { rng: new Rng(1), which: 'largest' });
    const bottom = extremeEigenvector(Y, n, { rng: new Rng(1), which: 'smallest' });
    const iMax = d.indexOf(Math.max(...d)), iMin = d.indexOf(Math.min(...d));
    expect(top.value).toBeCloseTo(d[iMax]!, 9);
    expect(Math.abs(top.vector[iMax]!)).toBeCloseTo(1, 6);
    expect(bottom.value).toBeCloseTo(d[iMin]!, 9);
    expect(Math.abs(bottom.vector[iMin]!)).toBeCloseTo(1, 6);
  });

  it('largestIndices is deterministic on ties; hardThreshold keeps the k largest magnitudes', () => {
    expect(Array.from(largestIndices([1, 3, 3, 2], 3))).toEqual([1, 2, 3]);
    expect(Array.from(hardThreshold(Float64Array.from([0.5, -4, 2, -1]), 2))).toEqual([0, -4, 2, 0]);
    expect(() => largestIndices([1, 2], 3)).toThrow(ArgumentError);
  });

  it('largestIndices selects like a full sort (value descending, ties by lower index), with or without NaN', () => {
    const reference = (v: ArrayLike<number>, k: number) =>
      Array.from(Int32Array.from(v, (_, i) => i).sort((a, b) => (v[b] as number) - (v[a] as number) || a - b).slice(0, k));
    const rng = new Rng(31);
    for (let t = 0; t < 40; t++) {
      const n = 20 + rng.int(300);
      // few distinct values, so ties are common; some infinities and signed zeros
      const v = Float64Array.from({ length: n }, () => [rng.int(7) - 3, Infinity, -Infinity, -0][rng.int(12) < 9 ? 0 : 1 + rng.int(3)] as number);
      for (const k of [0, 1, 3, 5, Math.floor(n / 4), Math.min(n, 70)]) expect(Array.from(largestIndices(v, k))).toEqual(reference(v, k));
    }
    const withNaN = Float64Array.from([1, NaN, 3, 2, 0, 5, NaN, 4, 2, 1, 0, 7]);
    expect(Array.from(largestIndices(withNaN, 2))).toEqual(reference(withNaN, 2));
  });
});
