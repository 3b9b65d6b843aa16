import { describe, expect, it } from 'vitest';
import { ArgumentError, DenseOperator, JsBackend, Rng, ShapeError, lsqr, type LinearOperator, type Vec } from '../src/index.js';

const backend = new JsBackend();

/** Solve the square system M x = r (row-major n×n) by Gaussian elimination with partial pivoting. */
function solveDense(M: Float64Array, r: Float64Array, n: number): Float64Array {
  const a = Float64Array.from(M), x = Float64Array.from(r);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i * n + k]!) > Math.abs(a[p * n + k]!)) p = i;
    for (let j = 0; j < n; j++) [a[k * n + j], a[p * n + j]] = [a[p * n + j]!, a[k * n + j]!];
    [x[k], x[p]] = [x[p]!, x[k]!];
    for (let i = k + 1; i < n; i++) {
      const f = a[i * n + k]! / a[k * n + k]!;
      for (let j = k; j < n; j++) a[i * n + j]! -= f * a[k * n + j]!;
      x[i]! -= f * x[k]!;
    }
  }
  for (let k = n - 1; k >= 0; k--) {
    let s = x[k]!;
    for (let j = k + 1; j < n; j++) s -= a[k * n + j]! * x[j]!;
    x[k] = s / a[k * n + k]!;
  }
  return x;
}

/** x = (AᵀA + λ²I)⁻¹ Aᵀ b from the normal equations, A row-major m×n. */
function normalEquations(A: Float64Array, b: Float64Array, m: number, n: number, lambda = 0): Float64Array {
  const G = new Float64Array(n * n), r = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      r[j]! += A[i * n + j]! * b[i]!;
      for (let k = 0; k < n; k++) G[j * n + k]! += A[i * n + j]! * A[i * n + k]!;
    }
  }
  for (let j = 0; j < n; j++) G[j * n + j]! += lambda * lambda;
  return solveDense(G, r, n);
}

const maxDiff = (x: Vec, y: ArrayLike<number>) => Math.max(...Array.from(x, (v, i) => Math.abs(v - y[i]!)));

/** A matrix-free operator (no DenseOperator), to check LSQR only uses apply/adjoint. */
function functionOperator(A: Float64Array, m: number, n: number): LinearOperator {
  return {
    inputDim: n,
    outputDim: m,
    apply: (x, out = new Float64Array(m)) => {
      for (let i = 0; i < m; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += A[i * n + j]! * x[j]!;
        out[i] = s;
      }
      return out;
    },
    adjoint: (y, out = new Float64Array(n)) => {
      out.fill(0);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j]! += A[i * n + j]! * y[i]!;
      return out;
    },
  };
}

describe('lsqr (Paige & Saunders)', () => {
  it('solves a hand-worked inconsistent 3×2 problem exactly', () => {
    // A = [[1,0],[0,1],[1,1]], b = (1,2,4): AᵀA = [[2,1],[1,2]], Aᵀb = (5,6) ⇒ x = (4/3, 7/3),
    // r = b − Ax = (−1/3, −1/3, 1/3), ‖r‖ = 1/√3.
    const A = DenseOperator.fromArray(backend, [1, 0, 0, 1, 1, 1], 3, 2);
    const res = lsqr(A, Float64Array.from([1, 2, 4]));
    expect(maxDiff(res.x, [4 / 3, 7 / 3])).toBeLessThan(1e-14);
    expect(res.residualNorm).toBeCloseTo(1 / Math.sqrt(3), 14);
    expect(res.stopReason).toBe('least-squares');
    expect(res.iterations).toBeLessThanOrEqual(2);
  });

  it('matches the normal-equation solution of a random overdetermined problem', () => {
    const m = 40, n = 12;
    const rng = new Rng(5);
    const data = rng.gaussianVec(m * n), b = rng.gaussianVec(m);
    const res = lsqr(functionOperator(data, m, n), b, { tol: 1e-14 });
    const want = normalEquations(data, b, m, n);
    expect(maxDiff(res.x, want)).toBeLessThan(1e-11);
    expect(res.stopReason).toBe('least-squares');
    expect(res.iterations).toBeLessThanOrEqual(2 * n);
    // the final residual is orthogonal to range(A)
    const r = functionOperator(data, m, n).apply(res.x).map((v, i) => v - b[i]!);
    expect(Math.max(...functionOperator(data, m, n).adjoint(r).map(Math.abs))).toBeLessThan(1e-10);
  });

  it('solves a consistent system to tol and reports it as consistent', () => {
    const m = 30, n = 10;
    const rng = new Rng(9);
    const A = DenseOperator.fromArray(backend, rng.gaussianVec(m * n), m, n);
    const xTrue = rng.gaussianVec(n);
    const res = lsqr(A, A.apply(xTrue), { tol: 1e-12 });
    expect(res.stopReason).toBe('consistent');
    expect(maxDiff(res.x, xTrue)).toBeLessThan(1e-10);
    expect(res.residualNorm).toBeLessThan(1e-10);
  });

  it('returns the minimum-norm solution of an underdetermined consistent system', () => {
    const m = 5, n = 12;
    const data = new Rng(3).gaussianVec(m * n), b = new Rng(4).gaussianVec(m);
    // x† = Aᵀ (A Aᵀ)⁻¹ b
    const AAt = new Float64Array(m * m);
    for (let i = 0; i < m; i++) for (let k = 0; k < m; k++) for (let j = 0; j < n; j++) AAt[i * m + k]! += data[i * n + j]! * data[k * n + j]!;
    const z = solveDense(AAt, b, m); // (A Aᵀ)⁻¹ b
    const want = functionOperator(data, m, n).adjoint(z);
    const res = lsqr(functionOperator(data, m, n), b, { tol: 1e-14 });
    expect(maxDiff(res.x, want)).toBeLessThan(1e-11);
  });

  it('warm starts: an exact x0 costs no iteration, a near one fewer iterations', () => {
    const m = 50, n = 20;
    const rng = new Rng(11);
    const A = DenseOperator.fromArray(backend, rng.gaussianVec(m * n), m, n);
    const xTrue = rng.gaussianVec(n);
    const b = A.apply(xTrue);
    const exact = lsqr(A, b, { x0: xTrue });
    expect(exact.iterations).toBe(0);
    expect(exact.stopReason).toBe('exact');
    expect(Array.from(exact.x)).toEqual(Array.from(xTrue));
    const near = xTrue.map((v, i) => v + 1e-6 * Math.sin(i));
    const cold = lsqr(A, b, { tol: 1e-9 });
    const warm = lsqr(A, b, { tol: 1e-9, x0: near });
    expect(warm.iterations).toBeLessThan(cold.iterations);
    expect(maxDiff(warm.x, xTrue)).toBeLessThan(1e-8);
    // x0 is not mutated
    expect(near[1]).toBe(xTrue[1]! + 1e-6 * Math.sin(1));
  });

  it('a given A x0 replaces its product, and residual: false skips the final one; x is the same', () => {
    const m = 40, n = 15;
    const rng = new Rng(12);
    const A = DenseOperator.fromArray(backend, rng.gaussianVec(m * n), m, n);
    const b = rng.gaussianVec(m), x0 = rng.gaussianVec(n);
    let applies = 0;
    const counted = { inputDim: n, outputDim: m, apply: (x: Float64Array, out?: Float64Array) => (applies++, A.apply(x, out)), adjoint: (y: Float64Array, out?: Float64Array) => A.adjoint(y, out) };
    const plain = lsqr(counted, b, { x0, maxIters: 6 });
    const plainApplies = applies;
    applies = 0;
    const lean = lsqr(counted, b, { x0, Ax0: A.apply(x0), residual: false, maxIters: 6 });
    expect(applies).toBe(plainApplies - 2);
    expect(Array.from(lean.x)).toEqual(Array.from(plain.x));
    expect(lean.normalResidualNorm).toBe(plain.normalResidualNorm);
    expect(lean.residualNorm).toBeNaN();
    expect(() => lsqr(A, b, { Ax0: A.apply(x0) })).toThrow(/options\.Ax0/);
    expect(() => lsqr(A, b, { x0, Ax0: new Float64Array(m + 1) })).toThrow(ShapeError);
  });

  it('damping minimises ‖Ax − b‖² + λ²‖x‖², also from a warm start', () => {
    const m = 25, n = 8, lambda = 1.7;
    const rng = new Rng(21);
    const data = rng.gaussianVec(m * n), b = rng.gaussianVec(m);
    const A = DenseOperator.fromArray(backend, data, m, n);
    const want = normalEquations(data, b, m, n, lambda);
    const cold = lsqr(A, b, { damping: lambda, tol: 1e-14 });
    const warm = lsqr(A, b, { damping: lambda, tol: 1e-14, x0: rng.gaussianVec(n) });
    expect(maxDiff(cold.x, want)).toBeLessThan(1e-12);
    expect(maxDiff(warm.x, want)).toBeLessThan(1e-12);
    expect(cold.normalResidualNorm).toBeLessThan(1e-10);
  });

  it('stops at maxIters and validates its arguments', () => {
    const m = 30, n = 10;
    const A = DenseOperator.fromArray(backend, new Rng(1).gaussianVec(m * n), m, n);
    const b = new Rng(2).gaussianVec(m);
    const res = lsqr(A, b, { maxIters: 3 });
    expect(res.iterations).toBe(3);
    expect(res.stopReason).toBe('maxIters');
    expect(lsqr(A, new Float64Array(m)).stopReason).toBe('exact');
    expect(() => lsqr(A, b.subarray(1))).toThrow(ShapeError);
    expect(() => lsqr(A, b, { damping: -1 })).toThrow(/options\.damping/);
    expect(() => lsqr(A, b, { tol: Number.NaN })).toThrow(ArgumentError);
    expect(() => lsqr(A, b, { maxIters: 1.5 })).toThrow(/options\.maxIters/);
    expect(() => lsqr(A, b, { x0: new Float64Array(n + 1) })).toThrow(ShapeError);
  });
});
