/**
 * The least-squares half of Gerchberg–Saxton / Fienup: y = argmin ‖A y − b ⊙ sgn(A g)‖ by LSQR
 * on the measurement operator, warm-started at g.
 */
import { describe, expect, it } from 'vitest';
import { Rng, lsqr, type Vec } from '@dpr/linalg';
import { gaussianSignalInstance, gerchbergSaxton, projectMagnitudes, relativeError, relativeErrorUpToSign } from '../src/index.js';

/** argmin ‖A y − c‖ from the normal equations AᵀA y = Aᵀc (Gauss–Jordan on the n×n system). */
function normalEquations(data: Float64Array, c: Vec, m: number, n: number): Float64Array {
  const M = new Float64Array(n * (n + 1));
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const aij = data[i * n + j]!;
      M[j * (n + 1) + n]! += aij * c[i]!;
      for (let k = 0; k < n; k++) M[j * (n + 1) + k]! += aij * data[i * n + k]!;
    }
  }
  for (let k = 0; k < n; k++) {
    const piv = M[k * (n + 1) + k]!; // SPD: no pivoting needed
    for (let j = k; j <= n; j++) M[k * (n + 1) + j]! /= piv;
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const f = M[i * (n + 1) + k]!;
      for (let j = k; j <= n; j++) M[i * (n + 1) + j]! -= f * M[k * (n + 1) + j]!;
    }
  }
  return Float64Array.from({ length: n }, (_, j) => M[j * (n + 1) + n]!);
}

describe('least squares inside Gerchberg–Saxton', () => {
  const { problem } = gaussianSignalInstance({ n: 15, m: 90, seed: 21, measurementScale: 'inverse-m' });
  const { A, b, truth } = problem;
  const data = A.matrix.toFloat64Array();
  const g = new Rng(4).gaussianVec(15).map((v, j) => truth[j]! + 0.5 * v);
  const c = projectMagnitudes(A.apply(g), b, new Float64Array(90));

  it('the magnitude projection keeps the phases of A g and the magnitudes b', () => {
    const z = A.apply(g);
    for (let i = 0; i < 90; i++) {
      expect(Math.abs(c[i]!)).toBeCloseTo(b[i]!, 15);
      expect(Math.sign(c[i]!)).toBe(Math.sign(z[i]!));
    }
  });

  it('LSQR on the measurement operator matches the normal equations', () => {
    const want = normalEquations(data, c, 90, 15);
    const cold = lsqr(A, c, { tol: 1e-14 });
    expect(relativeError(cold.x, want)).toBeLessThan(1e-11);
    const warm = lsqr(A, c, { tol: 1e-14, x0: g });
    expect(relativeError(warm.x, want)).toBeLessThan(1e-11);
  });

  it('one GS step is that least-squares solution (enough inner iterations)', () => {
    const step = gerchbergSaxton.solve(problem, { init: g, maxIters: 1, tol: 1e-12, maxInnerIters: 60 });
    expect(relativeError(step.estimate, normalEquations(data, c, 90, 15))).toBeLessThan(1e-9);
  });

  it('the default 10 warm-started inner iterations get close, 1 does not', () => {
    const want = normalEquations(data, c, 90, 15);
    const ten = gerchbergSaxton.solve(problem, { init: g, maxIters: 1, tol: 0 });
    const one = gerchbergSaxton.solve(problem, { init: g, maxIters: 1, tol: 0, maxInnerIters: 1 });
    expect(ten.info['innerIterations']).toBe(10);
    expect(relativeError(ten.estimate, want)).toBeLessThan(1e-3);
    expect(relativeError(one.estimate, want)).toBeGreaterThan(relativeError(ten.estimate, want));
  });

  it('±y0 are fixed points: c = ±A y0 is consistent and LSQR returns it at once', () => {
    for (const s of [1, -1]) {
      const y0 = truth.map((v) => s * v);
      const r = gerchbergSaxton.solve(problem, { init: y0 });
      expect(r.iterations).toBe(1);
      expect(r.stopReason).toBe('tol');
      expect(relativeErrorUpToSign(r.estimate, truth)).toBeLessThan(1e-12);
    }
  });
});
