import { describe, expect, it } from 'vitest';
import { ArgumentError, Rng, type Vec } from '@dpr/linalg';
import { symmetricSpectralNorm, tridiagonalExtremes } from '../src/index.js';

/** B = H diag(λ) H with the Householder reflection H = I − 2uuᵀ: known eigenvalues λ. */
function known(lambda: readonly number[], seed: number): (u: Vec, out: Vec) => void {
  const n = lambda.length;
  const h = new Rng(seed).gaussianVec(n);
  const nh = Math.hypot(...h);
  const u = h.map((t) => t / nh);
  const H = (x: Vec): Vec => {
    const c = 2 * x.reduce((s, t, i) => s + t * (u[i] as number), 0);
    return x.map((t, i) => t - c * (u[i] as number));
  };
  return (x, out) => {
    const y = H(x).map((t, i) => t * (lambda[i] as number));
    out.set(H(y));
  };
}

describe('symmetricSpectralNorm', () => {
  it('is exact with steps = dim (max |λ| can be the most negative eigenvalue)', () => {
    const lambda = [0.3, -2.5, 1.7, 0.01, -0.4, 2.2, 0, 1];
    const r = symmetricSpectralNorm(known(lambda, 1), lambda.length, { steps: lambda.length });
    expect(r.value).toBeCloseTo(2.5, 12);
    expect(r.min).toBeCloseTo(-2.5, 12);
    expect(r.max).toBeCloseTo(2.2, 12);
  });

  it('finds the extreme eigenvalue of a large operator with few steps', () => {
    const n = 400;
    const lambda = Array.from({ length: n }, (_, i) => Math.sin(i) * (1 + i / n));
    const top = Math.max(...lambda.map(Math.abs));
    const r = symmetricSpectralNorm(known(lambda, 2), n, { steps: 80 });
    expect(r.value).toBeLessThanOrEqual(top + 1e-12);
    expect(r.value).toBeGreaterThan(0.98 * top);
  });

  it('stops early on an invariant subspace (a rank-one operator)', () => {
    const a = Float64Array.from([1, 2, 3, 4]);
    const r = symmetricSpectralNorm((x, out) => {
      const c = x.reduce((s, t, i) => s + t * (a[i] as number), 0);
      out.set(a.map((t) => t * c));
    }, 4);
    expect(r.value).toBeCloseTo(30, 12);
    expect(r.steps).toBeLessThanOrEqual(2);
  });

  it('tridiagonal extremes by Sturm bisection', () => {
    // [[2, 1], [1, 2]]: eigenvalues 1 and 3
    expect(tridiagonalExtremes([2, 2], [1])).toEqual({ min: expect.closeTo(1, 14), max: expect.closeTo(3, 14) });
  });

  it('rejects bad dimensions', () => {
    expect(() => symmetricSpectralNorm(() => undefined, 0)).toThrow(ArgumentError);
    expect(() => symmetricSpectralNorm(() => undefined, 3, { steps: 0 })).toThrow(ArgumentError);
  });
});
