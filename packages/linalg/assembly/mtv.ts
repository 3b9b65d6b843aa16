/**
 * y_c = Aᵀ x_c for a batch of vectors x_c (the transposed product; one vector is a GEMVᵀ): the
 * axpy form over the row panels of A (see `panels.ts`). For each panel, the four entries of x_c
 * that meet its rows are broadcast and the panel's 4 × 4 blocks, read through one pointer, are
 * added into a float32 accumulator of the output columns, flushed into float64 every `BLOCK`
 * rows. Two vectors share each read of A. Output columns go in blocks so that, for wide batches,
 * the columns of A in a block stay in L2 while every vector pair sweeps them.
 */
import { BLOCK, madd, widenAdd } from './simd';

/** Column chunks (4 columns each) per block when the batch is wide. */
const WIDE_CHUNKS: i32 = 32;

/**
 * y[c · ys + j] (f64) ← Σ_i A[i, j] x[c · xs + i] for the column chunks q0 ≤ q < q1 (columns
 * 4q .. 4q+3) and the vectors c < n, summing over all `panels` row panels. x is float32 with `xs`
 * floats per vector (≥ 4 · panels, zero beyond the rows of A); y has `ys` doubles per vector;
 * `t` is float32 scratch of 8 · (q1 − q0) floats.
 */
export function mtv(a: usize, ld: i32, panels: i32, q0: i32, q1: i32, x: usize, xs: i32, n: i32, t: usize, y: usize, ys: i32): void {
  const panelBytes = <usize>ld << 4, xStride = <usize>xs << 2, yStride = <usize>ys << 3;
  const perBlock = n <= 2 ? q1 - q0 : WIDE_CHUNKS;
  for (let b0 = q0; b0 < q1; b0 += perBlock) {
    const w = min(b0 + perBlock, q1) - b0;
    const ab = a + (<usize>b0 << 6), yb = y + (<usize>b0 << 5);
    let c = 0;
    for (; c + 2 <= n; c += 2) {
      const xc = x + <usize>c * xStride, yc = yb + <usize>c * yStride;
      axpy4x2(ab, panelBytes, panels, w, xc, xc + xStride, t, yc, yc + yStride);
    }
    if (c < n) axpy4x1(ab, panelBytes, panels, w, x + <usize>c * xStride, t, yb + <usize>c * yStride);
  }
}

/** y0, y1[0 .. 4w] (f64) ← the w column chunks at `a` (in every panel) times x0, x1. */
// @ts-ignore: decorator
@inline function axpy4x2(a: usize, panelBytes: usize, panels: i32, w: i32, x0: usize, x1: usize, t: usize, y0: usize, y1: usize): void {
  const tBytes = <usize>w << 4, t1 = t + tBytes;
  memory.fill(y0, 0, <usize>w << 5);
  memory.fill(y1, 0, <usize>w << 5);
  for (let p0 = 0; p0 < panels; p0 += BLOCK >> 2) {
    const p1 = min(p0 + (BLOCK >> 2), panels);
    memory.fill(t, 0, tBytes << 1);
    for (let p = p0; p < p1; p++) {
      const xp = x0 + (<usize>p << 4), xq = x1 + (<usize>p << 4);
      const u0 = v128.load32_splat(xp), u1 = v128.load32_splat(xp, 4), u2 = v128.load32_splat(xp, 8), u3 = v128.load32_splat(xp, 12);
      const v0 = v128.load32_splat(xq), v1 = v128.load32_splat(xq, 4), v2 = v128.load32_splat(xq, 8), v3 = v128.load32_splat(xq, 12);
      let q = a + <usize>p * panelBytes;
      for (let o: usize = 0; o < tBytes; o += 16, q += 64) {
        const a0 = v128.load(q), a1 = v128.load(q, 16), a2 = v128.load(q, 32), a3 = v128.load(q, 48);
        v128.store(t + o, madd(u3, a3, madd(u2, a2, madd(u1, a1, madd(u0, a0, v128.load(t + o))))));
        v128.store(t1 + o, madd(v3, a3, madd(v2, a2, madd(v1, a1, madd(v0, a0, v128.load(t1 + o))))));
      }
    }
    for (let o: usize = 0; o < tBytes; o += 16) {
      widenAdd(y0 + (o << 1), v128.load(t + o));
      widenAdd(y1 + (o << 1), v128.load(t1 + o));
    }
  }
}

/** y[0 .. 4w] (f64) ← the w column chunks at `a` (in every panel) times x. */
// @ts-ignore: decorator
@inline function axpy4x1(a: usize, panelBytes: usize, panels: i32, w: i32, x: usize, t: usize, y: usize): void {
  const tBytes = <usize>w << 4;
  memory.fill(y, 0, <usize>w << 5);
  for (let p0 = 0; p0 < panels; p0 += BLOCK >> 2) {
    const p1 = min(p0 + (BLOCK >> 2), panels);
    memory.fill(t, 0, tBytes);
    for (let p = p0; p < p1; p++) {
      const xp = x + (<usize>p << 4);
      const u0 = v128.load32_splat(xp), u1 = v128.load32_splat(xp, 4), u2 = v128.load32_splat(xp, 8), u3 = v128.load32_splat(xp, 12);
      let q = a + <usize>p * panelBytes;
      for (let o: usize = 0; o < tBytes; o += 16, q += 64) {
        v128.store(t + o, madd(u3, v128.load(q, 48), madd(u2, v128.load(q, 32), madd(u1, v128.load(q, 16), madd(u0, v128.load(q), v128.load(t + o))))));
      }
    }
    for (let o: usize = 0; o < tBytes; o += 16) widenAdd(y + (o << 1), v128.load(t + o));
  }
}
