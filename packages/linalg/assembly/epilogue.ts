/**
 * Epilogues of the fused products: turn the float64 output y_c = op(A) x_c of `mv`/`mtv` into the
 * float32 batch the next product reads, applying what the caller asked for on the way, in the same
 * call as the product. Formulas match the float64 reference in `src/epilogues.ts`.
 *
 * Kinds (keep in sync with `EPILOGUE_KINDS` in `src/backends/wasm/wasm-kernels.ts`):
 * 0 copy · 1 ReLU · 2 leaky ReLU (slope `param`) · 3 softplus · 4 sigmoid · 5 tanh · 6 identity
 * (1–6: z = y + bias; out = σ(z), d = σ'(z) when `d` ≠ 0) · 7 scale (out = y ⊙ s) · 8 amplitude
 * residual (out = sgn(y)(|y| − b), sums[c] = ½‖out_c‖²) · 9 squared norms (out = y,
 * sums[c] = ‖y_c‖²).
 */

/** One activation and its derivative at z (kinds 1–6). */
// @ts-ignore: decorator
@inline function activate(kind: i32, z: f64, param: f64, d: usize, at: usize): f64 {
  let v: f64, dv: f64;
  if (kind == 1) {
    v = z > 0 ? z : 0;
    dv = z > 0 ? 1 : 0;
  } else if (kind == 2) {
    v = z > 0 ? z : param * z;
    dv = z > 0 ? 1 : param;
  } else if (kind == 3) {
    v = z > 30 ? z : z < -30 ? Math.exp(z) : Math.log1p(Math.exp(z));
    dv = 1 / (1 + Math.exp(-z));
  } else if (kind == 4) {
    v = 1 / (1 + Math.exp(-z));
    dv = v * (1 - v);
  } else if (kind == 5) {
    v = Math.tanh(z);
    dv = 1 - v * v;
  } else {
    v = z;
    dv = 1;
  }
  if (d) store<f32>(at, <f32>dv);
  return v;
}

/**
 * out[c · os + i] (f32) ← epilogue(y[c · ys + i]) for i < len, c < n; out and d are zeroed from
 * len to os (the padding the next product reads). `aux` is the bias (kinds 1–6, f32, 0 = none),
 * the scale batch with stride `as` (kind 7) or b (kind 8, f32); `d` receives σ'(z) with stride
 * `os` (0 = not wanted); `sums` (f64 per vector) receives the kind 8/9 reductions.
 */
export function finish(kind: i32, y: usize, ys: i32, len: i32, n: i32, out: usize, os: i32, aux: usize, as: i32, d: usize, param: f64, sums: usize): void {
  for (let c = 0; c < n; c++) {
    const yc = y + (<usize>c * <usize>ys << 3), oc = out + (<usize>c * <usize>os << 2);
    const dc = d ? d + (<usize>c * <usize>os << 2) : 0;
    let s: f64 = 0;
    if (kind == 0) {
      for (let i = 0; i < len; i++) store<f32>(oc + (<usize>i << 2), <f32>load<f64>(yc + (<usize>i << 3)));
    } else if (kind <= 6) {
      for (let i = 0; i < len; i++) {
        const z = load<f64>(yc + (<usize>i << 3)) + (aux ? <f64>load<f32>(aux + (<usize>i << 2)) : 0);
        store<f32>(oc + (<usize>i << 2), <f32>activate(kind, z, param, dc, dc + (<usize>i << 2)));
      }
    } else if (kind == 7) {
      const sc = aux + (<usize>c * <usize>as << 2);
      for (let i = 0; i < len; i++) store<f32>(oc + (<usize>i << 2), <f32>(load<f64>(yc + (<usize>i << 3)) * <f64>load<f32>(sc + (<usize>i << 2))));
    } else if (kind == 8) {
      for (let i = 0; i < len; i++) {
        const v = load<f64>(yc + (<usize>i << 3));
        const e = Math.abs(v) - <f64>load<f32>(aux + (<usize>i << 2));
        const r = v > 0 ? e : v < 0 ? -e : 0;
        s += e * e;
        store<f32>(oc + (<usize>i << 2), <f32>r);
      }
      store<f64>(sums + (<usize>c << 3), s / 2);
    } else {
      for (let i = 0; i < len; i++) {
        const v = load<f64>(yc + (<usize>i << 3));
        s += v * v;
        store<f32>(oc + (<usize>i << 2), <f32>v);
      }
      store<f64>(sums + (<usize>c << 3), s);
    }
    if (os > len) {
      memory.fill(oc + (<usize>len << 2), 0, <usize>(os - len) << 2);
      if (dc) memory.fill(dc + (<usize>len << 2), 0, <usize>(os - len) << 2);
    }
  }
}
