/**
 * The complex part of the backend conformance spec (called by `describeBackend`, so it runs on
 * every backend): complex GEMV, GEMVᴴ and GEMM against a float64 textbook reference, the adjoint
 * identity ⟨A x, y⟩ = ⟨x, Aᴴ y⟩, aliasing, and typed errors.
 */
import { describe, expect, it } from 'vitest';
import { ArgumentError, ComplexDenseOperator, Rng, ShapeError, StackedComplexOperator, cdot, cmat, cnrm2, cvec, dot, nrm2, type Backend, type CMat } from '../src/index.js';

/** Reference C = α op(A) B + β C in float64 (op = none or ᴴ), complex. */
export function refComplexGemm(conjTrans: boolean, alpha: number, A: CMat, B: CMat, beta: number, C: CMat): CMat {
  const rows = conjTrans ? A.cols : A.rows, inner = conjTrans ? A.rows : A.cols, p = B.cols;
  const out = cmat(rows, p);
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < p; c++) {
      let sr = 0, si = 0;
      for (let l = 0; l < inner; l++) {
        const idx = conjTrans ? l * A.cols + i : i * A.cols + l;
        const ar = A.re[idx]!, ai = conjTrans ? -A.im[idx]! : A.im[idx]!;
        const br = B.re[l * p + c]!, bi = B.im[l * p + c]!;
        sr += ar * br - ai * bi;
        si += ar * bi + ai * br;
      }
      out.re[i * p + c] = alpha * sr + (beta === 0 ? 0 : beta * C.re[i * p + c]!);
      out.im[i * p + c] = alpha * si + (beta === 0 ? 0 : beta * C.im[i * p + c]!);
    }
  }
  return out;
}

function randomCMat(rng: Rng, rows: number, cols: number): CMat {
  return cmat(rows, cols, rng.gaussianVec(rows * cols), rng.gaussianVec(rows * cols));
}

function worstDiff(a: CMat, b: CMat): number {
  let w = 0;
  for (let i = 0; i < a.re.length; i++) w = Math.max(w, Math.abs(a.re[i]! - b.re[i]!), Math.abs(a.im[i]! - b.im[i]!));
  return w;
}

/** Complex products on the backend returned by `get` (made by `factory` for the cross-instance check). */
export function describeComplexProducts(get: () => Backend, factory: () => Promise<Backend>): void {
  describe('complex products (on the real kernels)', () => {
    const tol = (b: Backend, inner: number) => (b.precision === 32 ? 2 ** -19 : 2 ** -48) * Math.sqrt(inner) * 8;

    for (const [m, n, p] of [[1, 1, 1], [7, 5, 1], [33, 17, 3], [64, 40, 9]] as const) {
      for (const conjTrans of [false, true]) {
        it(`cgemm ${m}x${n}·${p}${conjTrans ? ' (conjugate transpose)' : ''} and cgemv match the float64 reference`, () => {
          const backend = get();
          const rng = new Rng(m * 97 + n * 5 + p + (conjTrans ? 3 : 0));
          const Ah = randomCMat(rng, m, n);
          const A = backend.complexMatrix(Ah.re, Ah.im, m, n);
          const inner = conjTrans ? m : n, rows = conjTrans ? n : m;
          for (const [alpha, beta] of [[1, 0], [-0.5, 2]] as const) {
            const B = randomCMat(rng, inner, p), C0 = randomCMat(rng, rows, p);
            const C = cmat(rows, p, C0.re.slice(), C0.im.slice());
            expect(backend.cgemm(conjTrans, alpha, A, B, beta, C)).toBe(C);
            const want = refComplexGemm(conjTrans, alpha, Ah, B, beta, C0);
            const scale = (Math.abs(alpha) * inner + Math.abs(beta)) * 4;
            expect(worstDiff(C, want)).toBeLessThanOrEqual(tol(backend, inner) * scale);
            // the first column as a GEMV
            const x = { re: Float64Array.from({ length: inner }, (_, i) => B.re[i * p]!), im: Float64Array.from({ length: inner }, (_, i) => B.im[i * p]!) };
            const y = { re: Float64Array.from({ length: rows }, (_, i) => C0.re[i * p]!), im: Float64Array.from({ length: rows }, (_, i) => C0.im[i * p]!) };
            backend.cgemv(conjTrans, alpha, A, x, beta, y);
            for (let i = 0; i < rows; i++) {
              expect(Math.abs(y.re[i]! - want.re[i * p]!)).toBeLessThanOrEqual(tol(backend, inner) * scale);
              expect(Math.abs(y.im[i]! - want.im[i * p]!)).toBeLessThanOrEqual(tol(backend, inner) * scale);
            }
          }
          A.dispose();
          expect(A.disposed).toBe(true);
        });
      }
    }

    it('satisfies <A x, y> = <x, A^H y>, also through the stacked real view', () => {
      const backend = get();
      const rng = new Rng(21), m = 29, n = 13;
      const Ah = randomCMat(rng, m, n);
      const A = ComplexDenseOperator.fromArrays(backend, Ah.re, Ah.im, m, n);
      const x = { re: rng.gaussianVec(n), im: rng.gaussianVec(n) }, y = { re: rng.gaussianVec(m), im: rng.gaussianVec(m) };
      const lhs = cdot(A.apply(x), y), rhs = cdot(x, A.adjoint(y));
      const scale = cnrm2(A.apply(x)) * cnrm2(y);
      expect(Math.abs(lhs.re - rhs.re)).toBeLessThanOrEqual(tol(backend, m + n) * scale);
      expect(Math.abs(lhs.im - rhs.im)).toBeLessThanOrEqual(tol(backend, m + n) * scale);
      const S = new StackedComplexOperator(A);
      const xs = rng.gaussianVec(2 * n), ys = rng.gaussianVec(2 * m);
      expect(Math.abs(dot(S.apply(xs), ys) - dot(xs, S.adjoint(ys)))).toBeLessThanOrEqual(tol(backend, m + n) * nrm2(S.apply(xs)) * nrm2(ys) * 2);
      A.dispose();
    });

    it('handles x aliasing y and rejects bad input with typed errors', async () => {
      const backend = get();
      const A = backend.complexMatrix([1, 2, 3, 4], [0, 1, -1, 0], 2, 2);
      const v = { re: new Float64Array([1, 2]), im: new Float64Array([0, 1]) };
      backend.cgemv(false, 1, A, v, 0, v);
      // (1 + 0i)·1 + (2 + i)(2 + i) = 1 + 3 + 4i;  (3 − i)·1 + 4(2 + i) = 11 + 3i
      const t = tol(backend, 2) * 20;
      expect(Math.abs(v.re[0]! - 4) + Math.abs(v.im[0]! - 4) + Math.abs(v.re[1]! - 11) + Math.abs(v.im[1]! - 3)).toBeLessThanOrEqual(t);
      expect(() => backend.cgemv(false, 1, A, cvec(3), 0, cvec(2))).toThrow(ShapeError);
      expect(() => backend.cgemv(true, 1, A, cvec(2), 0, cvec(1))).toThrow(ShapeError);
      expect(() => backend.cgemv(false, 1, A, { re: new Float64Array(2), im: new Float64Array(1) }, 0, cvec(2))).toThrow(ShapeError);
      expect(() => backend.cgemv(false, 1, A, { re: new Float64Array([1, Number.NaN]), im: new Float64Array(2) }, 0, cvec(2))).toThrow(/B\.re\[1\]/);
      expect(() => backend.cgemm(false, 1, A, cmat(3, 1), 0, cmat(2, 1))).toThrow(ShapeError);
      expect(() => backend.complexMatrix([1, 2], [1], 1, 2)).toThrow(ShapeError);
      const other = await factory();
      const O = other.complexMatrix([1], [1], 1, 1);
      expect(() => backend.cgemv(false, 1, O, cvec(1), 0, cvec(1))).toThrow(ArgumentError);
      other.dispose();
      A.dispose();
      expect(() => backend.cgemv(false, 1, A, cvec(2), 0, cvec(2))).toThrow(/disposed/);
    });
  });
}
