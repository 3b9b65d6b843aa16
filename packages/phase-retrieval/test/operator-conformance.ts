/**
 * THE contract every measurement operator meets, on every backend: shapes (and typed errors for
 * wrong ones), the adjoint identity ⟨A x, y⟩ = ⟨x, Aᵀ y⟩ (for a complex model on its stacked real
 * view, i.e. Re⟨A x, y⟩ = Re⟨x, Aᴴ y⟩, and on the complex map itself), batching (A X and Aᵀ Y
 * column by column equal to A x and Aᵀ y), determinism for a seed, and no mutation of the input.
 * `operators.test.ts` runs it on every model of the measurement registry, at the model's example.
 */
import { describe, expect, it } from 'vitest';
import { ShapeError, Rng, adjointBatch, applyBatch, cdot, cnrm2, dot, mat, nrm2, type Backend } from '@dpr/linalg';
import type { MeasurementModel } from '../src/index.js';

/** Relative tolerance for a backend's precision and a reduction of length `inner`. */
export function operatorTolerance(backend: Backend, inner: number): number {
  return (backend.precision === 32 ? 2 ** -20 : 2 ** -48) * Math.sqrt(Math.max(1, inner)) * 8;
}

export function describeOperator(model: MeasurementModel, backendName: string, makeBackend: () => Promise<Backend>): void {
  describe(`Measurement operator contract: ${model.id} on ${backendName}`, () => {
    const create = (seed: number, backend: Backend) => model.create({ ...model.example(seed), seed, backend });
    const withOperator = async (f: (A: ReturnType<MeasurementModel['create']>, backend: Backend) => void) => {
      const backend = await makeBackend();
      const A = create(5, backend);
      try {
        f(A, backend);
      } finally {
        A.dispose();
        backend.dispose();
      }
    };

    it('has the declared shapes and dtype, and rejects wrong lengths with typed errors', async () => {
      await withOperator((A) => {
        const parts = model.dtype === 'complex' ? 2 : 1;
        const n = A.inputDim, m = A.outputDim;
        expect(A.signalDim).toBe(model.example(5).n);
        expect(n).toBe(parts * A.signalDim);
        expect(m).toBe(parts * A.measurementCount);
        if (model.example(5).m !== undefined) expect(A.measurementCount).toBe(model.example(5).m);
        expect(A.signalShape.reduce((a, d) => a * d, 1)).toBe(A.signalDim);
        expect(A.complex !== undefined).toBe(model.dtype === 'complex');
        expect(A.dtype).toBe(model.dtype);
        expect(A.model).toBe(model.id);
        expect(A.apply(new Float64Array(n)).length).toBe(m);
        expect(A.adjoint(new Float64Array(m)).length).toBe(n);
        expect(() => A.apply(new Float64Array(n + 1))).toThrow(ShapeError);
        expect(() => A.adjoint(new Float64Array(m - 1))).toThrow(ShapeError);
      });
    });

    it('satisfies the adjoint identity <A x, y> = <x, A^T y>', async () => {
      await withOperator((A, backend) => {
        const rng = new Rng(11), n = A.inputDim, m = A.outputDim;
        for (let t = 0; t < 3; t++) {
          const x = rng.gaussianVec(n), y = rng.gaussianVec(m);
          const lhs = dot(A.apply(x), y), rhs = dot(x, A.adjoint(y));
          const scale = nrm2(A.apply(x)) * nrm2(y) + nrm2(x) * nrm2(A.adjoint(y));
          expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(operatorTolerance(backend, m + n) * scale);
        }
        if (A.complex) {
          const C = A.complex, nc = C.inputDim, mc = C.outputDim;
          const x = { re: rng.gaussianVec(nc), im: rng.gaussianVec(nc) }, y = { re: rng.gaussianVec(mc), im: rng.gaussianVec(mc) };
          const lhs = cdot(C.apply(x), y), rhs = cdot(x, C.adjoint(y));
          const scale = cnrm2(C.apply(x)) * cnrm2(y) + cnrm2(x) * cnrm2(C.adjoint(y));
          expect(Math.abs(lhs.re - rhs.re) + Math.abs(lhs.im - rhs.im)).toBeLessThanOrEqual(2 * operatorTolerance(backend, mc + nc) * scale);
        }
      });
    });

    it('batches: A X and A^T Y equal the products column by column', async () => {
      await withOperator((A, backend) => {
        const rng = new Rng(12), p = 4, n = A.inputDim, m = A.outputDim;
        const X = mat(n, p, rng.gaussianVec(n * p)), Y = mat(m, p, rng.gaussianVec(m * p));
        const AX = applyBatch(A, X), AtY = adjointBatch(A, Y);
        expect([AX.rows, AX.cols, AtY.rows, AtY.cols]).toEqual([m, p, n, p]);
        for (let r = 0; r < p; r++) {
          const x = Float64Array.from({ length: n }, (_, i) => X.data[i * p + r]!);
          const y = Float64Array.from({ length: m }, (_, i) => Y.data[i * p + r]!);
          const ax = A.apply(x), aty = A.adjoint(y);
          for (let i = 0; i < m; i++) expect(Math.abs(AX.data[i * p + r]! - ax[i]!)).toBeLessThanOrEqual(operatorTolerance(backend, n) * (nrm2(ax) + 1));
          for (let j = 0; j < n; j++) expect(Math.abs(AtY.data[j * p + r]! - aty[j]!)).toBeLessThanOrEqual(operatorTolerance(backend, m) * (nrm2(aty) + 1));
        }
      });
    });

    it('is deterministic for a seed, differs across seeds (seeded models), and leaves its input alone', async () => {
      const backend = await makeBackend();
      const A1 = create(5, backend), A2 = create(5, backend), A3 = create(6, backend);
      try {
        const x = new Rng(13).gaussianVec(A1.inputDim), copy = x.slice();
        expect(Array.from(A1.apply(x))).toEqual(Array.from(A2.apply(x)));
        if (model.seeded) expect(Array.from(A1.apply(x))).not.toEqual(Array.from(A3.apply(x)));
        expect(Array.from(x)).toEqual(Array.from(copy));
      } finally {
        for (const A of [A1, A2, A3]) A.dispose();
        backend.dispose();
      }
    });
  });
}
