/**
 * y_c = A x_c for a batch of vectors x_c (the product of a resident matrix with R columns; one
 * column is a GEMV): the dot-product form, with four rows of A and two vectors per micro-kernel.
 *
 * A is stored in row panels (see `panels.ts`): the 4 × 4 block of panel p, column chunk q sits in
 * 64 consecutive bytes, so the four rows of a panel stream through one pointer with constant
 * offsets. A block of panels that fits in L2 is swept by every pair of vectors before the next
 * block is read, so wide batches (GEMM) read A from memory once.
 */
import { BLOCK, flush4, madd, mulAdd, zero4 } from './simd';

/** Bytes of A swept by all the vectors before moving on (half of a 1 MiB L2). */
const A_BLOCK_BYTES: usize = 512 << 10;

/**
 * y[c · ys + i] (f64) ← Σ_j A[i, j] x[c · xs + j] for the rows of panels p0 ≤ p < p1 and the
 * vectors c < n. `ld` floats per row of A (a multiple of 4); x is float32 with `xs` floats per
 * vector (≥ ld, zero beyond the columns of A); y has `ys` doubles per vector.
 */
export function mv(a: usize, ld: i32, p0: i32, p1: i32, x: usize, xs: i32, n: i32, y: usize, ys: i32): void {
  const panelBytes = <usize>ld << 4, xStride = <usize>xs << 2, yStride = <usize>ys << 3;
  const perBlock = max(1, <i32>(A_BLOCK_BYTES / panelBytes));
  for (let b0 = p0; b0 < p1; b0 += perBlock) {
    const b1 = min(b0 + perBlock, p1);
    let c = 0;
    for (; c + 2 <= n; c += 2) {
      const xc = x + <usize>c * xStride, yc = y + <usize>c * yStride;
      for (let p = b0; p < b1; p++) dot4x2(a + <usize>p * panelBytes, ld, xc, xc + xStride, yc + (<usize>p << 5), yc + yStride + (<usize>p << 5));
    }
    if (c < n) {
      const xc = x + <usize>c * xStride, yc = y + <usize>c * yStride;
      for (let p = b0; p < b1; p++) dot4x1(a + <usize>p * panelBytes, ld, xc, yc + (<usize>p << 5));
    }
  }
}

/** The four rows of one panel against two vectors: y0[0..4], y1[0..4] (f64) ← panel · x0, x1. */
// @ts-ignore: decorator
@inline function dot4x2(panel: usize, ld: i32, x0: usize, x1: usize, y0: usize, y1: usize): void {
  zero4(y0);
  zero4(y1);
  for (let j0 = 0; j0 < ld; j0 += BLOCK) {
    const end = <usize>min(j0 + BLOCK, ld) << 2;
    let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
    let d0 = f32x4.splat(0), d1 = f32x4.splat(0), d2 = f32x4.splat(0), d3 = f32x4.splat(0);
    let q = panel + (<usize>j0 << 4);
    for (let o = <usize>j0 << 2; o < end; o += 16, q += 64) {
      const a0 = v128.load(q), a1 = v128.load(q, 16), a2 = v128.load(q, 32), a3 = v128.load(q, 48);
      const u = v128.load(x0 + o), v = v128.load(x1 + o);
      c0 = madd(a0, u, c0); c1 = madd(a1, u, c1); c2 = madd(a2, u, c2); c3 = madd(a3, u, c3);
      d0 = madd(a0, v, d0); d1 = madd(a1, v, d1); d2 = madd(a2, v, d2); d3 = madd(a3, v, d3);
    }
    flush4(y0, c0, c1, c2, c3);
    flush4(y1, d0, d1, d2, d3);
  }
}

/**
 * The four rows of one panel against one vector: y[0..4] (f64) ← panel · x. Four accumulators
 * only, so the products are unfused (`mulAdd`): the chains then wait on the adds alone. Eight
 * accumulators (two per row, k unrolled by 8) spilled in V8's unrolled loop and were slower.
 */
// @ts-ignore: decorator
@inline function dot4x1(panel: usize, ld: i32, x: usize, y: usize): void {
  zero4(y);
  for (let j0 = 0; j0 < ld; j0 += BLOCK) {
    const end = x + (<usize>min(j0 + BLOCK, ld) << 2);
    let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
    let q = panel + (<usize>j0 << 4);
    for (let xo = x + (<usize>j0 << 2); xo < end; xo += 16, q += 64) {
      const u = v128.load(xo);
      c0 = mulAdd(v128.load(q), u, c0); c1 = mulAdd(v128.load(q, 16), u, c1);
      c2 = mulAdd(v128.load(q, 32), u, c2); c3 = mulAdd(v128.load(q, 48), u, c3);
    }
    flush4(y, c0, c1, c2, c3);
  }
}
