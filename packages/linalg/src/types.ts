/**
 * Core value types.
 *
 * Precision policy (decided once): every vector that crosses a public API is a `Float64Array`
 * (`Vec`), and host matrices (`Mat`) are `Float64Array`-backed, row-major. A backend may *store*
 * the matrices uploaded to it in lower precision (`wasm` and `gpujs` store and multiply in
 * float32, `js` in float64); its `precision` field says which, and results are converted back to
 * float64 at the boundary. Solvers therefore always work in float64 and only the heavy products
 * run in the backend's precision.
 */
import { ArgumentError, ShapeError } from './errors.js';

/** A dense vector. */
export type Vec = Float64Array;

/** A host-side dense matrix, row-major: entry (i, j) is `data[i * cols + j]`. */
export interface Mat {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** Create a host matrix, zero-filled or wrapping/copying `data` (length must be rows*cols). */
export function mat(rows: number, cols: number, data?: ArrayLike<number>): Mat {
  assertDim('rows', rows);
  assertDim('cols', cols);
  if (data === undefined) return { rows, cols, data: new Float64Array(rows * cols) };
  if (data.length !== rows * cols) throw new ShapeError('data', `length rows*cols = ${rows * cols}`, data.length);
  return { rows, cols, data: data instanceof Float64Array ? data : Float64Array.from(data) };
}

/** Throws unless `n` is a non-negative safe integer. */
export function assertDim(parameter: string, n: unknown): asserts n is number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new ArgumentError(parameter, 'a non-negative integer', n);
  }
}

/** Throws unless `x` is a Float64Array (optionally of length `length`). */
export function assertVec(parameter: string, x: unknown, length?: number): asserts x is Vec {
  if (!(x instanceof Float64Array)) throw new ArgumentError(parameter, 'a Float64Array', x);
  if (length !== undefined && x.length !== length) throw new ShapeError(parameter, `length ${length}`, x.length);
}

/** Throws unless every entry of `x` is finite. */
export function assertFinite(parameter: string, x: ArrayLike<number>): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (!Number.isFinite(v)) throw new ArgumentError(`${parameter}[${i}]`, 'a finite number', v);
  }
}

/** Throws unless `v` is a finite number. */
export function assertFiniteNumber(parameter: string, v: unknown): asserts v is number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ArgumentError(parameter, 'a finite number', v);
}
