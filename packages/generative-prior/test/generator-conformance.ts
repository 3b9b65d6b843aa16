/**
 * THE conformance spec for {@link Generator}: every generator's test calls `describeGenerator`.
 */
import { describe, expect, it } from 'vitest';
import { ArgumentError, Rng, dot, mat, nrm2, type Mat } from '@dpr/linalg';
import type { Generator } from '../src/index.js';

export function describeGenerator(name: string, factory: () => Generator, tol = 1e-6): void {
  describe(`Generator conformance: ${name}`, () => {
    const G = factory();
    const rng = new Rng(99);
    const k = G.latentDim, n = G.outputDim;

    it('forward has the right shape, is deterministic and does not mutate x', () => {
      const x = rng.gaussianVec(k);
      const x0 = x.slice();
      const y = G.forward(x);
      expect(y.length).toBe(n);
      expect(Array.from(G.forward(x))).toEqual(Array.from(y));
      expect(Array.from(x)).toEqual(Array.from(x0));
      expect(Array.from(G.linearize(x).value)).toEqual(Array.from(y));
    });

    it('vjp matches central finite differences of <v, G(x)>', () => {
      for (let trial = 0; trial < 3; trial++) {
        const x = rng.gaussianVec(k), v = rng.gaussianVec(n);
        const g = G.linearize(x).vjp(v);
        const h = 1e-6 * Math.max(1, nrm2(x));
        for (let i = 0; i < Math.min(k, 5); i++) {
          const xp = x.slice(), xm = x.slice();
          xp[i]! += h;
          xm[i]! -= h;
          const fd = (dot(v, G.forward(xp)) - dot(v, G.forward(xm))) / (2 * h);
          expect(Math.abs(fd - g[i]!)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(fd)) * 100);
        }
      }
    });

    it('jvp is the adjoint of vjp: <J u, v> = <u, Jᵀ v>', () => {
      const x = rng.gaussianVec(k), u = rng.gaussianVec(k), v = rng.gaussianVec(n);
      const lin = G.linearize(x);
      const a = dot(lin.jvp(u), v), b = dot(u, lin.vjp(v));
      expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(a)));
    });

    it('batched forward / vjp / jvp equal the single-code versions column by column', () => {
      const R = 3;
      const cols = Array.from({ length: R }, () => rng.gaussianVec(k));
      const X = mat(k, R);
      cols.forEach((c, r) => c.forEach((v, i) => (X.data[i * R + r] = v)));
      const lin = G.linearizeBatch(X);
      const V = mat(n, R, rng.gaussianVec(n * R));
      const U = mat(k, R, rng.gaussianVec(k * R));
      const JtV = lin.vjp(V), JU = lin.jvp(U);
      const col = (M: { data: Float64Array; rows: number; cols: number }, r: number) => Float64Array.from({ length: M.rows }, (_, i) => M.data[i * M.cols + r]!);
      for (let r = 0; r < R; r++) {
        const single = G.linearize(cols[r]!);
        const close = (a: Float64Array, b: Float64Array) => {
          const scale = Math.max(1, nrm2(b));
          for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(tol * scale);
        };
        close(col(lin.value, r), single.value);
        close(col(JtV, r), single.vjp(col(V, r)));
        close(col(JU, r), single.jvp(col(U, r)));
        close(col(G.forwardBatch(X), r), single.value);
      }
    });

    if (G.positivelyHomogeneous) {
      it('is positively homogeneous: G(cx) = c G(x) for c >= 0', () => {
        const x = rng.gaussianVec(k);
        const y = G.forward(x);
        for (const c of [0, 0.5, 3]) {
          const yc = G.forward(x.map((v) => c * v));
          for (let i = 0; i < n; i++) expect(Math.abs(yc[i]! - c * y[i]!)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(c * y[i]!)));
        }
      });
    }

    it('its resident pass (if any) matches forward / vjp / jvp on the first `count` columns', () => {
      if (!G.residentPass) return;
      const cap = 4, count = 3;
      const pass = G.residentPass(cap);
      try {
        const be = pass.backend;
        const X = mat(k, count, rng.gaussianVec(k * count)), V = mat(n, count, rng.gaussianVec(n * count)), U = mat(k, count, rng.gaussianVec(k * count));
        const lin = G.linearizeBatch(X);
        const p = pass.point();
        be.writeBatch(p.codes, X);
        pass.forward(p, count, true);
        const read = (B: Parameters<typeof be.readBatch>[0], rows: number): Mat => be.readBatch(B, mat(rows, count));
        // vjpScaled expects V ⊙ σ'_d: scale on the host with the kept derivative
        const D = read(p.outputDerivative, n);
        const Vs = mat(n, count, V.data.map((v, i) => v * D.data[i]!));
        const Gb = be.batch(n, cap), out = be.batch(k, cap), Ub = be.batch(k, cap), JU = be.batch(n, cap);
        be.writeBatch(Gb, Vs);
        be.writeBatch(Ub, U);
        pass.vjpScaled(p, Gb, out, count);
        pass.jvp(p, Ub, JU, count);
        const rel = be.precision === 32 ? 1e-4 : 1e-10;
        const close = (a: Mat, b: Mat) => {
          const scale = Math.max(1, nrm2(b.data));
          for (let i = 0; i < a.data.length; i++) expect(Math.abs(a.data[i]! - b.data[i]!)).toBeLessThanOrEqual(rel * scale);
        };
        close(read(p.output, n), lin.value);
        close(read(out, k), lin.vjp(V));
        close(read(JU, n), lin.jvp(U));
        expect(() => pass.forward(p, cap + 1, false)).toThrow(ArgumentError);
        expect(() => pass.jvp(p, Gb, JU, count)).toThrow(ArgumentError);
        for (const b of [Gb, out, Ub, JU]) b.dispose();
      } finally {
        pass.dispose();
      }
    });

    it('rejects bad input with typed errors', () => {
      expect(() => G.forward(new Float64Array(k + 1))).toThrow(ArgumentError);
      const bad = new Float64Array(k);
      bad[0] = Number.NaN;
      expect(() => G.forward(bad)).toThrow(ArgumentError);
      expect(() => G.linearize(rng.gaussianVec(k)).vjp(new Float64Array(n + 1))).toThrow(ArgumentError);
      expect(() => G.forwardBatch(mat(k + 1, 2))).toThrow(ArgumentError);
    });
  });
}
