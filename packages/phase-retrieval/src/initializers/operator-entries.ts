/**
 * The entries of a measurement operator A ∈ R^{m×n}, for the initializers that need more than
 * products with A: row norms ‖a_i‖ (normalised selections of TAF/RAF/SPARTA, the scale of the
 * signal-norm estimate) and column marginals (SPARTA's support estimate).
 *
 * A {@link DenseOperator} hands over its stored entries directly (O(mn)); any other operator is
 * materialised once from min(m, n) products with A or Aᵀ.
 */
import { DenseOperator, adjointBatch, applyBatch, mat, type LinearOperator, type Mat, type Vec } from '@dpr/linalg';

const BLOCK = 64;

/**
 * A as a row-major host matrix m × n: the operator's stored entries when it is dense, otherwise
 * min(m, n) products, blocks of columns A·[e_j …] when n ≤ m or blocks of rows Aᵀ·[e_i …] when
 * m < n (e.g. a measurement matrix composed with an inverse transform).
 */
export function operatorEntries(A: LinearOperator): Mat {
  const m = A.outputDim, n = A.inputDim;
  if (A instanceof DenseOperator) return mat(m, n, denseEntries(A).slice());
  const out = mat(m, n);
  const byRows = m < n;
  const count = byRows ? m : n, len = byRows ? n : m;
  for (let k0 = 0; k0 < count; k0 += BLOCK) {
    const p = Math.min(BLOCK, count - k0);
    const E = mat(count, p);
    for (let c = 0; c < p; c++) E.data[(k0 + c) * p + c] = 1;
    const P = byRows ? adjointBatch(A, E) : applyBatch(A, E); // len × p: rows (or columns) k0.. of A
    for (let t = 0; t < len; t++) {
      for (let c = 0; c < p; c++) {
        const v = P.data[t * p + c] as number;
        if (byRows) out.data[(k0 + c) * n + t] = v;
        else out.data[t * n + k0 + c] = v;
      }
    }
  }
  return out;
}

/**
 * {@link operatorEntries} without the copy: a dense operator's entries are read from the device
 * once per matrix (matrices are immutable) and shared by every caller, e.g. SPARTA's three
 * sparsity levels on one A, or the ten seeded runs of a Figure 3 baseline. Read-only: never write
 * to the returned data.
 */
export function sharedOperatorEntries(A: LinearOperator): Mat {
  return A instanceof DenseOperator ? mat(A.outputDim, A.inputDim, denseEntries(A)) : operatorEntries(A);
}

const entryCache = new WeakMap<object, Float64Array>();

function denseEntries(A: DenseOperator): Float64Array {
  if (A.matrix.disposed) return A.matrix.toFloat64Array(); // throws the backend's disposed-matrix error
  let data = entryCache.get(A.matrix);
  if (!data) entryCache.set(A.matrix, (data = A.matrix.toFloat64Array()));
  return data;
}

/** Squared row norms ‖a_i‖², i = 1..m, of a host matrix. */
export function rowNorms2(M: Mat): Vec {
  const out = new Float64Array(M.rows);
  for (let i = 0; i < M.rows; i++) {
    let s = 0;
    for (let j = 0; j < M.cols; j++) s += (M.data[i * M.cols + j] as number) ** 2;
    out[i] = s;
  }
  return out;
}

/** Squared row norms of an operator (see {@link operatorEntries} for the cost). */
export function operatorRowNorms2(A: LinearOperator): Vec {
  return rowNorms2(sharedOperatorEntries(A));
}

/**
 * The usual estimate of ‖y0‖ from the data, λ = sqrt(n Σ_i b_i² / Σ_i ‖a_i‖²) (Candès, Li,
 * Soltanolkotabi, "Phase Retrieval via Wirtinger Flow", Algorithm 1): E b_i² = ‖a_i‖²‖y0‖²/n for
 * rotation-invariant rows, so for N(0,1) entries λ ≈ sqrt(Σ b_i²/m) and for any other entry
 * variance the estimate stays unbiased.
 * @param rowNorms2 ‖a_i‖² (from {@link operatorRowNorms2}).
 */
export function signalNormEstimate(b: Vec, rowNorms2: Vec, n: number): number {
  let sb = 0, sa = 0;
  for (let i = 0; i < b.length; i++) {
    sb += (b[i] as number) ** 2;
    sa += rowNorms2[i] as number;
  }
  return sa > 0 ? Math.sqrt((n * sb) / sa) : 0;
}
