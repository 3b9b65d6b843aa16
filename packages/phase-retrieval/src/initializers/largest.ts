/**
 * Selecting the k largest entries (truncation sets of the initializers, SPARTA's support estimate
 * and hard thresholding). Ties go to the lower index, so selections are deterministic.
 */
import { ArgumentError } from '@dpr/linalg';

/** Indices of the k largest values (in decreasing order of value; ties by lower index). */
export function largestIndices(values: ArrayLike<number>, k: number): Int32Array {
  const n = values.length;
  if (!Number.isSafeInteger(k) || k < 0 || k > n) throw new ArgumentError('k', `an integer in 0..${n}`, k);
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((a, b) => (values[b] as number) - (values[a] as number) || a - b);
  return idx.slice(0, k);
}

/** x with all but its k largest-magnitude entries set to 0 (the hard-thresholding operator H_k), in place. */
export function hardThreshold(x: Float64Array, k: number): Float64Array {
  const keep = largestIndices(x.map(Math.abs), k);
  const mask = new Uint8Array(x.length);
  for (const j of keep) mask[j] = 1;
  for (let j = 0; j < x.length; j++) if (!mask[j]) x[j] = 0;
  return x;
}
