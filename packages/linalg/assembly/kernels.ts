/**
 * The wasm backend's kernel module, compiled by `scripts/build-wasm.mjs` twice (plain SIMD, and
 * relaxed SIMD with fused multiply-adds) into `src/backends/wasm/generated/kernels.ts`.
 *
 * Memory is owned by the host (`src/backends/wasm/wasm-heap.ts`): every argument is a byte
 * address in linear memory and the kernels never allocate. Resident matrices are float32 in row
 * panels (`panels.ts`); batches of vectors are float32, one vector after the other, each padded
 * with zeros to a multiple of 4 floats. Products (`mv`, `mtv`) write float64 and sum in float32
 * over at most `BLOCK` terms before flushing into float64 (blocked summation); `finish` turns a
 * float64 product into the float32 batch of the next product, applying the fused epilogue.
 */
export { mv } from './mv';
export { mtv } from './mtv';
export { finish } from './epilogue';
export { packPanel, unpackPanel } from './panels';

/** First byte after the module's static data: where the host allocator may start. */
export function heapBase(): usize {
  return __heap_base;
}

/** 1 in the relaxed-SIMD build (fused multiply-add), 0 in the plain-SIMD build. */
export function relaxed(): i32 {
  return ASC_FEATURE_RELAXED_SIMD ? 1 : 0;
}

import { mv } from './mv';
import { mtv } from './mtv';
import { finish } from './epilogue';

/**
 * One fused product, one call: y (f64 scratch) ← op(A) x_c for c < n (`mtv` when `trans`, with
 * the float32 scratch `t`), then out ← the epilogue `kind` of y (see `finish`). A has `panels`
 * row panels of `ld` floats per row; x and out are batches with `xs` and `os` floats per vector;
 * `len` is the output length.
 */
export function product(
  trans: i32, a: usize, ld: i32, panels: i32, x: usize, xs: i32, n: i32, t: usize, y: usize,
  kind: i32, len: i32, out: usize, os: i32, aux: usize, as: i32, d: usize, param: f64, sums: usize,
): void {
  const ys = trans ? ld : panels << 2;
  if (trans) mtv(a, ld, panels, 0, ld >> 2, x, xs, n, t, y, ys);
  else mv(a, ld, 0, panels, x, xs, n, y, ys);
  finish(kind, y, ys, len, n, out, os, aux, as, d, param, sums);
}
