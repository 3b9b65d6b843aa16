/**
 * Level-1 BLAS on float64 vectors. These are O(n) and run in plain JavaScript on every backend.
 */
import { ShapeError } from '../errors.js';
import { assertVec, type Vec } from '../types.js';

function sameLength(px: string, x: Vec, py: string, y: Vec): void {
  assertVec(px, x);
  assertVec(py, y);
  if (x.length !== y.length) throw new ShapeError(py, `length ${x.length} (same as ${px})`, y.length);
}

/** xᵀy. */
export function dot(x: Vec, y: Vec): number {
  sameLength('x', x, 'y', y);
  let s0 = 0, s1 = 0;
  const n = x.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    s0 += (x[i] as number) * (y[i] as number);
    s1 += (x[i + 1] as number) * (y[i + 1] as number);
  }
  if (i < n) s0 += (x[i] as number) * (y[i] as number);
  return s0 + s1;
}

/** Euclidean norm ‖x‖₂, without overflow or underflow for extreme magnitudes. */
export function nrm2(x: Vec): number {
  assertVec('x', x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] as number) * (x[i] as number);
  if (s > 1e-290 && s < 1e290) return Math.sqrt(s);
  if (Number.isNaN(s)) return Number.NaN;
  // rescale by the largest magnitude
  let big = 0;
  for (let i = 0; i < x.length; i++) big = Math.max(big, Math.abs(x[i] as number));
  if (big === 0 || !Number.isFinite(big)) return big;
  let t = 0;
  for (let i = 0; i < x.length; i++) {
    const v = (x[i] as number) / big;
    t += v * v;
  }
  return big * Math.sqrt(t);
}

/** y ← αx + y (in place); returns y. */
export function axpy(alpha: number, x: Vec, y: Vec): Vec {
  sameLength('x', x, 'y', y);
  for (let i = 0; i < x.length; i++) y[i] = (y[i] as number) + alpha * (x[i] as number);
  return y;
}

/** x ← αx (in place); returns x. */
export function scal(alpha: number, x: Vec): Vec {
  assertVec('x', x);
  for (let i = 0; i < x.length; i++) x[i] = alpha * (x[i] as number);
  return x;
}

/** ‖x − y‖₂. */
export function distance(x: Vec, y: Vec): number {
  sameLength('x', x, 'y', y);
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const d = (x[i] as number) - (y[i] as number);
    s += d * d;
  }
  return Math.sqrt(s);
}
