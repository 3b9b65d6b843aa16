/**
 * DPR's engine with everything resident on the backend for the whole solve (see `dpr-engine.ts`):
 * G's layers (`Generator.residentPass`), A, b, the codes, every layer's output and σ' mask, the
 * residuals. One iteration is three passes over each matrix, each a fused product with its
 * epilogue (`Backend.product`): the backward pass Aᵀr ⊙ σ'_d → Wᵢᵀ(·) ⊙ σ'ᵢ₋₁ → v; the tangent
 * W₁v ⊙ σ'₁ → … → A J v with ‖·‖² in the same call; and the candidate x − αv with its negation
 * (2R columns): layers with their masks, then A with the amplitude residual and f in the same call.
 * Only k × R codes, directions and R numbers cross to the host; the workspaces are allocated once.
 */
import { DenseOperator, mat, type Mat, type ResidentBatch, type Vec } from '@dpr/linalg';
import type { ResidentPoint } from '@dpr/generative-prior';
import type { Problem } from '../problem.js';
import type { DprEngine } from './dpr-engine.js';

/** Columns of one backtracking trial batch. */
export const TRIAL_COLUMNS = 8;

interface Buffer {
  point: ResidentPoint;
  /** sgn(A G(x)) ⊙ (|A G(x)| − b), m × 2R. */
  residual: ResidentBatch;
  /** f at the 2R columns. */
  f: Float64Array;
  /** Host codes, k × R. */
  X: Mat;
}

/**
 * The resident engine, or undefined when G has no resident form or A is not a dense matrix on G's
 * backend. Without `negations`, points are evaluated without their negations (`fNegated` is empty).
 */
export function residentDprEngine(problem: Problem, X0: Mat, negations = true): DprEngine | undefined {
  const G = problem.prior!, A = problem.A;
  if (!(A instanceof DenseOperator) || typeof G.residentPass !== 'function') return undefined;
  const R = X0.cols, k = X0.rows, m = A.outputDim, n = A.inputDim;
  const width = negations ? 2 * R : R;
  const capacity = Math.max(width, TRIAL_COLUMNS);
  const pass = G.residentPass(capacity);
  if (pass.backend !== A.backend) {
    pass.dispose();
    return undefined;
  }
  const be = pass.backend, Am = A.matrix;
  const owned: ResidentBatch[] = [];
  const batch = (rows: number, cols: number) => {
    const b = be.batch(rows, cols);
    owned.push(b);
    return b;
  };
  const b = batch(m, 1);
  be.writeBatch(b, { rows: m, cols: 1, data: problem.b });
  const buffer = (): Buffer => ({ point: pass.point(), residual: batch(m, capacity), f: new Float64Array(capacity), X: mat(k, R) });
  let cur = buffer(), next = buffer();
  const trial = buffer();
  const gradOut = batch(n, R), V = batch(k, R), tangent = batch(n, R), AJv = batch(m, R);
  const Vhost = mat(k, R), curv = new Float64Array(R);
  const codes = mat(k, width);

  /** f (and the residuals) at the first `count` codes of `p`, σ' kept when `keep`. */
  const evaluate = (p: Buffer, count: number, keep: boolean) => {
    pass.forward(p.point, count, keep);
    be.product(false, Am, p.point.output, p.residual, { kind: 'amplitude', b, loss: p.f }, count);
  };
  /** Codes X (and −X) into `p`, evaluated and linearised. */
  const evaluatePair = (p: Buffer, X: Mat) => {
    p.X.data.set(X.data);
    for (let i = 0; i < k; i++) {
      for (let r = 0; r < R; r++) {
        const v = X.data[i * R + r] as number;
        codes.data[i * width + r] = v;
        if (negations) codes.data[i * width + R + r] = -v;
      }
    }
    be.writeBatch(p.point.codes, codes);
    evaluate(p, width, true);
  };
  evaluatePair(cur, X0);

  return {
    R,
    precision: be.precision,
    get X() {
      return cur.X;
    },
    get f() {
      return cur.f.subarray(0, R);
    },
    get fNegated() {
      return cur.f.subarray(R, width);
    },
    negate(runs) {
      for (const r of runs) for (let i = 0; i < k; i++) cur.X.data[i * R + r] = -(cur.X.data[i * R + r] as number);
      be.writeBatch(cur.point.codes, cur.X);
      evaluate(cur, R, true);
    },
    descent() {
      be.product(true, Am, cur.residual, gradOut, { kind: 'scale', by: cur.point.outputDerivative }, R);
      pass.vjpScaled(cur.point, gradOut, V, R);
      return be.readBatch(V, Vhost);
    },
    curvature() {
      pass.jvp(cur.point, V, tangent, R);
      be.product(false, Am, tangent, AJv, { kind: 'sumsq', out: curv }, R);
      return curv;
    },
    propose(Xc) {
      evaluatePair(next, Xc);
      return next.f.subarray(0, R);
    },
    commit() {
      [cur, next] = [next, cur];
    },
    objective(C) {
      const out = new Float64Array(C.cols);
      for (let c0 = 0; c0 < C.cols; c0 += capacity) {
        const c = Math.min(capacity, C.cols - c0);
        const part = mat(k, c);
        for (let i = 0; i < k; i++) for (let j = 0; j < c; j++) part.data[i * c + j] = C.data[i * C.cols + c0 + j] as number;
        be.writeBatch(trial.point.codes, part);
        evaluate(trial, c, false);
        out.set(trial.f.subarray(0, c), c0);
      }
      return out;
    },
    estimate(r) {
      const cols = be.readBatch(cur.point.output, mat(n, r + 1));
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) y[i] = cols.data[i * (r + 1) + r] as number;
      return y;
    },
    dispose() {
      for (const x of owned) x.dispose();
      pass.dispose();
    },
  };
}
