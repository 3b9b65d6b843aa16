/**
 * DPR's engine with everything resident on the backend for the whole solve (see `dpr-engine.ts`):
 * G's layers (`Generator.residentPass`), A, b, the codes, every layer's output and σ' mask, the
 * residuals. One iteration is three passes over each matrix, each a fused product with its
 * epilogue (`Backend.product`): the backward pass Aᵀr ⊙ σ'_d → Wᵢᵀ(·) ⊙ σ'ᵢ₋₁ → v; the tangent
 * W₁v ⊙ σ'₁ → … → A J v with ‖·‖² in the same call; and the candidate x − αv with its negation
 * (2R columns): layers with their masks, then A with the amplitude residual and f in the same call.
 * Only k × R codes, directions and R numbers cross to the host; the workspaces are allocated once.
 */
import { ArgumentError, DenseOperator, mat, type Mat, type ResidentBatch } from '@dpr/linalg';
import type { ResidentPoint } from '@dpr/generative-prior';
import type { Problem } from '../problem.js';
import type { DprEngine, DprWorkspace } from './dpr-engine.js';
import { rescaleCodes, selectColumns } from './latent-batch.js';

/** Columns of one backtracking trial batch. */
export const TRIAL_COLUMNS = 8;

interface Buffer {
  point: ResidentPoint;
  /** sgn(A G(x)) ⊙ (|A G(x)| − b), m × 2R. */
  residual: ResidentBatch;
  /** f at the 2R columns. */
  f: Float64Array;
}

/**
 * The resident workspace for R runs, or undefined when G has no resident form or A is not a dense
 * matrix on G's backend. Every batch of the solve is allocated here, before b and the codes are
 * looked at; {@link DprWorkspace.start} uploads b and evaluates the codes. Without `negations`,
 * points are evaluated without their negations (`fNegated` is empty).
 */
export function residentDprWorkspace(problem: Problem, R0: number, negations = true): DprWorkspace | undefined {
  const G = problem.prior!, A = problem.A;
  if (!(A instanceof DenseOperator) || typeof G.residentPass !== 'function') return undefined;
  const k = G.latentDim, m = A.outputDim, n = A.inputDim;
  const capacity = Math.max(negations ? 2 * R0 : R0, TRIAL_COLUMNS);
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
  const dispose = () => {
    for (const x of owned) x.dispose();
    pass.dispose();
  };
  const b = batch(m, 1);
  const buffer = (): Buffer => ({ point: pass.point(), residual: batch(m, capacity), f: new Float64Array(capacity) });
  let cur = buffer(), next = buffer();
  const trial = buffer();
  const gradOut = batch(n, R0), V = batch(k, R0), tangent = batch(n, R0), AJv = batch(m, R0);
  const curv = new Float64Array(R0);
  // the batch's runs (R ≤ R0 after `restrict`) and its host codes; sized by `resize`
  let R = R0, width = 0, Vhost = mat(k, R0), codes = mat(k, R0), X = mat(k, R0), Xnext = X;
  const resize = (runs: number) => {
    R = runs;
    width = negations ? 2 * R : R;
    [Vhost, codes, X, Xnext] = [mat(k, R), mat(k, width), mat(k, R), mat(k, R)];
  };
  resize(R0);

  /** f (and the residuals) at the first `count` codes of `p`, σ' kept when `keep`. */
  const evaluate = (p: Buffer, count: number, keep: boolean) => {
    pass.forward(p.point, count, keep);
    be.product(false, Am, p.point.output, p.residual, { kind: 'amplitude', b, loss: p.f }, count);
  };
  /** Codes Y (and −Y) into `p`, evaluated and linearised. */
  const evaluatePair = (p: Buffer, Y: Mat) => {
    for (let i = 0; i < k; i++) {
      for (let r = 0; r < R; r++) {
        const v = Y.data[i * R + r] as number;
        codes.data[i * width + r] = v;
        if (negations) codes.data[i * width + R + r] = -v;
      }
    }
    be.writeBatch(p.point.codes, codes);
    evaluate(p, width, true);
  };
  /** ‖A G(x_r)‖² of the codes Y, one resident forward pass (the scale of the start). */
  const measuredNorms2 = (Y: Mat) => {
    be.writeBatch(trial.point.codes, Y);
    pass.forward(trial.point, R, false);
    be.product(false, Am, trial.point.output, trial.residual, { kind: 'sumsq', out: curv }, R);
    return curv;
  };

  const engine: DprEngine = {
    get R() {
      return R;
    },
    precision: be.precision,
    get X() {
      return X;
    },
    get f() {
      return cur.f.subarray(0, R);
    },
    get fNegated() {
      return cur.f.subarray(R, width);
    },
    negate(runs) {
      for (const r of runs) for (let i = 0; i < k; i++) X.data[i * R + r] = -(X.data[i * R + r] as number);
      be.writeBatch(cur.point.codes, X);
      evaluate(cur, R, true);
    },
    descent() {
      be.product(true, Am, cur.residual, gradOut, { kind: 'scale', by: cur.point.outputDerivative }, R);
      pass.vjpScaled(cur.point, gradOut, V, R);
      return be.readBatch(V, Vhost);
    },
    curvature() {
      pass.jvp(cur.point, V, tangent, R);
      const out = curv.subarray(0, R);
      be.product(false, Am, tangent, AJv, { kind: 'sumsq', out }, R);
      return out;
    },
    propose(Xc) {
      Xnext.data.set(Xc.data);
      evaluatePair(next, Xc);
      return next.f.subarray(0, R);
    },
    commit() {
      [cur, next, X, Xnext] = [next, cur, Xnext, X];
    },
    restrict(runs) {
      const Y = selectColumns(X, runs);
      resize(runs.length);
      X.data.set(Y.data);
      evaluatePair(cur, X);
    },
    objective(C) {
      const out = new Float64Array(C.cols);
      for (let c0 = 0; c0 < C.cols; c0 += capacity) {
        const c = Math.min(capacity, C.cols - c0);
        be.writeBatch(trial.point.codes, c0 === 0 && c === C.cols ? C : selectColumns(C, Array.from({ length: c }, (_, j) => c0 + j)));
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
    dispose,
  };
  return {
    start(X0, rescale) {
      if (X0.rows !== k || X0.cols !== R0) throw new ArgumentError('X0', `a ${k} × ${R0} matrix of codes`, `${X0.rows} × ${X0.cols}`);
      be.writeBatch(b, { rows: m, cols: 1, data: problem.b });
      X.data.set((rescale ? rescaleCodes(X0, measuredNorms2(X0), problem.b) : X0).data);
      evaluatePair(cur, X);
      return engine;
    },
    dispose,
  };
}
