/**
 * Small dense-vector helpers shared by the checks (validation with typed errors, norms, angles).
 * Internal: not exported from the package index.
 */
import { ArgumentError, ShapeError, type Vec } from '@dpr/linalg';

/** Throws unless `x` is a finite Float64Array of length `k` (when given). */
export function checkVec(parameter: string, x: unknown, k?: number): asserts x is Vec {
  if (!(x instanceof Float64Array)) throw new ArgumentError(parameter, 'a Float64Array', x);
  if (k !== undefined && x.length !== k) throw new ShapeError(parameter, `length ${k}`, x.length);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i] as number)) throw new ArgumentError(`${parameter}[${i}]`, 'a finite number', x[i]);
  }
}

/** Throws unless `x` is a finite, non-zero Float64Array (of length `k`). */
export function checkNonZero(parameter: string, x: unknown, k?: number): asserts x is Vec {
  checkVec(parameter, x, k);
  if (norm(x) === 0) throw new ArgumentError(parameter, 'a non-zero vector');
}

/** Throws unless `v` is a positive safe integer. */
export function checkPositiveInt(parameter: string, v: unknown): asserts v is number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw new ArgumentError(parameter, 'a positive integer', v);
}

/** Throws unless `v` is a non-negative safe integer. */
export function checkNonNegativeInt(parameter: string, v: unknown): asserts v is number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new ArgumentError(parameter, 'a non-negative integer', v);
}

/** Throws unless `v` is a finite number > 0. */
export function checkPositive(parameter: string, v: unknown): asserts v is number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new ArgumentError(parameter, 'a finite positive number', v);
}

/** ⟨x, y⟩. */
export function dotv(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] as number) * (y[i] as number);
  return s;
}

/** ‖x‖₂ (scaled to avoid overflow is unnecessary at these sizes). */
export function norm(x: ArrayLike<number>): number {
  return Math.sqrt(dotv(x, x));
}

/** x / ‖x‖ (a new vector). */
export function unit(x: Vec): Vec {
  const r = norm(x);
  return x.map((v) => v / r);
}

/** a·x + b·y (a new vector). */
export function combine(a: number, x: Vec, b: number, y: Vec): Vec {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = a * (x[i] as number) + b * (y[i] as number);
  return out;
}
