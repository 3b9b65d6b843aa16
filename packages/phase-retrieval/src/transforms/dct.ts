/**
 * The orthonormal 2-D DCT-II of an H × W image (row-major) and its inverse (the DCT-III), so that
 * SPARTA can recover images that are sparse in the DCT domain (Wang et al., SPARTA, Section V).
 *
 * 1-D: X_k = s_k Σ_{j=0}^{N−1} x_j cos(π (2j+1) k / (2N)), s_0 = √(1/N), s_k = √(2/N) (k ≥ 1); the
 * matrix C_N is orthogonal, so the inverse is C_Nᵀ. 2-D (separable): D(X) = C_H X C_Wᵀ, inverse
 * C_Hᵀ Y C_W. Computed with precomputed cosine tables in O(HW(H + W)) operations.
 */
import { ArgumentError, ShapeError, assertVec, type LinearOperator, type Vec } from '@dpr/linalg';

const TABLES = new Map<number, Float64Array>();

/** C_N, row-major N × N (entry (k, j) = s_k cos(π(2j+1)k/(2N))), cached per N. */
export function dctMatrix(N: number): Float64Array {
  if (!Number.isSafeInteger(N) || N < 1) throw new ArgumentError('N', 'a positive integer', N);
  let C = TABLES.get(N);
  if (!C) {
    C = new Float64Array(N * N);
    for (let k = 0; k < N; k++) {
      const s = Math.sqrt((k === 0 ? 1 : 2) / N);
      for (let j = 0; j < N; j++) C[k * N + j] = s * Math.cos((Math.PI * (2 * j + 1) * k) / (2 * N));
    }
    TABLES.set(N, C);
  }
  return C;
}

function checkImage(x: Vec, H: number, W: number): void {
  if (!Number.isSafeInteger(H) || H < 1) throw new ArgumentError('H', 'a positive integer', H);
  if (!Number.isSafeInteger(W) || W < 1) throw new ArgumentError('W', 'a positive integer', W);
  assertVec('x', x);
  if (x.length !== H * W) throw new ShapeError('x', `length H·W = ${H * W}`, x.length);
}

/**
 * out = L_H X R_W for X (H × W): with `inverse` false, L = C_H and R = C_Wᵀ (the DCT-II); with
 * `inverse` true, L = C_Hᵀ and R = C_W (the DCT-III).
 */
function separable(x: Vec, H: number, W: number, inverse: boolean, out: Vec): Vec {
  const CH = dctMatrix(H), CW = dctMatrix(W);
  const T = new Float64Array(H * W);
  // rows: T[r, k] = Σ_j X[r, j] R[j, k]; R[j, k] = C_W[k, j] (forward) or C_W[j, k] (inverse)
  for (let r = 0; r < H; r++) {
    for (let k = 0; k < W; k++) {
      let s = 0;
      if (inverse) for (let j = 0; j < W; j++) s += (x[r * W + j] as number) * (CW[j * W + k] as number);
      else for (let j = 0; j < W; j++) s += (x[r * W + j] as number) * (CW[k * W + j] as number);
      T[r * W + k] = s;
    }
  }
  // columns: out[k, c] = Σ_r L[k, r] T[r, c]; L[k, r] = C_H[k, r] (forward) or C_H[r, k] (inverse)
  out.fill(0);
  for (let k = 0; k < H; k++) {
    for (let r = 0; r < H; r++) {
      const l = (inverse ? CH[r * H + k] : CH[k * H + r]) as number;
      if (l === 0) continue;
      for (let c = 0; c < W; c++) out[k * W + c] = (out[k * W + c] as number) + l * (T[r * W + c] as number);
    }
  }
  return out;
}

/** The orthonormal 2-D DCT-II of the H × W row-major image x. */
export function dct2(x: Vec, H: number, W: number, out: Vec = new Float64Array(H * W)): Vec {
  checkImage(x, H, W);
  return separable(x, H, W, false, out);
}

/** The inverse of {@link dct2} (orthonormal 2-D DCT-III). */
export function idct2(X: Vec, H: number, W: number, out: Vec = new Float64Array(H * W)): Vec {
  checkImage(X, H, W);
  return separable(X, H, W, true, out);
}

/** The 2-D DCT as an orthogonal {@link LinearOperator} on R^{HW}: apply = DCT-II, adjoint = inverse. */
export function dct2Operator(H: number, W: number): LinearOperator {
  dctMatrix(H);
  dctMatrix(W);
  const N = H * W;
  return {
    inputDim: N,
    outputDim: N,
    apply: (x, out) => dct2(x, H, W, out ?? new Float64Array(N)),
    adjoint: (y, out) => idct2(y, H, W, out ?? new Float64Array(N)),
  };
}
