import { describe, expect, it } from 'vitest';
import { ArgumentError, Rng, nrm2 } from '@dpr/linalg';
import { composeOperators, operatorEntries, dct2Operator, gaussianMeasurements, getSolver, idct2, magnitudes, relativeErrorUpToSign, sparseInstance, sparta, spartaInit } from '../src/index.js';

const small = () => sparseInstance({ n: 100, m: 60, sparsity: 3, seed: 2 }).problem;


describe('SPARTA', () => {
  it('recovers K = 3 sparse signals in R^1000 from m = 250 magnitudes (seeded instances)', () => {
    for (const seed of [1, 2, 3, 4]) {
      const { problem } = sparseInstance({ n: 1000, m: 250, sparsity: 3, seed });
      const r = sparta.solve(problem, { sparsity: 3, seed });
      expect(relativeErrorUpToSign(r.estimate, problem.truth)).toBeLessThanOrEqual(1e-3);
      expect(r.estimate.filter((v) => v !== 0).length).toBeLessThanOrEqual(3);
      expect(r.stopReason).toBe('tol');
    }
  });

  it("its initialization is K-sparse, scaled to SPARTA1D's norm estimate mean(b)/mean|A_ij| and already correlated with y0", () => {
    const { problem } = sparseInstance({ n: 1000, m: 400, sparsity: 5, seed: 3 });
    const { y0, sigma2 } = spartaInit(problem, 5, new Rng(1));
    expect(y0.filter((v) => v !== 0).length).toBe(5);
    const entries = operatorEntries(problem.A).data;
    const nu = (problem.b.reduce((s, v) => s + v, 0) / problem.b.length) / (entries.reduce((s, v) => s + Math.abs(v), 0) / entries.length);
    expect(nrm2(y0)).toBeCloseTo(nu, 10);
    expect(sigma2).toBeGreaterThan(0.95);
    expect(relativeErrorUpToSign(y0, problem.truth)).toBeLessThan(0.9);
  });

  it('is scale-aware: N(0,1/m) entries give the same iterates as N(0,1) entries', () => {
    const unit = sparseInstance({ n: 300, m: 120, sparsity: 3, seed: 5 }).problem;
    const inv = sparseInstance({ n: 300, m: 120, sparsity: 3, seed: 5, measurementScale: 'inverse-m' }).problem;
    const a = sparta.solve(unit, { sparsity: 3, maxIters: 30, tol: 0 });
    const b = sparta.solve(inv, { sparsity: 3, maxIters: 30, tol: 0 });
    expect(relativeErrorUpToSign(b.estimate, a.estimate)).toBeLessThan(1e-8);
    expect(relativeErrorUpToSign(b.estimate, inv.truth)).toBeLessThan(1e-6);
  });

  it('recovers an image that is sparse in the 2-D DCT domain through A ∘ IDCT', () => {
    const [H, W] = [16, 16], n = H * W, K = 4, m = 200;
    const D = dct2Operator(H, W);
    const A = gaussianMeasurements({ m, n, seed: 8 });
    const AD = composeOperators(A, { inputDim: n, outputDim: n, apply: D.adjoint, adjoint: D.apply });
    let ok = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const rng = new Rng(seed);
      const c0 = new Float64Array(n); // K DCT coefficients at random positions, iid N(0,1) (SPARTA's model)
      for (const j of rng.permutation(n).subarray(0, K)) c0[j] = rng.gaussian();
      const image = idct2(c0, H, W);
      const r = sparta.solve({ A: AD, b: magnitudes(A, image) }, { sparsity: K, seed });
      const err = relativeErrorUpToSign(r.estimate, c0);
      if (err < 1e-6) {
        ok++;
        expect(relativeErrorUpToSign(idct2(r.estimate, H, W), image)).toBeLessThan(1e-6);
      }
    }
    expect(ok).toBeGreaterThanOrEqual(10); // measured 11/12 (SPARTA's support estimate is not exact at this m)
  });

  it('never looks at the truth', () => {
    const { problem } = sparseInstance({ n: 200, m: 80, sparsity: 2, seed: 6 });
    const { truth: _t, ...blind } = problem;
    const a = sparta.solve(problem, { sparsity: 2, seed: 3 });
    const b = sparta.solve(blind, { sparsity: 2, seed: 3 });
    expect(Array.from(a.estimate)).toEqual(Array.from(b.estimate));
    expect(a.iterations).toBe(b.iterations);
  });

  it('requires a valid sparsity and rejects bad options with typed errors; registered by id', () => {
    const p = small();
    expect(() => sparta.solve(p, {})).toThrow(/options\.sparsity/);
    for (const K of [0, 1.5, 101, -2]) expect(() => sparta.solve(p, { sparsity: K })).toThrow(ArgumentError);
    expect(() => sparta.solve(p, { sparsity: 3, stepSize: 0 })).toThrow(/options\.stepSize/);
    expect(() => sparta.solve(p, { sparsity: 3, truncation: -1 })).toThrow(/options\.truncation/);
    expect(() => sparta.solve(p, { sparsity: 3, powerIters: 0 })).toThrow(/options\.powerIters/);
    expect(getSolver('sparta')).toBe(sparta);
    expect(sparta.needsPrior).toBe(false);
  });
});
