/**
 * Float32 GEMV / GEMVᵀ / GEMM kernels with 128-bit SIMD (f32x4), compiled by
 * `scripts/build-wasm.mjs` into `src/backends/wasm/generated/kernels.ts`.
 *
 * Memory is owned by the host (`src/backends/wasm/wasm-heap.ts`): every argument is a byte
 * address in linear memory, the kernels never allocate. Matrices are row-major float32 with a
 * leading dimension `ld` (floats per stored row) that is a multiple of 4 and zero-padded, so the
 * inner loops have no column tails. Addresses of rows are therefore 16-byte aligned whenever the
 * base address is.
 *
 * Accuracy: float32 partial sums run over at most `BLOCK` terms and are then added into float64
 * (GEMV, GEMVᵀ) or into the float32 output (GEMM), i.e. blocked summation, which keeps the
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
      for (; o < ldBytes; o += 16) {
        for (let k: usize = 0; k < 4; k++) kernel1x4(ar + k * rowStride, stepStride, steps, bq + o, ldBytes, cr + k * ldBytes + o);
      }
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
