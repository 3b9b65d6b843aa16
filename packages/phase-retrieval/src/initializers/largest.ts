/**
 * Selecting the k largest entries (truncation sets of the initializers, SPARTA's support estimate
 * and hard thresholding). Ties go to the lower index, so selections are deterministic.
 */
import { ArgumentError } from '@dpr/linalg';

/** Indices of the k largest values (in decreasing order of value; ties by lower index). */
export function largestIndices(values: ArrayLike<number>, k: number): Int32Array {
  const n = values.length;
  if (!Number.isSafeInteger(k) || k < 0 || k > n) throw new ArgumentError('k', `an integer in 0..${n}`, k);
  if (k <= SELECT_MAX_K && 4 * k <= n) {
    const picked = selectLargest(values, k);
    if (picked) return picked;
  }
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((a, b) => (values[b] as number) - (values[a] as number) || a - b);
  return idx.slice(0, k);
}

/** Up to this k, one pass keeping a sorted top-k list beats sorting all n indices. */
const SELECT_MAX_K = 64;

/**
 * The same selection as the full sort in one pass over the values: a list of the k best so far in
 * sorted order (value descending, then index ascending), into which a value enters only when it
 * beats the k-th (an equal value comes later, so it loses the tie). Returns undefined when a value
 * is NaN (the sort's order is then the reference).
 */
function selectLargest(values: ArrayLike<number>, k: number): Int32Array | undefined {
  const idx = new Int32Array(k), val = new Float64Array(k);
  let size = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) return undefined;
    if (size === k && !(v > (val[k - 1] as number))) continue;
    let p = size < k ? size++ : k - 1;
    while (p > 0 && v > (val[p - 1] as number)) {
      val[p] = val[p - 1] as number;
      idx[p] = idx[p - 1] as number;
      p--;
    }
    val[p] = v;
    idx[p] = i;
  }
  return idx;
}

/** x with all but its k largest-magnitude entries set to 0 (the hard-thresholding operator H_k), in place. */
export function hardThreshold(x: Float64Array, k: number): Float64Array {
  const keep = largestIndices(x.map(Math.abs), k);
  const mask = new Uint8Array(x.length);
  for (const j of keep) mask[j] = 1;
  for (let j = 0; j < x.length; j++) if (!mask[j]) x[j] = 0;
  return x;
}
