/**
 * THE conformance spec for {@link Backend}: every backend's test file calls
 * `describeBackend(name, factory)`. Results are compared with a float64 reference with a tolerance
 * derived from the backend's precision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATION_NAMES, ArgumentError, ShapeError, Rng, activation, amplitudeResidual, mat, type Backend, type Epilogue, type Mat } from '../src/index.js';
import fixtures from './fixtures/blas-fixtures.json' with { type: 'json' };
import { describeComplexProducts } from './complex-conformance.js';

/** Reference y ← α op(A) x + β y in float64, by the textbook double loop. */
export function refGemv(trans: boolean, alpha: number, A: Float64Array, m: number, n: number, x: ArrayLike<number>, beta: number, y: ArrayLike<number>): Float64Array {
  const out = new Float64Array(trans ? n : m);
  for (let i = 0; i < out.length; i++) {
    let s = 0;
    const len = trans ? m : n;
    for (let j = 0; j < len; j++) s += (trans ? A[j * n + i]! : A[i * n + j]!) * x[j]!;
    out[i] = alpha * s + (beta === 0 ? 0 : beta * y[i]!);
  }
  return out;
}

/** Reference C ← α op(A) B + β C. */
export function refGemm(trans: boolean, alpha: number, A: Float64Array, m: number, n: number, B: Mat, beta: number, C: Mat): Float64Array {
  const rows = trans ? n : m, inner = trans ? m : n, p = B.cols;
  const out = new Float64Array(rows * p);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let l = 0; l < inner; l++) s += (trans ? A[l * n + i]! : A[i * n + l]!) * B.data[l * p + j]!;
      out[i * p + j] = alpha * s + (beta === 0 ? 0 : beta * C.data[i * p + j]!);
    }
  }
  return out;
}

/** Relative tolerance for a backend: a few units of its precision, scaled by sqrt of the reduction length. */
export function tolerance(backend: Backend, inner: number): number {
  const eps = backend.precision === 32 ? 2 ** -23 : 2 ** -52;
  return 8 * eps * Math.sqrt(Math.max(1, inner)) * (backend.precision === 32 ? 4 : 1);
}

/** Assert `got` ≈ `want` relative to the magnitude of the products involved. */
function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, scale: number, tol: number): void {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
  expect(worst).toBeLessThanOrEqual(tol * Math.max(scale, 1e-300));
}

/** Magnitude scale Σ|a||x| bound: ‖A‖_max · ‖x‖₁ style, crude but safe. */
function scaleOf(A: ArrayLike<number>, x: ArrayLike<number>, alpha: number, beta: number, y: ArrayLike<number>): number {
  let am = 0, xs = 0, ym = 0;
  for (let i = 0; i < A.length; i++) am = Math.max(am, Math.abs(A[i]!));
  for (let i = 0; i < x.length; i++) xs += Math.abs(x[i]!);
  for (let i = 0; i < y.length; i++) ym = Math.max(ym, Math.abs(y[i]!));
  return Math.abs(alpha) * am * xs + Math.abs(beta) * ym;
}

interface GemvFixture { name: string; trans: boolean; alpha: number; beta: number; m: number; n: number; A: number[]; x: number[]; y: number[]; expected: number[] }
interface GemmFixture { name: string; trans: boolean; alpha: number; beta: number; m: number; n: number; p: number; A: number[]; B: number[]; C: number[]; expected: number[] }

/** Run the whole conformance spec against the backend made by `factory`. */
export function describeBackend(name: string, factory: () => Promise<Backend>): void {
  describe(`Backend conformance: ${name}`, () => {
    let backend: Backend;
    beforeAll(async () => {
      backend = await factory();
    }, 600_000);
    afterAll(() => backend?.dispose());

    it('reports its name and precision', () => {
      expect(['js', 'wasm', 'gpujs']).toContain(backend.name);
      expect([32, 64]).toContain(backend.precision);
    });

    it('round-trips matrix entries within precision', () => {
      const data = new Rng(3).gaussianVec(35);
      const A = backend.matrix(data, 5, 7);
      expect([A.rows, A.cols]).toEqual([5, 7]);
      expectClose(A.toFloat64Array(), data, 4, backend.precision === 32 ? 2 ** -22 : 0);
      A.dispose();
      expect(A.disposed).toBe(true);
    });

    for (const f of fixtures.gemv as GemvFixture[]) {
      it(`gemv fixture: ${f.name}`, () => {
        const A = backend.matrix(f.A, f.m, f.n);
        const y = Float64Array.from(f.y);
        const out = backend.gemv(f.trans, f.alpha, A, Float64Array.from(f.x), f.beta, y);
        expect(out).toBe(y);
        expectClose(y, f.expected, scaleOf(f.A, f.x, f.alpha, f.beta, f.y), tolerance(backend, f.trans ? f.m : f.n));
        A.dispose();
      });
    }

    for (const f of fixtures.gemm as GemmFixture[]) {
      it(`gemm fixture: ${f.name}`, () => {
        const A = backend.matrix(f.A, f.m, f.n);
        const inner = f.trans ? f.m : f.n, rows = f.trans ? f.n : f.m;
        const C = mat(rows, f.p, f.C);
        backend.gemm(f.trans, f.alpha, A, mat(inner, f.p, f.B), f.beta, C);
        expectClose(C.data, f.expected, scaleOf(f.A, f.B, f.alpha, f.beta, f.C) , tolerance(backend, inner));
        A.dispose();
      });
    }

    const shapes: Array<[number, number]> = [[1, 1], [1, 9], [9, 1], [3, 5], [7, 13], [17, 3], [33, 31], [64, 64], [129, 67], [250, 401]];
    for (const [m, n] of shapes) {
      for (const trans of [false, true]) {
        it(`gemv random ${m}x${n}${trans ? ' transposed' : ''} matches the float64 reference`, () => {
          const rng = new Rng(m * 1000 + n + (trans ? 7 : 0));
          const a = rng.gaussianVec(m * n);
          const A = backend.matrix(a, m, n);
          const inDim = trans ? m : n, outDim = trans ? n : m;
          for (const [alpha, beta] of [[1, 0], [-0.5, 2], [2.5, 1], [0, 3]] as const) {
            const x = rng.gaussianVec(inDim);
            const y0 = rng.gaussianVec(outDim);
            const y = y0.slice();
            backend.gemv(trans, alpha, A, x, beta, y);
            expectClose(y, refGemv(trans, alpha, a, m, n, x, beta, y0), scaleOf(a, x, alpha, beta, y0), tolerance(backend, inDim));
          }
          A.dispose();
        });
      }
    }

    for (const [m, n, p] of [[1, 1, 1], [5, 3, 2], [13, 17, 7], [64, 40, 9], [100, 50, 33]] as const) {
      for (const trans of [false, true]) {
        it(`gemm random ${m}x${n}·${p}${trans ? ' transposed' : ''} matches the float64 reference`, () => {
          const rng = new Rng(m * 31 + n * 7 + p + (trans ? 1 : 0));
          const a = rng.gaussianVec(m * n);
          const A = backend.matrix(a, m, n);
          const inner = trans ? m : n, rows = trans ? n : m;
          for (const [alpha, beta] of [[1, 0], [0.75, -1.5]] as const) {
            const B = mat(inner, p, rng.gaussianVec(inner * p));
            const C0 = mat(rows, p, rng.gaussianVec(rows * p));
            const C = mat(rows, p, C0.data.slice());
            backend.gemm(trans, alpha, A, B, beta, C);
            expectClose(C.data, refGemm(trans, alpha, a, m, n, B, beta, C0), scaleOf(a, B.data, alpha, beta, C0.data), tolerance(backend, inner));
          }
          A.dispose();
        });
      }
    }

    it('gemv with beta = 0 ignores NaN in y', () => {
      const A = backend.matrix([1, 2, 3, 4], 2, 2);
      const y = new Float64Array([Number.NaN, Number.NaN]);
      backend.gemv(false, 1, A, new Float64Array([1, 1]), 0, y);
      expectClose(y, [3, 7], 7, tolerance(backend, 2));
      A.dispose();
    });

    it('gemv handles x aliasing y (square A)', () => {
      const a = [2, 1, 0, 3];
      const A = backend.matrix(a, 2, 2);
      const v = new Float64Array([1, 2]);
      backend.gemv(false, 1, A, v, 1, v);
      expectClose(v, [1 * 2 + 2 * 1 + 1, 3 * 2 + 2], 10, tolerance(backend, 2));
      const w = new Float64Array([1, 2]);
      backend.gemv(true, 1, A, w, 0, w);
      expectClose(w, [2, 1 + 6], 10, tolerance(backend, 2));
      A.dispose();
    });

    it('gemm handles B aliasing C', () => {
      const A = backend.matrix([1, 2, 3, 4], 2, 2);
      const B = mat(2, 1, [1, 1]);
      backend.gemm(false, 1, A, B, 0, B);
      expectClose(B.data, [3, 7], 7, tolerance(backend, 2));
      A.dispose();
    });

    it('handles empty shapes', () => {
      const A0 = backend.matrix([], 0, 4);
      expect(backend.gemv(false, 1, A0, new Float64Array(4), 0, new Float64Array(0)).length).toBe(0);
      const z = new Float64Array([5, 5, 5, 5]);
      backend.gemv(true, 1, A0, new Float64Array(0), 0, z);
      expect(Array.from(z)).toEqual([0, 0, 0, 0]);
      A0.dispose();
      const A1 = backend.matrix([], 3, 0);
      const y = new Float64Array([1, 2, 3]);
      backend.gemv(false, 2, A1, new Float64Array(0), 2, y);
      expect(Array.from(y)).toEqual([2, 4, 6]);
      A1.dispose();
    });

    it('rejects bad input with typed errors', () => {
      const A = backend.matrix([1, 2, 3, 4, 5, 6], 2, 3);
      expect(() => backend.gemv(false, 1, A, new Float64Array(2), 0, new Float64Array(2))).toThrow(ShapeError);
      expect(() => backend.gemv(false, 1, A, new Float64Array(3), 0, new Float64Array(3))).toThrow(ShapeError);
      expect(() => backend.gemv(false, 1, A, new Float32Array(3) as unknown as Float64Array, 0, new Float64Array(2))).toThrow(ArgumentError);
      expect(() => backend.gemv(false, 1, A, new Float64Array([1, Number.NaN, 0]), 0, new Float64Array(2))).toThrow(/x\[1\]/);
      expect(() => backend.gemv(false, Number.POSITIVE_INFINITY, A, new Float64Array(3), 0, new Float64Array(2))).toThrow(/alpha/);
      expect(() => backend.matrix([1, 2, 3], 2, 2)).toThrow(ShapeError);
      expect(() => backend.matrix([1, Number.NaN, 3, 4], 2, 2)).toThrow(/data\[1\]/);
      expect(() => backend.matrix([1, 2], -1, 2)).toThrow(ArgumentError);
      expect(() => backend.gemm(false, 1, A, mat(2, 2), 0, mat(2, 2))).toThrow(ShapeError);
      A.dispose();
      expect(() => backend.gemv(false, 1, A, new Float64Array(3), 0, new Float64Array(2))).toThrow(/disposed/);
    });

    it('rejects matrices from another backend instance', async () => {
      const other = await factory();
      const B = other.matrix([1], 1, 1);
      expect(() => backend.gemv(false, 1, B, new Float64Array(1), 0, new Float64Array(1))).toThrow(ArgumentError);
      other.dispose();
    });

    it('says whether it was disposed, and refuses work once it is', async () => {
      const other = await factory();
      expect(other.disposed).toBe(false);
      other.dispose();
      expect(other.disposed).toBe(true);
      expect(() => other.matrix([1], 1, 1)).toThrow(/disposed/);
    });
    describe('resident batches and fused products', () => {
      it('round-trips leading columns of a batch within precision', () => {
        const X = backend.batch(7, 5);
        const M = mat(7, 3, new Rng(2).gaussianVec(21));
        backend.writeBatch(X, M);
        const all = backend.readBatch(X, mat(7, 5));
        const first = backend.readBatch(X, mat(7, 3));
        expectClose(first.data, M.data, 4, backend.precision === 32 ? 2 ** -22 : 0);
        for (let i = 0; i < 7; i++) for (const c of [3, 4]) expect(all.data[i * 5 + c]).toBe(0);
        X.dispose();
        expect(X.disposed).toBe(true);
      });

      // shapes with row and column tails, reductions past one 256-term block, batches of 1..9
      const cases: Array<[number, number, number]> = [[1, 1, 1], [7, 5, 3], [13, 300, 2], [300, 13, 9], [33, 31, 5], [64, 64, 4]];
      const epilogues: Array<[string, (r: Rng, rows: number, count: number) => { epi: Epilogue | undefined; ref: (Y: Float64Array) => Float64Array; extra?: () => Float64Array; extraRef?: Float64Array }]> = [];
      epilogues.push(['none', () => ({ epi: undefined, ref: (Y) => Y })]);
      for (const name of ACTIVATION_NAMES) {
        epilogues.push([`${name} with bias and derivative`, (r, rows, count) => {
          const act = activation(name, 0.2);
          const bias = r.gaussianVec(rows), biasB = backend.batch(rows, 1);
          backend.writeBatch(biasB, mat(rows, 1, bias));
          const D = backend.batch(rows, count + 1);
          const dRef = new Float64Array(rows * count);
          return {
            epi: { kind: 'activation', activation: act, bias: biasB, derivative: D },
            ref: (Y) => {
              const out = Y.slice();
              act.applyInPlace(out, count, Float64Array.from(backend.readBatch(biasB, mat(rows, 1)).data), dRef);
              return out;
            },
            extra: () => backend.readBatch(D, mat(rows, count)).data,
            extraRef: dRef,
          };
        }]);
      }
      epilogues.push(['relu without bias', (_r, rows, count) => {
        const act = activation('relu');
        return { epi: { kind: 'activation', activation: act }, ref: (Y) => { const o = Y.slice(); act.applyInPlace(o, count, undefined, undefined); return o; } };
      }]);
      epilogues.push(['scale', (r, rows, count) => {
        const S = mat(rows, count, r.gaussianVec(rows * count)), SB = backend.batch(rows, count);
        backend.writeBatch(SB, S);
        const s = backend.readBatch(SB, mat(rows, count)).data;
        return { epi: { kind: 'scale', by: SB }, ref: (Y) => Y.map((v, i) => v * s[i]!) };
      }]);
      epilogues.push(['amplitude', (r, rows, count) => {
        const b = r.gaussianVec(rows).map(Math.abs), bB = backend.batch(rows, 1);
        backend.writeBatch(bB, mat(rows, 1, b));
        const bs = backend.readBatch(bB, mat(rows, 1)).data;
        const loss = new Float64Array(count), lossRef = new Float64Array(count);
        return {
          epi: { kind: 'amplitude', b: bB, loss },
          ref: (Y) => {
            const out = Y.slice();
            for (let c = 0; c < count; c++) lossRef[c] = amplitudeResidual(out, bs, out, c, count);
            return out;
          },
          extra: () => loss,
          extraRef: lossRef,
        };
      }]);
      epilogues.push(['sumsq', (_r, rows, count) => {
        const out = new Float64Array(count), outRef = new Float64Array(count);
        return {
          epi: { kind: 'sumsq', out },
          ref: (Y) => {
            for (let c = 0; c < count; c++) for (let i = 0; i < rows; i++) outRef[c] = outRef[c]! + Y[i * count + c]! ** 2;
            return Y;
          },
          extra: () => out,
          extraRef: outRef,
        };
      }]);

      for (const [m, n, R] of cases) {
        for (const trans of [false, true]) {
          it(`product ${m}x${n}${trans ? 'ᵀ' : ''} on ${R} of ${R + 1} vectors matches GEMM + the float64 epilogue, for every epilogue`, () => {
            const r = new Rng(m * 7 + n * 3 + R + (trans ? 100 : 0));
            const a = r.gaussianVec(m * n), A = backend.matrix(a, m, n);
            const inDim = trans ? m : n, outDim = trans ? n : m;
            for (const [label, make] of epilogues) {
              const Xh = mat(inDim, R + 1, r.gaussianVec(inDim * (R + 1)));
              const X = backend.batch(inDim, R + 1), Y = backend.batch(outDim, R + 1);
              backend.writeBatch(X, Xh);
              const x = backend.readBatch(X, mat(inDim, R)); // what the backend stores (float32-rounded)
              const { epi, ref, extra, extraRef } = make(r, outDim, R);
              backend.product(trans, A, X, Y, epi, R);
              const got = backend.readBatch(Y, mat(outDim, R + 1));
              const lin = refGemm(trans, 1, Float64Array.from(A.toFloat64Array()), m, n, x, 0, mat(outDim, R));
              const want = ref(lin);
              const tol = tolerance(backend, inDim) * 4, scale = Math.max(1, ...Array.from(lin, Math.abs)) * Math.sqrt(inDim);
              const gotLead = new Float64Array(outDim * R);
              for (let i = 0; i < outDim; i++) for (let c = 0; c < R; c++) gotLead[i * R + c] = got.data[i * (R + 1) + c]!;
              for (let i = 0; i < want.length; i++) {
                if (!(Math.abs(gotLead[i]! - want[i]!) <= tol * scale)) expect.fail(`${label}: entry ${i}: ${gotLead[i]} vs ${want[i]}`);
              }
              for (let i = 0; i < outDim; i++) expect(got.data[i * (R + 1) + R], `${label}: vector ${R} is untouched`).toBe(0);
              if (extra && extraRef) {
                const e = extra(), big = Math.max(1, ...Array.from(extraRef, Math.abs));
                for (let i = 0; i < extraRef.length; i++) {
                  if (!(Math.abs(e[i]! - extraRef[i]!) <= tol * big * Math.sqrt(outDim))) expect.fail(`${label}: side output ${i}: ${e[i]} vs ${extraRef[i]}`);
                }
              }
              X.dispose();
              Y.dispose();
            }
            A.dispose();
          });
        }
      }

      // the zeros behind a ReLU, which a backend may skip: sparse vectors (A x) and 0/1 masks (Aᵀ x ⊙ s)
      for (const [m, n] of [[13, 300], [300, 13], [33, 31], [257, 515]] as Array<[number, number]>) {
        for (const trans of [false, true]) {
          it(`product ${m}x${n}${trans ? 'ᵀ' : ''} with ReLU-sparse vectors${trans ? ' and 0/1 masks' : ''} matches the float64 reference`, () => {
            const r = new Rng(m * 11 + n + (trans ? 7 : 0));
            const A = backend.matrix(r.gaussianVec(m * n), m, n), Ah = Float64Array.from(A.toFloat64Array());
            const inDim = trans ? m : n, outDim = trans ? n : m;
            const relu = (v: Float64Array) => v.map((t) => Math.max(t, 0));
            const g = r.gaussianVec(inDim), neg = g.map((t) => -t);
            const oneHot = new Float64Array(inDim).fill(0);
            oneHot[inDim - 1] = 2.5;
            const columns = (...vs: Float64Array[]) => mat(inDim, vs.length, Float64Array.from({ length: inDim * vs.length }, (_, k) => vs[k % vs.length]![Math.floor(k / vs.length)]!));
            const inputs: Array<[string, Mat]> = [
              ['one ReLU vector', columns(relu(g))],
              ['a ReLU vector and the ReLU of its negation', columns(relu(g), relu(neg))],
              ['zero', columns(new Float64Array(inDim))],
              ['one nonzero entry', columns(oneHot)],
              ['a dense and a sparse vector', columns(g, relu(neg))],
            ];
            for (const [label, Xh] of inputs) {
              const R = Xh.cols, X = backend.batch(inDim, R), Y = backend.batch(outDim, R);
              backend.writeBatch(X, Xh);
              const x = backend.readBatch(X, mat(inDim, R));
              const lin = refGemm(trans, 1, Ah, m, n, x, 0, mat(outDim, R));
              const masks: Array<[string, Float64Array | undefined]> = trans
                ? [['a 0/1 mask', Float64Array.from({ length: outDim * R }, () => (r.uniform() < 0.5 ? 1 : 0))], ['an all-zero mask', new Float64Array(outDim * R)], ['no mask', undefined]]
                : [['no epilogue', undefined]];
              for (const [maskLabel, s] of masks) {
                const SB = s ? backend.batch(outDim, R) : undefined;
                if (SB && s) backend.writeBatch(SB, mat(outDim, R, s));
                backend.product(trans, A, X, Y, SB ? { kind: 'scale', by: SB } : undefined, R);
                const got = backend.readBatch(Y, mat(outDim, R)).data;
                const want = s ? lin.map((v, i) => v * s[i]!) : lin;
                const tol = tolerance(backend, inDim) * 4, scale = Math.max(1, ...Array.from(lin, Math.abs)) * Math.sqrt(inDim);
                for (let i = 0; i < want.length; i++) {
                  if (!(Math.abs(got[i]! - want[i]!) <= tol * scale)) expect.fail(`${label}, ${maskLabel}: entry ${i}: ${got[i]} vs ${want[i]}`);
                  if (s && s[i] === 0 && got[i] !== 0) expect.fail(`${label}, ${maskLabel}: entry ${i} is masked but ${got[i]}`);
                }
                SB?.dispose();
              }
              X.dispose();
              Y.dispose();
            }
            A.dispose();
          });
        }
      }

      it('chains products through padded outputs (softplus with bias is not 0 at 0)', () => {
        const r = new Rng(9);
        const [k, h, n] = [3, 7, 5];
        const w1 = r.gaussianVec(h * k), w2 = r.gaussianVec(n * h), bias = r.gaussianVec(h);
        const W1 = backend.matrix(w1, h, k), W2 = backend.matrix(w2, n, h);
        const X = backend.batch(k, 2), H = backend.batch(h, 2), Y = backend.batch(n, 2), Bb = backend.batch(h, 1);
        const x = mat(k, 2, r.gaussianVec(2 * k));
        backend.writeBatch(X, x);
        backend.writeBatch(Bb, mat(h, 1, bias));
        const sp = activation('softplus');
        backend.product(false, W1, X, H, { kind: 'activation', activation: sp, bias: Bb });
        backend.product(false, W2, H, Y);
        const hRef = refGemm(false, 1, w1, h, k, x, 0, mat(h, 2));
        sp.applyInPlace(hRef, 2, bias, undefined);
        const yRef = refGemm(false, 1, w2, n, h, mat(h, 2, hRef), 0, mat(n, 2));
        expectClose(backend.readBatch(Y, mat(n, 2)).data, yRef, Math.max(...Array.from(yRef, Math.abs)), 100 * tolerance(backend, h));
        for (const b of [W1, W2]) b.dispose();
        for (const b of [X, H, Y, Bb]) b.dispose();
      });

      it('rejects bad batches, counts and epilogues with typed errors', async () => {
        const A = backend.matrix([1, 2, 3, 4, 5, 6], 2, 3);
        const X = backend.batch(3, 2), Y = backend.batch(2, 2), Z = backend.batch(3, 2);
        expect(() => backend.product(false, A, Z, Z)).toThrow(ArgumentError);
        expect(() => backend.product(false, A, Y, Y)).toThrow(ArgumentError);
        expect(() => backend.product(false, A, X, Z)).toThrow(ShapeError);
        expect(() => backend.product(true, A, X, Y)).toThrow(ShapeError);
        expect(() => backend.product(false, A, X, Y, undefined, 3)).toThrow(/count/);
        expect(() => backend.product(false, A, X, Y, { kind: 'sumsq', out: new Float64Array(1) })).toThrow(/epilogue\.out/);
        expect(() => backend.product(false, A, X, Y, { kind: 'scale', by: Z })).toThrow(ShapeError);
        expect(() => backend.product(false, A, X, Y, { kind: 'nope' } as unknown as Epilogue)).toThrow(/epilogue\.kind/);
        expect(() => backend.writeBatch(X, mat(3, 3))).toThrow(ShapeError);
        expect(() => backend.writeBatch(X, mat(3, 1, [1, Number.NaN, 0]))).toThrow(/M\.data\[1\]/);
        expect(() => backend.readBatch(X, mat(2, 2))).toThrow(ShapeError);
        const other = await factory();
        const O = other.batch(3, 2);
        expect(() => backend.product(false, A, O, Y)).toThrow(/created by this/);
        other.dispose();
        X.dispose();
        expect(() => backend.product(false, A, X, Y)).toThrow(/disposed/);
        for (const b of [Y, Z]) b.dispose();
        A.dispose();
      });
    });

    describeComplexProducts(() => backend, factory);
  });
}
