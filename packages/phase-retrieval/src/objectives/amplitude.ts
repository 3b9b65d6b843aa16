/**
 * The amplitude-based loss f = ½ ‖ |z| − b ‖², z = A y, and its residual
 * r = sgn(z) ⊙ (|z| − b) with sgn(0) = 0, so that ∇_y f = Aᵀ r wherever f is differentiable.
 *
 * Complex measurements (z ∈ C^m) come stacked as [Re z; Im z] ∈ R^{2m}, i.e. z has twice the
 * length of b (a complex operator's real view; see `realSignalView`): then |z_i| pairs entries i
 * and m + i, and r = z − b ⊙ phase(z) (stacked, phase(0) = 0), so the same Aᵀ r is Re(Aᴴ r).
 * @see PAPER.md, equation (1) and "Descent direction".
 */
import type { Mat, Vec } from '@dpr/linalg';

/** sgn(t) = t/|t| for t ≠ 0, sgn(0) = 0. */
export function sgn(t: number): number {
  return t > 0 ? 1 : t < 0 ? -1 : 0;
}

/** f = ½ ‖|z| − b‖²; writes r = sgn(z) ⊙ (|z| − b) into `r` when given. */
export function amplitudeLoss(z: Vec, b: Vec, r?: Vec): number {
  if (z.length === 2 * b.length && b.length > 0) return amplitudeLossBatch({ rows: z.length, cols: 1, data: z }, b, r ? { rows: z.length, cols: 1, data: r } : undefined)[0] as number;
  let f = 0;
  for (let i = 0; i < z.length; i++) {
    const zi = z[i] as number;
    const e = Math.abs(zi) - (b[i] as number);
    f += e * e;
    if (r) r[i] = sgn(zi) * e;
  }
  return f / 2;
}

/**
 * Column-wise amplitude loss for Z (m × R): returns f per column and, when `R` is given, the
 * residual matrix (m × R).
 */
export function amplitudeLossBatch(Z: Mat, b: Vec, Rres?: Mat): Float64Array {
  if (Z.rows === 2 * b.length && b.length > 0) return complexLossBatch(Z, b, Rres);
  const p = Z.cols, f = new Float64Array(p);
  for (let i = 0; i < Z.rows; i++) {
    const bi = b[i] as number;
    for (let c = 0; c < p; c++) {
      const zi = Z.data[i * p + c] as number;
      const e = Math.abs(zi) - bi;
      f[c] = (f[c] as number) + e * e;
      if (Rres) Rres.data[i * p + c] = sgn(zi) * e;
    }
  }
  for (let c = 0; c < p; c++) f[c] = (f[c] as number) / 2;
  return f;
}

/** {@link amplitudeLossBatch} for stacked complex measurements (Z = [Re; Im], 2m × R). */
function complexLossBatch(Z: Mat, b: Vec, Rres?: Mat): Float64Array {
  const p = Z.cols, m = b.length, f = new Float64Array(p);
  for (let i = 0; i < m; i++) {
    const bi = b[i] as number;
    for (let c = 0; c < p; c++) {
      const kr = i * p + c, ki = (m + i) * p + c;
      const zr = Z.data[kr] as number, zi = Z.data[ki] as number;
      const mod = Math.hypot(zr, zi), e = mod - bi;
      f[c] = (f[c] as number) + e * e;
      if (Rres) {
        const s = mod > 0 ? e / mod : 0; // z − b·z/|z| = (|z| − b)·z/|z|
        Rres.data[kr] = s * zr;
        Rres.data[ki] = s * zi;
      }
    }
  }
  for (let c = 0; c < p; c++) f[c] = (f[c] as number) / 2;
  return f;
}
