/**
 * Float32 GEMV / GEMVᵀ / GEMM / skinny GEMM kernels with 128-bit SIMD (f32x4), compiled by
 * `scripts/build-wasm.mjs` into `src/backends/wasm/generated/kernels.ts`.
 *
 * Memory is owned by the host (`src/backends/wasm/wasm-heap.ts`): every argument is a byte
 * address in linear memory, the kernels never allocate. Matrices are row-major float32 with a
 * leading dimension `ld` (floats per stored row) that is a multiple of 4 and zero-padded, so the
 * inner loops have no column tails. Addresses of rows are therefore 16-byte aligned whenever the
 * base address is.
 *
 * Accuracy: float32 partial sums run over at most `BLOCK` terms and are then added into float64
 * (GEMV, GEMVᵀ, skinny GEMM) or into the float32 output (GEMM), i.e. blocked summation, which keeps the
 * rounding error of long reductions close to that of a block.
 */

/** Terms summed in float32 before a partial sum is flushed into the wider accumulator. */
const BLOCK: i32 = 256;

/** First byte after the module's static data: where the host allocator may start. */
export function heapBase(): usize {
  return __heap_base;
}

/** Sum of the four lanes of `v`, in float64. */
// @ts-ignore: decorator
@inline function hsum(v: v128): f64 {
  return (
    <f64>f32x4.extract_lane(v, 0) + <f64>f32x4.extract_lane(v, 1) +
    (<f64>f32x4.extract_lane(v, 2) + <f64>f32x4.extract_lane(v, 3))
  );
}

/** y[i] (f64) ← Σ_j A[i, j] x[j] over `ld` columns (x is f32, zero-padded to `ld`). */
export function gemv(a: usize, m: i32, ld: i32, x: usize, y: usize): void {
  const rowBytes = <usize>ld << 2;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const r0 = a + <usize>i * rowBytes;
    const r1 = r0 + rowBytes, r2 = r1 + rowBytes, r3 = r2 + rowBytes;
    let s0: f64 = 0, s1: f64 = 0, s2: f64 = 0, s3: f64 = 0;
    for (let j0 = 0; j0 < ld; j0 += BLOCK) {
      const end = <usize>min(j0 + BLOCK, ld) << 2;
      let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
      for (let o = <usize>j0 << 2; o < end; o += 16) {
        const xv = v128.load(x + o);
        c0 = f32x4.add(c0, f32x4.mul(v128.load(r0 + o), xv));
        c1 = f32x4.add(c1, f32x4.mul(v128.load(r1 + o), xv));
        c2 = f32x4.add(c2, f32x4.mul(v128.load(r2 + o), xv));
        c3 = f32x4.add(c3, f32x4.mul(v128.load(r3 + o), xv));
      }
      s0 += hsum(c0);
      s1 += hsum(c1);
      s2 += hsum(c2);
      s3 += hsum(c3);
    }
    const yo = y + (<usize>i << 3);
    store<f64>(yo, s0);
    store<f64>(yo, s1, 8);
    store<f64>(yo, s2, 16);
    store<f64>(yo, s3, 24);
  }
  for (; i < m; i++) {
    const r = a + <usize>i * rowBytes;
    let s: f64 = 0;
    for (let j0 = 0; j0 < ld; j0 += BLOCK) {
      const end = <usize>min(j0 + BLOCK, ld) << 2;
      let c = f32x4.splat(0);
      for (let o = <usize>j0 << 2; o < end; o += 16) c = f32x4.add(c, f32x4.mul(v128.load(r + o), v128.load(x + o)));
      s += hsum(c);
    }
    store<f64>(y + (<usize>i << 3), s);
  }
}

/**
 * y[j] (f64) ← Σ_i x[i] A[i, j] for j < ld (x is f32 of length m). `t` is f32 scratch of `ld`
 * floats: rows are accumulated into it four at a time, in blocks of `BLOCK` rows, and each
 * block is then flushed into y.
 */
export function gemvT(a: usize, m: i32, ld: i32, x: usize, t: usize, y: usize): void {
  const rowBytes = <usize>ld << 2, tBytes = rowBytes;
  memory.fill(y, 0, <usize>ld << 3);
  for (let i0 = 0; i0 < m; i0 += BLOCK) {
    const iEnd = min(i0 + BLOCK, m);
    memory.fill(t, 0, tBytes);
    let i = i0;
    for (; i + 4 <= iEnd; i += 4) {
      const r0 = a + <usize>i * rowBytes;
      const r1 = r0 + rowBytes, r2 = r1 + rowBytes, r3 = r2 + rowBytes;
      const xi = x + (<usize>i << 2);
      const x0 = v128.load32_splat(xi), x1 = v128.load32_splat(xi, 4);
      const x2 = v128.load32_splat(xi, 8), x3 = v128.load32_splat(xi, 12);
      for (let o: usize = 0; o < tBytes; o += 16) {
        const p01 = f32x4.add(f32x4.mul(x0, v128.load(r0 + o)), f32x4.mul(x1, v128.load(r1 + o)));
        const p23 = f32x4.add(f32x4.mul(x2, v128.load(r2 + o)), f32x4.mul(x3, v128.load(r3 + o)));
        v128.store(t + o, f32x4.add(v128.load(t + o), f32x4.add(p01, p23)));
      }
    }
    for (; i < iEnd; i++) {
      const r = a + <usize>i * rowBytes;
      const xv = v128.load32_splat(x + (<usize>i << 2));
      for (let o: usize = 0; o < tBytes; o += 16) {
        v128.store(t + o, f32x4.add(v128.load(t + o), f32x4.mul(xv, v128.load(r + o))));
      }
    }
    for (let o: usize = 0; o < tBytes; o += 16) {
      const v = v128.load(t + o);
      const yo = y + (o << 1);
      v128.store(yo, f64x2.add(v128.load(yo), f64x2.promote_low_f32x4(v)));
      v128.store(yo, f64x2.add(v128.load(yo, 16), f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1))), 16);
    }
  }
}

/**
 * C ← C + op(A) B in float32, for `rows` output rows, `inner` reduction steps and `ldb` columns
 * (a multiple of 4; B and C have leading dimension `ldb`). Element (r, q) of op(A) is read at
 * `a + r * rowStride + q * stepStride` (bytes): (ld·4, 4) for A, (4, ld·4) for Aᵀ. The reduction
 * is split into blocks of `BLOCK` steps; each block's product is computed from zero in registers
 * by a 4×8 micro-kernel and then added into C.
 */
export function gemm(
  a: usize, rowStride: usize, stepStride: usize, rows: i32, inner: i32,
  b: usize, ldb: i32, c: usize,
): void {
  const ldBytes = <usize>ldb << 2;
  for (let q0 = 0; q0 < inner; q0 += BLOCK) {
    const steps = min(BLOCK, inner - q0);
    const aq = a + <usize>q0 * stepStride, bq = b + <usize>q0 * ldBytes;
    let r = 0;
    for (; r + 4 <= rows; r += 4) {
      const ar = aq + <usize>r * rowStride, cr = c + <usize>r * ldBytes;
      let o: usize = 0;
      for (; o + 32 <= ldBytes; o += 32) kernel4x8(ar, rowStride, stepStride, steps, bq + o, ldBytes, cr + o);
      if (o < ldBytes) kernel4x4(ar, rowStride, stepStride, steps, bq + o, ldBytes, cr + o);
    }
    for (; r < rows; r++) {
      const ar = aq + <usize>r * rowStride, cr = c + <usize>r * ldBytes;
      for (let o: usize = 0; o < ldBytes; o += 16) kernel1x4(ar, stepStride, steps, bq + o, ldBytes, cr + o);
    }
  }
}

/** C[0..4, 0..8] += Σ_q op(A)[0..4, q] B[q, 0..8] over `steps` steps. */
// @ts-ignore: decorator
@inline function kernel4x8(a: usize, rs: usize, ss: usize, steps: i32, b: usize, ldBytes: usize, c: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let pa = a, pb = b;
  for (let q = 0; q < steps; q++) {
    const b0 = v128.load(pb), b1 = v128.load(pb, 16);
    const a0 = v128.load32_splat(pa), a1 = v128.load32_splat(pa + rs);
    const a2 = v128.load32_splat(pa + 2 * rs), a3 = v128.load32_splat(pa + 3 * rs);
    c00 = f32x4.add(c00, f32x4.mul(a0, b0));
    c01 = f32x4.add(c01, f32x4.mul(a0, b1));
    c10 = f32x4.add(c10, f32x4.mul(a1, b0));
    c11 = f32x4.add(c11, f32x4.mul(a1, b1));
    c20 = f32x4.add(c20, f32x4.mul(a2, b0));
    c21 = f32x4.add(c21, f32x4.mul(a2, b1));
    c30 = f32x4.add(c30, f32x4.mul(a3, b0));
    c31 = f32x4.add(c31, f32x4.mul(a3, b1));
    pa += ss;
    pb += ldBytes;
  }
  addTo(c, c00, c01);
  addTo(c + ldBytes, c10, c11);
  addTo(c + 2 * ldBytes, c20, c21);
  addTo(c + 3 * ldBytes, c30, c31);
}

/** C[0..4, 0..4] += Σ_q op(A)[0..4, q] B[q, 0..4] over `steps` steps (the last 4 columns when ldb is not a multiple of 8). */
// @ts-ignore: decorator
@inline function kernel4x4(a: usize, rs: usize, ss: usize, steps: i32, b: usize, ldBytes: usize, c: usize): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  let pa = a, pb = b;
  for (let q = 0; q < steps; q++) {
    const b0 = v128.load(pb);
    c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(pa), b0));
    c1 = f32x4.add(c1, f32x4.mul(v128.load32_splat(pa + rs), b0));
    c2 = f32x4.add(c2, f32x4.mul(v128.load32_splat(pa + 2 * rs), b0));
    c3 = f32x4.add(c3, f32x4.mul(v128.load32_splat(pa + 3 * rs), b0));
    pa += ss;
    pb += ldBytes;
  }
  v128.store(c, f32x4.add(v128.load(c), c0));
  v128.store(c + ldBytes, f32x4.add(v128.load(c + ldBytes), c1));
  v128.store(c + 2 * ldBytes, f32x4.add(v128.load(c + 2 * ldBytes), c2));
  v128.store(c + 3 * ldBytes, f32x4.add(v128.load(c + 3 * ldBytes), c3));
}

/** c[0..8] += (v0, v1). */
// @ts-ignore: decorator
@inline function addTo(c: usize, v0: v128, v1: v128): void {
  v128.store(c, f32x4.add(v128.load(c), v0));
  v128.store(c, f32x4.add(v128.load(c, 16), v1), 16);
}

/** C[0, 0..4] += Σ_q op(A)[0, q] B[q, 0..4] over `steps` steps (row and column tails). */
function kernel1x4(a: usize, ss: usize, steps: i32, b: usize, ldBytes: usize, c: usize): void {
  let acc = f32x4.splat(0);
  let pa = a, pb = b;
  for (let q = 0; q < steps; q++) {
    acc = f32x4.add(acc, f32x4.mul(v128.load32_splat(pa), v128.load(pb)));
    pa += ss;
    pb += ldBytes;
  }
  v128.store(c, f32x4.add(v128.load(c), acc));
}

/**
 * Skinny GEMM, C ← op(A) B with few columns p, as several GEMVs that share each load of A.
 *
 * Not transposed: y[i, c] (f64, rows × p row-major) ← Σ_j A[i, j] X[c, j], where X = Bᵀ is f32
 * `p × ld` (zero-padded rows). Columns go in groups of up to 4 (wider groups spill registers);
 * each group streams A once, with 2 (groups of 3, 4) or 4 (groups of 1, 2) rows of A in
 * registers. Unlike the 4×8 GEMM, no work is spent on padding columns of B, and sums are
 * blocked into float64 like `gemv`.
 */
export function gemmSkinny(a: usize, m: i32, ld: i32, x: usize, p: i32, y: usize): void {
  const rowBytes = <usize>ld << 2, yStride = <usize>p << 3;
  for (let c0 = 0; c0 < p; c0 += 4) {
    const w = min(4, p - c0);
    const xc = x + <usize>c0 * rowBytes, yc = y + (<usize>c0 << 3);
    let i = 0;
    if (w == 4) for (; i + 2 <= m; i += 2) dot2x4(a + <usize>i * rowBytes, rowBytes, ld, xc, yc + <usize>i * yStride, yStride);
    else if (w == 3) for (; i + 2 <= m; i += 2) dot2x3(a + <usize>i * rowBytes, rowBytes, ld, xc, yc + <usize>i * yStride, yStride);
    else if (w == 2) for (; i + 4 <= m; i += 4) dot4x2(a + <usize>i * rowBytes, rowBytes, ld, xc, yc + <usize>i * yStride, yStride);
    else for (; i + 4 <= m; i += 4) dot4x1(a + <usize>i * rowBytes, rowBytes, ld, xc, yc + <usize>i * yStride, yStride);
    for (; i < m; i++) {
      for (let c = 0; c < w; c++) dot1x1(a + <usize>i * rowBytes, ld, xc + <usize>c * rowBytes, yc + <usize>i * yStride + (<usize>c << 3));
    }
  }
}

/**
 * Skinny GEMMᵀ: y[c, l] (f64, p × ld row-major, i.e. Cᵀ) ← Σ_i X[i, c] A[i, l], where X = B is
 * f32 `m × p` (unpadded). Columns go in groups of up to 6 (4 while more than 6 remain); each
 * group streams A once, adding 2 (groups of 3–6) or 4 (groups of 1, 2) scaled rows of A at a
 * time into the f32 scratch `t` (6 × ld, one row per column of the group), which is flushed into
 * y every `BLOCK` rows like `gemvT`.
 */
export function gemmSkinnyT(a: usize, m: i32, ld: i32, x: usize, p: i32, t: usize, y: usize): void {
  const rowBytes = <usize>ld << 2, xStride = <usize>p << 2;
  memory.fill(y, 0, (<usize>p * <usize>ld) << 3);
  for (let c0 = 0, w = 0; c0 < p; c0 += w) {
    w = p - c0 <= 6 ? p - c0 : 4;
    const xc = x + (<usize>c0 << 2), yc = y + <usize>c0 * (<usize>ld << 3);
    for (let i0 = 0; i0 < m; i0 += BLOCK) {
      const iEnd = min(i0 + BLOCK, m);
      memory.fill(t, 0, <usize>w * rowBytes);
      let i = i0;
      if (w == 6) for (; i + 2 <= iEnd; i += 2) axpy2x6(a + <usize>i * rowBytes, rowBytes, xc + <usize>i * xStride, xStride, t);
      else if (w == 5) for (; i + 2 <= iEnd; i += 2) axpy2x5(a + <usize>i * rowBytes, rowBytes, xc + <usize>i * xStride, xStride, t);
      else if (w == 4) for (; i + 2 <= iEnd; i += 2) axpy2x4(a + <usize>i * rowBytes, rowBytes, xc + <usize>i * xStride, xStride, t);
      else if (w == 3) for (; i + 2 <= iEnd; i += 2) axpy2x3(a + <usize>i * rowBytes, rowBytes, xc + <usize>i * xStride, xStride, t);
      else if (w == 2) for (; i + 4 <= iEnd; i += 4) axpy4x2(a + <usize>i * rowBytes, rowBytes, xc + <usize>i * xStride, xStride, t);
      else for (; i + 4 <= iEnd; i += 4) axpy4x1(a + <usize>i * rowBytes, rowBytes, xc + <usize>i * xStride, xStride, t);
      for (; i < iEnd; i++) {
        const r = a + <usize>i * rowBytes;
        for (let c = 0; c < w; c++) {
          const xv = v128.load32_splat(xc + <usize>i * xStride + (<usize>c << 2)), tc = t + <usize>c * rowBytes;
          for (let o: usize = 0; o < rowBytes; o += 16) v128.store(tc + o, f32x4.add(v128.load(tc + o), f32x4.mul(xv, v128.load(r + o))));
        }
      }
      for (let c = 0; c < w; c++) {
        const tc = t + <usize>c * rowBytes, ycc = yc + <usize>c * (<usize>ld << 3);
        for (let o: usize = 0; o < rowBytes; o += 16) {
          const v = v128.load(tc + o);
          const yo = ycc + (o << 1);
          v128.store(yo, f64x2.add(v128.load(yo), f64x2.promote_low_f32x4(v)));
          v128.store(yo, f64x2.add(v128.load(yo, 16), f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1))), 16);
        }
      }
    }
  }
}

/** y (f64) ← Σ_j r[j] x[j] over `ld` floats, blocked like `gemv` (row tails of `gemmSkinny`). */
function dot1x1(r: usize, ld: i32, x: usize, y: usize): void {
  let s: f64 = 0;
  for (let j0 = 0; j0 < ld; j0 += BLOCK) {
    const end = <usize>min(j0 + BLOCK, ld) << 2;
    let c = f32x4.splat(0);
    for (let o = <usize>j0 << 2; o < end; o += 16) c = f32x4.add(c, f32x4.mul(v128.load(r + o), v128.load(x + o)));
    s += hsum(c);
  }
  store<f64>(y, s);
}

/** y[i, c] (f64, row stride p) ← Σ_j A[i, j] X[c, j] for 2 rows of A and 4 rows of X (see `gemmSkinny`). */
// @ts-ignore: decorator
@inline function dot2x4(r0: usize, rowBytes: usize, ld: i32, x0: usize, y: usize, yStride: usize): void {
  const r1 = r0 + rowBytes;
  const x1 = x0 + rowBytes, x2 = x1 + rowBytes, x3 = x2 + rowBytes;
  let s00: f64 = 0, s01: f64 = 0, s02: f64 = 0, s03: f64 = 0, s10: f64 = 0, s11: f64 = 0, s12: f64 = 0, s13: f64 = 0;
  for (let j0 = 0; j0 < ld; j0 += BLOCK) {
    const end = <usize>min(j0 + BLOCK, ld) << 2;
    let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c02 = f32x4.splat(0), c03 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0), c12 = f32x4.splat(0), c13 = f32x4.splat(0);
    for (let o = <usize>j0 << 2; o < end; o += 16) {
      const a0 = v128.load(r0 + o), a1 = v128.load(r1 + o);
      const b0 = v128.load(x0 + o);
      c00 = f32x4.add(c00, f32x4.mul(a0, b0));
      c10 = f32x4.add(c10, f32x4.mul(a1, b0));
      const b1 = v128.load(x1 + o);
      c01 = f32x4.add(c01, f32x4.mul(a0, b1));
      c11 = f32x4.add(c11, f32x4.mul(a1, b1));
      const b2 = v128.load(x2 + o);
      c02 = f32x4.add(c02, f32x4.mul(a0, b2));
      c12 = f32x4.add(c12, f32x4.mul(a1, b2));
      const b3 = v128.load(x3 + o);
      c03 = f32x4.add(c03, f32x4.mul(a0, b3));
      c13 = f32x4.add(c13, f32x4.mul(a1, b3));
    }
    s00 += hsum(c00); s01 += hsum(c01); s02 += hsum(c02); s03 += hsum(c03);
    s10 += hsum(c10); s11 += hsum(c11); s12 += hsum(c12); s13 += hsum(c13);
  }
  store<f64>(y, s00); store<f64>(y, s01, 8); store<f64>(y, s02, 16); store<f64>(y, s03, 24);
  store<f64>(y + yStride, s10); store<f64>(y + yStride, s11, 8); store<f64>(y + yStride, s12, 16); store<f64>(y + yStride, s13, 24);
}

/** y[i, c] (f64, row stride p) ← Σ_j A[i, j] X[c, j] for 2 rows of A and 3 rows of X (see `gemmSkinny`). */
// @ts-ignore: decorator
@inline function dot2x3(r0: usize, rowBytes: usize, ld: i32, x0: usize, y: usize, yStride: usize): void {
  const r1 = r0 + rowBytes;
  const x1 = x0 + rowBytes, x2 = x1 + rowBytes;
  let s00: f64 = 0, s01: f64 = 0, s02: f64 = 0, s10: f64 = 0, s11: f64 = 0, s12: f64 = 0;
  for (let j0 = 0; j0 < ld; j0 += BLOCK) {
    const end = <usize>min(j0 + BLOCK, ld) << 2;
    let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c02 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0), c12 = f32x4.splat(0);
    for (let o = <usize>j0 << 2; o < end; o += 16) {
      const a0 = v128.load(r0 + o), a1 = v128.load(r1 + o);
      const b0 = v128.load(x0 + o);
      c00 = f32x4.add(c00, f32x4.mul(a0, b0));
      c10 = f32x4.add(c10, f32x4.mul(a1, b0));
      const b1 = v128.load(x1 + o);
      c01 = f32x4.add(c01, f32x4.mul(a0, b1));
      c11 = f32x4.add(c11, f32x4.mul(a1, b1));
      const b2 = v128.load(x2 + o);
      c02 = f32x4.add(c02, f32x4.mul(a0, b2));
      c12 = f32x4.add(c12, f32x4.mul(a1, b2));
    }
    s00 += hsum(c00); s01 += hsum(c01); s02 += hsum(c02);
    s10 += hsum(c10); s11 += hsum(c11); s12 += hsum(c12);
  }
  store<f64>(y, s00); store<f64>(y, s01, 8); store<f64>(y, s02, 16);
  store<f64>(y + yStride, s10); store<f64>(y + yStride, s11, 8); store<f64>(y + yStride, s12, 16);
}

/** y[i, c] (f64, row stride p) ← Σ_j A[i, j] X[c, j] for 4 rows of A and 2 rows of X (see `gemmSkinny`). */
// @ts-ignore: decorator
@inline function dot4x2(r0: usize, rowBytes: usize, ld: i32, x0: usize, y: usize, yStride: usize): void {
  const r1 = r0 + rowBytes, r2 = r1 + rowBytes, r3 = r2 + rowBytes;
  const x1 = x0 + rowBytes;
  let s00: f64 = 0, s01: f64 = 0, s10: f64 = 0, s11: f64 = 0, s20: f64 = 0, s21: f64 = 0, s30: f64 = 0, s31: f64 = 0;
  for (let j0 = 0; j0 < ld; j0 += BLOCK) {
    const end = <usize>min(j0 + BLOCK, ld) << 2;
    let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0), c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
    for (let o = <usize>j0 << 2; o < end; o += 16) {
      const a0 = v128.load(r0 + o), a1 = v128.load(r1 + o), a2 = v128.load(r2 + o), a3 = v128.load(r3 + o);
      const b0 = v128.load(x0 + o);
      c00 = f32x4.add(c00, f32x4.mul(a0, b0));
      c10 = f32x4.add(c10, f32x4.mul(a1, b0));
      c20 = f32x4.add(c20, f32x4.mul(a2, b0));
      c30 = f32x4.add(c30, f32x4.mul(a3, b0));
      const b1 = v128.load(x1 + o);
      c01 = f32x4.add(c01, f32x4.mul(a0, b1));
      c11 = f32x4.add(c11, f32x4.mul(a1, b1));
      c21 = f32x4.add(c21, f32x4.mul(a2, b1));
      c31 = f32x4.add(c31, f32x4.mul(a3, b1));
    }
    s00 += hsum(c00); s01 += hsum(c01);
    s10 += hsum(c10); s11 += hsum(c11);
    s20 += hsum(c20); s21 += hsum(c21);
    s30 += hsum(c30); s31 += hsum(c31);
  }
  store<f64>(y, s00); store<f64>(y, s01, 8);
  store<f64>(y + yStride, s10); store<f64>(y + yStride, s11, 8);
  store<f64>(y + 2 * yStride, s20); store<f64>(y + 2 * yStride, s21, 8);
  store<f64>(y + 3 * yStride, s30); store<f64>(y + 3 * yStride, s31, 8);
}

/** y[i, c] (f64, row stride p) ← Σ_j A[i, j] X[c, j] for 4 rows of A and 1 rows of X (see `gemmSkinny`). */
// @ts-ignore: decorator
@inline function dot4x1(r0: usize, rowBytes: usize, ld: i32, x0: usize, y: usize, yStride: usize): void {
  const r1 = r0 + rowBytes, r2 = r1 + rowBytes, r3 = r2 + rowBytes;
  let s00: f64 = 0, s10: f64 = 0, s20: f64 = 0, s30: f64 = 0;
  for (let j0 = 0; j0 < ld; j0 += BLOCK) {
    const end = <usize>min(j0 + BLOCK, ld) << 2;
    let c00 = f32x4.splat(0), c10 = f32x4.splat(0), c20 = f32x4.splat(0), c30 = f32x4.splat(0);
    for (let o = <usize>j0 << 2; o < end; o += 16) {
      const a0 = v128.load(r0 + o), a1 = v128.load(r1 + o), a2 = v128.load(r2 + o), a3 = v128.load(r3 + o);
      const b0 = v128.load(x0 + o);
      c00 = f32x4.add(c00, f32x4.mul(a0, b0));
      c10 = f32x4.add(c10, f32x4.mul(a1, b0));
      c20 = f32x4.add(c20, f32x4.mul(a2, b0));
      c30 = f32x4.add(c30, f32x4.mul(a3, b0));
    }
    s00 += hsum(c00);
    s10 += hsum(c10);
    s20 += hsum(c20);
    s30 += hsum(c30);
  }
  store<f64>(y, s00);
  store<f64>(y + yStride, s10);
  store<f64>(y + 2 * yStride, s20);
  store<f64>(y + 3 * yStride, s30);
}

/** T[c, ·] += Σ_k X[i + k, c] A[i + k, ·] (f32) for 2 rows of A and 6 columns of X (see `gemmSkinnyT`). */
// @ts-ignore: decorator
@inline function axpy2x6(r0: usize, rowBytes: usize, x: usize, xStride: usize, t0: usize): void {
  const r1 = r0 + rowBytes;
  const t1 = t0 + rowBytes, t2 = t1 + rowBytes, t3 = t2 + rowBytes, t4 = t3 + rowBytes, t5 = t4 + rowBytes;
  const x00 = v128.load32_splat(x), x01 = v128.load32_splat(x, 4), x02 = v128.load32_splat(x, 8), x03 = v128.load32_splat(x, 12), x04 = v128.load32_splat(x, 16), x05 = v128.load32_splat(x, 20);
  const x10 = v128.load32_splat(x + xStride), x11 = v128.load32_splat(x + xStride, 4), x12 = v128.load32_splat(x + xStride, 8), x13 = v128.load32_splat(x + xStride, 12), x14 = v128.load32_splat(x + xStride, 16), x15 = v128.load32_splat(x + xStride, 20);
  for (let o: usize = 0; o < rowBytes; o += 16) {
    const a0 = v128.load(r0 + o), a1 = v128.load(r1 + o);
    v128.store(t0 + o, f32x4.add(v128.load(t0 + o), f32x4.add(f32x4.mul(x00, a0), f32x4.mul(x10, a1))));
    v128.store(t1 + o, f32x4.add(v128.load(t1 + o), f32x4.add(f32x4.mul(x01, a0), f32x4.mul(x11, a1))));
    v128.store(t2 + o, f32x4.add(v128.load(t2 + o), f32x4.add(f32x4.mul(x02, a0), f32x4.mul(x12, a1))));
    v128.store(t3 + o, f32x4.add(v128.load(t3 + o), f32x4.add(f32x4.mul(x03, a0), f32x4.mul(x13, a1))));
    v128.store(t4 + o, f32x4.add(v128.load(t4 + o), f32x4.add(f32x4.mul(x04, a0), f32x4.mul(x14, a1))));
    v128.store(t5 + o, f32x4.add(v128.load(t5 + o), f32x4.add(f32x4.mul(x05, a0), f32x4.mul(x15, a1))));
  }
}

/** T[c, ·] += Σ_k X[i + k, c] A[i + k, ·] (f32) for 2 rows of A and 5 columns of X (see `gemmSkinnyT`). */
// @ts-ignore: decorator
@inline function axpy2x5(r0: usize, rowBytes: usize, x: usize, xStride: usize, t0: usize): void {
  const r1 = r0 + rowBytes;
  const t1 = t0 + rowBytes, t2 = t1 + rowBytes, t3 = t2 + rowBytes, t4 = t3 + rowBytes;
  const x00 = v128.load32_splat(x), x01 = v128.load32_splat(x, 4), x02 = v128.load32_splat(x, 8), x03 = v128.load32_splat(x, 12), x04 = v128.load32_splat(x, 16);
  const x10 = v128.load32_splat(x + xStride), x11 = v128.load32_splat(x + xStride, 4), x12 = v128.load32_splat(x + xStride, 8), x13 = v128.load32_splat(x + xStride, 12), x14 = v128.load32_splat(x + xStride, 16);
  for (let o: usize = 0; o < rowBytes; o += 16) {
    const a0 = v128.load(r0 + o), a1 = v128.load(r1 + o);
    v128.store(t0 + o, f32x4.add(v128.load(t0 + o), f32x4.add(f32x4.mul(x00, a0), f32x4.mul(x10, a1))));
    v128.store(t1 + o, f32x4.add(v128.load(t1 + o), f32x4.add(f32x4.mul(x01, a0), f32x4.mul(x11, a1))));
    v128.store(t2 + o, f32x4.add(v128.load(t2 + o), f32x4.add(f32x4.mul(x02, a0), f32x4.mul(x12, a1))));
    v128.store(t3 + o, f32x4.add(v128.load(t3 + o), f32x4.add(f32x4.mul(x03, a0), f32x4.mul(x13, a1))));
    v128.store(t4 + o, f32x4.add(v128.load(t4 + o), f32x4.add(f32x4.mul(x04, a0), f32x4.mul(x14, a1))));
  }
}

/** T[c, ·] += Σ_k X[i + k, c] A[i + k, ·] (f32) for 2 rows of A and 4 columns of X (see `gemmSkinnyT`). */
// @ts-ignore: decorator
@inline function axpy2x4(r0: usize, rowBytes: usize, x: usize, xStride: usize, t0: usize): void {
  const r1 = r0 + rowBytes;
  const t1 = t0 + rowBytes, t2 = t1 + rowBytes, t3 = t2 + rowBytes;
  const x00 = v128.load32_splat(x), x01 = v128.load32_splat(x, 4), x02 = v128.load32_splat(x, 8), x03 = v128.load32_splat(x, 12);
  const x10 = v128.load32_splat(x + xStride), x11 = v128.load32_splat(x + xStride, 4), x12 = v128.load32_splat(x + xStride, 8), x13 = v128.load32_splat(x + xStride, 12);
  for (let o: usize = 0; o < rowBytes; o += 16) {
    const a0 = v128.load(r0 + o), a1 = v128.load(r1 + o);
    v128.store(t0 + o, f32x4.add(v128.load(t0 + o), f32x4.add(f32x4.mul(x00, a0), f32x4.mul(x10, a1))));
    v128.store(t1 + o, f32x4.add(v128.load(t1 + o), f32x4.add(f32x4.mul(x01, a0), f32x4.mul(x11, a1))));
    v128.store(t2 + o, f32x4.add(v128.load(t2 + o), f32x4.add(f32x4.mul(x02, a0), f32x4.mul(x12, a1))));
    v128.store(t3 + o, f32x4.add(v128.load(t3 + o), f32x4.add(f32x4.mul(x03, a0), f32x4.mul(x13, a1))));
  }
}

/** T[c, ·] += Σ_k X[i + k, c] A[i + k, ·] (f32) for 2 rows of A and 3 columns of X (see `gemmSkinnyT`). */
// @ts-ignore: decorator
@inline function axpy2x3(r0: usize, rowBytes: usize, x: usize, xStride: usize, t0: usize): void {
  const r1 = r0 + rowBytes;
  const t1 = t0 + rowBytes, t2 = t1 + rowBytes;
  const x00 = v128.load32_splat(x), x01 = v128.load32_splat(x, 4), x02 = v128.load32_splat(x, 8);
  const x10 = v128.load32_splat(x + xStride), x11 = v128.load32_splat(x + xStride, 4), x12 = v128.load32_splat(x + xStride, 8);
  for (let o: usize = 0; o < rowBytes; o += 16) {
    const a0 = v128.load(r0 + o), a1 = v128.load(r1 + o);
    v128.store(t0 + o, f32x4.add(v128.load(t0 + o), f32x4.add(f32x4.mul(x00, a0), f32x4.mul(x10, a1))));
    v128.store(t1 + o, f32x4.add(v128.load(t1 + o), f32x4.add(f32x4.mul(x01, a0), f32x4.mul(x11, a1))));
    v128.store(t2 + o, f32x4.add(v128.load(t2 + o), f32x4.add(f32x4.mul(x02, a0), f32x4.mul(x12, a1))));
  }
}

/** T[c, ·] += Σ_k X[i + k, c] A[i + k, ·] (f32) for 4 rows of A and 2 columns of X (see `gemmSkinnyT`). */
// @ts-ignore: decorator
@inline function axpy4x2(r0: usize, rowBytes: usize, x: usize, xStride: usize, t0: usize): void {
  const r1 = r0 + rowBytes, r2 = r1 + rowBytes, r3 = r2 + rowBytes;
  const t1 = t0 + rowBytes;
  const x00 = v128.load32_splat(x), x01 = v128.load32_splat(x, 4);
  const x10 = v128.load32_splat(x + xStride), x11 = v128.load32_splat(x + xStride, 4);
  const x20 = v128.load32_splat(x + 2 * xStride), x21 = v128.load32_splat(x + 2 * xStride, 4);
  const x30 = v128.load32_splat(x + 3 * xStride), x31 = v128.load32_splat(x + 3 * xStride, 4);
  for (let o: usize = 0; o < rowBytes; o += 16) {
    const a0 = v128.load(r0 + o), a1 = v128.load(r1 + o), a2 = v128.load(r2 + o), a3 = v128.load(r3 + o);
    v128.store(t0 + o, f32x4.add(v128.load(t0 + o), f32x4.add(f32x4.add(f32x4.mul(x00, a0), f32x4.mul(x10, a1)), f32x4.add(f32x4.mul(x20, a2), f32x4.mul(x30, a3)))));
    v128.store(t1 + o, f32x4.add(v128.load(t1 + o), f32x4.add(f32x4.add(f32x4.mul(x01, a0), f32x4.mul(x11, a1)), f32x4.add(f32x4.mul(x21, a2), f32x4.mul(x31, a3)))));
  }
}

/** T[c, ·] += Σ_k X[i + k, c] A[i + k, ·] (f32) for 4 rows of A and 1 columns of X (see `gemmSkinnyT`). */
// @ts-ignore: decorator
@inline function axpy4x1(r0: usize, rowBytes: usize, x: usize, xStride: usize, t0: usize): void {
  const r1 = r0 + rowBytes, r2 = r1 + rowBytes, r3 = r2 + rowBytes;
  const x00 = v128.load32_splat(x);
  const x10 = v128.load32_splat(x + xStride);
  const x20 = v128.load32_splat(x + 2 * xStride);
  const x30 = v128.load32_splat(x + 3 * xStride);
  for (let o: usize = 0; o < rowBytes; o += 16) {
    const a0 = v128.load(r0 + o), a1 = v128.load(r1 + o), a2 = v128.load(r2 + o), a3 = v128.load(r3 + o);
    v128.store(t0 + o, f32x4.add(v128.load(t0 + o), f32x4.add(f32x4.add(f32x4.mul(x00, a0), f32x4.mul(x10, a1)), f32x4.add(f32x4.mul(x20, a2), f32x4.mul(x30, a3)))));
  }
}

