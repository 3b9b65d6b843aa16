/** Moving groups of latent codes between the column layout of a Mat and the C × g × P layout of the convolutions. */
import type { Mat } from '@dpr/linalg';

/** Columns r0 … r0+g−1 of M (rows = C·P, row-major) in layout C × g × P. */
export function gatherColumns(M: Mat, r0: number, g: number, C: number, P: number): Float64Array {
  const R = M.cols, src = M.data, out = new Float64Array(C * g * P);
  for (let c = 0; c < C; c++) {
    for (let rr = 0; rr < g; rr++) {
      const o = (c * g + rr) * P;
      for (let p = 0; p < P; p++) out[o + p] = src[(c * P + p) * R + r0 + rr]!;
    }
  }
  return out;
}

/** Inverse of {@link gatherColumns}: write layout C × g × P into columns r0 … of M. */
export function scatterColumns(v: Float64Array, M: Mat, r0: number, g: number, C: number, P: number): void {
  const R = M.cols, dst = M.data;
  for (let c = 0; c < C; c++) {
    for (let rr = 0; rr < g; rr++) {
      const o = (c * g + rr) * P;
      for (let p = 0; p < P; p++) dst[(c * P + p) * R + r0 + rr] = v[o + p]!;
    }
  }
}
