/**
 * SIMD building blocks shared by the product kernels: the multiply-add, which is one fused
 * instruction (`f32x4.relaxed_madd`) in the relaxed-SIMD build and a multiply and an add
 * otherwise, and the horizontal sums that flush float32 lanes into float64 accumulators.
 */

/** Terms summed in float32 before a partial sum is flushed into float64 (blocked summation). */
export const BLOCK: i32 = 256;

/** a·b + c per lane (fused in the relaxed-SIMD build, where the rounding may differ by one ulp). */
// @ts-ignore: decorator
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/**
 * a·b + c per lane, never fused: a multiply and an add in both builds. Where one vector meets
 * only four accumulators (GEMV), each chain waits on its own multiply-add; unfused, the chain only
 * waits on the add (the multiplies run ahead), which measured ~1.2x faster than the fused form
 * on this machine's V8 (AMD Zen 5: fused latency 4 cycles, add 2).
 */
// @ts-ignore: decorator
@inline export function mulAdd(a: v128, b: v128, c: v128): v128 {
  return f32x4.add(f32x4.mul(a, b), c);
}

/** Sum of the four lanes of `v`, in float64. */
// @ts-ignore: decorator
@inline export function hsum(v: v128): f64 {
  return (
    <f64>f32x4.extract_lane(v, 0) + <f64>f32x4.extract_lane(v, 1) +
    (<f64>f32x4.extract_lane(v, 2) + <f64>f32x4.extract_lane(v, 3))
  );
}

/** y[0..4] (f64) += the lane sums of c0..c3 (a 4 × 4 transpose, then two float64 adds). */
// @ts-ignore: decorator
@inline export function flush4(y: usize, c0: v128, c1: v128, c2: v128, c3: v128): void {
  const t0 = f32x4.add(v128.shuffle<f32>(c0, c1, 0, 4, 1, 5), v128.shuffle<f32>(c0, c1, 2, 6, 3, 7));
  const t1 = f32x4.add(v128.shuffle<f32>(c2, c3, 0, 4, 1, 5), v128.shuffle<f32>(c2, c3, 2, 6, 3, 7));
  const u = f32x4.add(v128.shuffle<f32>(t0, t1, 0, 1, 4, 5), v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
  v128.store(y, f64x2.add(v128.load(y), f64x2.promote_low_f32x4(u)));
  v128.store(y, f64x2.add(v128.load(y, 16), f64x2.promote_low_f32x4(v128.shuffle<f32>(u, u, 2, 3, 0, 1))), 16);
}

/** y[0..4] (f64) ← 0 (inline stores: `memory.fill` is a call into the runtime). */
// @ts-ignore: decorator
@inline export function zero4(y: usize): void {
  const z = f64x2.splat(0);
  v128.store(y, z);
  v128.store(y, z, 16);
}

/** y[0..4] (f64) += the four float32 lanes of v. */
// @ts-ignore: decorator
@inline export function widenAdd(y: usize, v: v128): void {
  v128.store(y, f64x2.add(v128.load(y), f64x2.promote_low_f32x4(v)));
  v128.store(y, f64x2.add(v128.load(y, 16), f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1))), 16);
}
