/**
 * The `js` backend: float64 storage and plain TypeScript loops, blocked over rows (four for A x,
 * eight for Aᵀ y) so that each pass over x (or y) serves several rows of A. Always available;
 * the fallback of every other backend and the reference the conformance spec compares against.
 */
import type { Mat, Vec } from '../types.js';
import { BaseBackend, BaseMatrix } from './base-backend.js';

class JsMatrix extends BaseMatrix {
  constructor(
    readonly data: Float64Array,
    rows: number,
    cols: number,
    owner: JsBackend,
  ) {
    super(rows, cols, 'js', owner);
  }
  toFloat64Array(): Float64Array {
    return this.data.slice();
  }
  protected free(): void {}
}

/** Plain-loop float64 backend. */
export class JsBackend extends BaseBackend<JsMatrix> {
  readonly name = 'js' as const;
  readonly precision = 64 as const;
  readonly description = 'plain JavaScript loops, float64';
  private scratch = new Float64Array(0);

  protected createMatrix(data: ArrayLike<number>, rows: number, cols: number): JsMatrix {
    return new JsMatrix(Float64Array.from(data), rows, cols, this);
  }

  protected kernelGemv(trans: boolean, alpha: number, A: JsMatrix, x: Vec, beta: number, y: Vec): void {
    if (trans) gemvT(A.data, A.rows, A.cols, alpha, x, beta, y, this.tmp(A.cols));
    else gemvN(A.data, A.rows, A.cols, alpha, x, beta, y);
  }

  /** One four-row-blocked GEMV per column of B: measured faster in plain JS than a blocked GEMM loop. */
  protected kernelGemm(trans: boolean, alpha: number, A: JsMatrix, B: Mat, beta: number, C: Mat): void {
    this.gemmByColumns(trans, alpha, A, B, beta, C);
  }

  protected release(): void {
    this.scratch = new Float64Array(0);
  }

  private tmp(n: number): Float64Array {
    if (this.scratch.length < n) this.scratch = new Float64Array(n);
    return this.scratch;
  }
}

/** y ← α A x + β y, four rows per pass. */
function gemvN(a: Float64Array, m: number, n: number, alpha: number, x: Vec, beta: number, y: Vec): void {
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const r0 = i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let j = 0; j < n; j++) {
      const xj = x[j] as number;
      s0 += (a[r0 + j] as number) * xj;
      s1 += (a[r1 + j] as number) * xj;
      s2 += (a[r2 + j] as number) * xj;
      s3 += (a[r3 + j] as number) * xj;
    }
    y[i] = alpha * s0 + (beta === 0 ? 0 : beta * (y[i] as number));
    y[i + 1] = alpha * s1 + (beta === 0 ? 0 : beta * (y[i + 1] as number));
    y[i + 2] = alpha * s2 + (beta === 0 ? 0 : beta * (y[i + 2] as number));
    y[i + 3] = alpha * s3 + (beta === 0 ? 0 : beta * (y[i + 3] as number));
  }
  for (; i < m; i++) {
    const r = i * n;
    let s = 0;
    for (let j = 0; j < n; j++) s += (a[r + j] as number) * (x[j] as number);
    y[i] = alpha * s + (beta === 0 ? 0 : beta * (y[i] as number));
  }
}

/**
 * y ← α Aᵀ x + β y, accumulating eight rows of A per pass into t (then four, then one): each t_j
 * sums the rows in order, so the result is the same whatever the blocking.
 */
function gemvT(a: Float64Array, m: number, n: number, alpha: number, x: Vec, beta: number, y: Vec, t: Float64Array): void {
  t.fill(0, 0, n);
  let i = 0;
  for (; i + 7 < m; i += 8) {
    const r0 = i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n, r4 = r3 + n, r5 = r4 + n, r6 = r5 + n, r7 = r6 + n;
    const x0 = x[i] as number, x1 = x[i + 1] as number, x2 = x[i + 2] as number, x3 = x[i + 3] as number;
    const x4 = x[i + 4] as number, x5 = x[i + 5] as number, x6 = x[i + 6] as number, x7 = x[i + 7] as number;
    for (let j = 0; j < n; j++) {
      t[j] = (t[j] as number) + x0 * (a[r0 + j] as number) + x1 * (a[r1 + j] as number) +
        x2 * (a[r2 + j] as number) + x3 * (a[r3 + j] as number) + x4 * (a[r4 + j] as number) +
        x5 * (a[r5 + j] as number) + x6 * (a[r6 + j] as number) + x7 * (a[r7 + j] as number);
    }
  }
  for (; i + 3 < m; i += 4) {
    const r0 = i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
    const x0 = x[i] as number, x1 = x[i + 1] as number, x2 = x[i + 2] as number, x3 = x[i + 3] as number;
    for (let j = 0; j < n; j++) {
      t[j] = (t[j] as number) + x0 * (a[r0 + j] as number) + x1 * (a[r1 + j] as number) +
        x2 * (a[r2 + j] as number) + x3 * (a[r3 + j] as number);
    }
  }
  for (; i < m; i++) {
    const r = i * n, xi = x[i] as number;
    for (let j = 0; j < n; j++) t[j] = (t[j] as number) + xi * (a[r + j] as number);
  }
  for (let j = 0; j < n; j++) y[j] = alpha * (t[j] as number) + (beta === 0 ? 0 : beta * (y[j] as number));
}
