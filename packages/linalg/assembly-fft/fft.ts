/**
 * The wasm FFT of `@dpr/linalg` (`src/fft/wasm-fft.ts` drives it): one Stockham autosort pass of
 * a mixed-radix (2, 3, 4, 5 and any odd radix) forward DFT on split float64 buffers, f64x2 SIMD,
 * and the pointwise complex products of Bluestein's algorithm. No allocation: the caller lays
 * out every buffer in the imported memory (byte addresses below). The inverse DFT is the forward
 * one on swapped real and imaginary parts, so only the forward transform is here.
 *
 * A pass of radix r on a transform of current length r·m with inner run S (the elements of one
 * index lie S apart: S = s·inner, s the product of the radices already done, inner the stride of
 * the transform within the batch item, e.g. the row length for a column transform), per batch item:
 *   y[t + S(r·p + j)] = w_p^j · Σ_k x[t + S(p + k·m)] ω_r^{jk},   ω_r = e^{−2πi/r},
 * for p < m, t < S, j < r, with the twiddles w_p^j = e^{−2πi pj/(r·m)} at tw[(j − 1)·m + p].
 */

/** Two consecutive t (S ≥ 2): contiguous loads and stores, twiddles splat. */
const VEC: i32 = 0;
/** Two consecutive p (S = 1): contiguous loads and twiddles, outputs r elements apart. */
const PAIR: i32 = 1;
/** One element, in lane 0. */
const ONE: i32 = 2;

// @ts-ignore: decorator
@inline function ld(a: usize, mode: i32): v128 {
  return mode == ONE ? v128.load64_splat(a) : v128.load(a);
}

// @ts-ignore: decorator
@inline function ldw(a: usize, mode: i32): v128 {
  return mode == PAIR ? v128.load(a) : v128.load64_splat(a);
}

/** Store v at a (both lanes; PAIR: lane 1 `step` bytes further; ONE: lane 0 only). */
// @ts-ignore: decorator
@inline function st(a: usize, v: v128, mode: i32, step: usize): void {
  if (mode == VEC) v128.store(a, v);
  else {
    v128.store64_lane(a, v, 0);
    if (mode == PAIR) v128.store64_lane(a + step, v, 1);
  }
}

/** Store (ar + i·ai)·(tw at w) at (yr, yi). */
// @ts-ignore: decorator
@inline function stw(yr: usize, yi: usize, ar: v128, ai: v128, twr: usize, twi: usize, w: usize, mode: i32, step: usize): void {
  const wr = ldw(twr + w, mode), wi = ldw(twi + w, mode);
  st(yr, f64x2.sub(f64x2.mul(ar, wr), f64x2.mul(ai, wi)), mode, step);
  st(yi, f64x2.add(f64x2.mul(ar, wi), f64x2.mul(ai, wr)), mode, step);
}

// @ts-ignore: decorator
@inline function body2(xr: usize, xi: usize, yr: usize, yi: usize, si: usize, so: usize, twr: usize, twi: usize, mode: i32, step: usize): void {
  const ar = ld(xr, mode), ai = ld(xi, mode), br = ld(xr + si, mode), bi = ld(xi + si, mode);
  st(yr, f64x2.add(ar, br), mode, step);
  st(yi, f64x2.add(ai, bi), mode, step);
  stw(yr + so, yi + so, f64x2.sub(ar, br), f64x2.sub(ai, bi), twr, twi, 0, mode, step);
}

// @ts-ignore: decorator
@inline function body3(xr: usize, xi: usize, yr: usize, yi: usize, si: usize, so: usize, twr: usize, twi: usize, tm: usize, mode: i32, step: usize): void {
  const half = f64x2.splat(-0.5), s3 = f64x2.splat(0.86602540378443864676);
  const a0r = ld(xr, mode), a0i = ld(xi, mode);
  const a1r = ld(xr + si, mode), a1i = ld(xi + si, mode), a2r = ld(xr + 2 * si, mode), a2i = ld(xi + 2 * si, mode);
  const t1r = f64x2.add(a1r, a2r), t1i = f64x2.add(a1i, a2i);
  const t2r = f64x2.add(a0r, f64x2.mul(half, t1r)), t2i = f64x2.add(a0i, f64x2.mul(half, t1i));
  const t3r = f64x2.mul(s3, f64x2.sub(a1r, a2r)), t3i = f64x2.mul(s3, f64x2.sub(a1i, a2i));
  st(yr, f64x2.add(a0r, t1r), mode, step);
  st(yi, f64x2.add(a0i, t1i), mode, step);
  // y1 = t2 − i·t3, y2 = t2 + i·t3
  stw(yr + so, yi + so, f64x2.add(t2r, t3i), f64x2.sub(t2i, t3r), twr, twi, 0, mode, step);
  stw(yr + 2 * so, yi + 2 * so, f64x2.sub(t2r, t3i), f64x2.add(t2i, t3r), twr, twi, tm, mode, step);
}

// @ts-ignore: decorator
@inline function body4(xr: usize, xi: usize, yr: usize, yi: usize, si: usize, so: usize, twr: usize, twi: usize, tm: usize, mode: i32, step: usize): void {
  const a0r = ld(xr, mode), a0i = ld(xi, mode), a1r = ld(xr + si, mode), a1i = ld(xi + si, mode);
  const a2r = ld(xr + 2 * si, mode), a2i = ld(xi + 2 * si, mode), a3r = ld(xr + 3 * si, mode), a3i = ld(xi + 3 * si, mode);
  const t0r = f64x2.add(a0r, a2r), t0i = f64x2.add(a0i, a2i), t1r = f64x2.sub(a0r, a2r), t1i = f64x2.sub(a0i, a2i);
  const t2r = f64x2.add(a1r, a3r), t2i = f64x2.add(a1i, a3i), t3r = f64x2.sub(a1r, a3r), t3i = f64x2.sub(a1i, a3i);
  st(yr, f64x2.add(t0r, t2r), mode, step);
  st(yi, f64x2.add(t0i, t2i), mode, step);
  // y1 = t1 − i·t3, y2 = t0 − t2, y3 = t1 + i·t3
  stw(yr + so, yi + so, f64x2.add(t1r, t3i), f64x2.sub(t1i, t3r), twr, twi, 0, mode, step);
  stw(yr + 2 * so, yi + 2 * so, f64x2.sub(t0r, t2r), f64x2.sub(t0i, t2i), twr, twi, tm, mode, step);
  stw(yr + 3 * so, yi + 3 * so, f64x2.sub(t1r, t3i), f64x2.add(t1i, t3r), twr, twi, 2 * tm, mode, step);
}

// @ts-ignore: decorator
@inline function body5(xr: usize, xi: usize, yr: usize, yi: usize, si: usize, so: usize, twr: usize, twi: usize, tm: usize, mode: i32, step: usize): void {
  const c1 = f64x2.splat(0.30901699437494742410), c2 = f64x2.splat(-0.80901699437494742410);
  const s1 = f64x2.splat(0.95105651629515357212), s2 = f64x2.splat(0.58778525229247312917);
  const a0r = ld(xr, mode), a0i = ld(xi, mode);
  const a1r = ld(xr + si, mode), a1i = ld(xi + si, mode), a4r = ld(xr + 4 * si, mode), a4i = ld(xi + 4 * si, mode);
  const a2r = ld(xr + 2 * si, mode), a2i = ld(xi + 2 * si, mode), a3r = ld(xr + 3 * si, mode), a3i = ld(xi + 3 * si, mode);
  const b1r = f64x2.add(a1r, a4r), b1i = f64x2.add(a1i, a4i), d1r = f64x2.sub(a1r, a4r), d1i = f64x2.sub(a1i, a4i);
  const b2r = f64x2.add(a2r, a3r), b2i = f64x2.add(a2i, a3i), d2r = f64x2.sub(a2r, a3r), d2i = f64x2.sub(a2i, a3i);
  st(yr, f64x2.add(a0r, f64x2.add(b1r, b2r)), mode, step);
  st(yi, f64x2.add(a0i, f64x2.add(b1i, b2i)), mode, step);
  const r1r = f64x2.add(a0r, f64x2.add(f64x2.mul(c1, b1r), f64x2.mul(c2, b2r)));
  const r1i = f64x2.add(a0i, f64x2.add(f64x2.mul(c1, b1i), f64x2.mul(c2, b2i)));
  const r2r = f64x2.add(a0r, f64x2.add(f64x2.mul(c2, b1r), f64x2.mul(c1, b2r)));
  const r2i = f64x2.add(a0i, f64x2.add(f64x2.mul(c2, b1i), f64x2.mul(c1, b2i)));
  const i1r = f64x2.add(f64x2.mul(s1, d1r), f64x2.mul(s2, d2r)), i1i = f64x2.add(f64x2.mul(s1, d1i), f64x2.mul(s2, d2i));
  const i2r = f64x2.sub(f64x2.mul(s2, d1r), f64x2.mul(s1, d2r)), i2i = f64x2.sub(f64x2.mul(s2, d1i), f64x2.mul(s1, d2i));
  // y1 = r1 − i·i1, y4 = r1 + i·i1, y2 = r2 − i·i2, y3 = r2 + i·i2
  stw(yr + so, yi + so, f64x2.add(r1r, i1i), f64x2.sub(r1i, i1r), twr, twi, 0, mode, step);
  stw(yr + 4 * so, yi + 4 * so, f64x2.sub(r1r, i1i), f64x2.add(r1i, i1r), twr, twi, 3 * tm, mode, step);
  stw(yr + 2 * so, yi + 2 * so, f64x2.add(r2r, i2i), f64x2.sub(r2i, i2r), twr, twi, tm, mode, step);
  stw(yr + 3 * so, yi + 3 * so, f64x2.sub(r2r, i2i), f64x2.add(r2i, i2r), twr, twi, 2 * tm, mode, step);
}

/**
 * Any odd radix r: with b_k = a_k + a_{r−k}, d_k = a_k − a_{r−k} (k ≤ h = (r − 1)/2, kept at
 * `scr`), y_j = a_0 + Σ_k cos(2πjk/r)·b_k − i·Σ_k sin(2πjk/r)·d_k and y_{r−j} the same with
 * +i; `rt` holds cos(2πq/r) at q and sin(2πq/r) at r + q.
 */
// @ts-ignore: decorator
@inline function bodyOdd(r: i32, xr: usize, xi: usize, yr: usize, yi: usize, si: usize, so: usize, twr: usize, twi: usize, tm: usize, mode: i32, step: usize, rt: usize, scr: usize): void {
  const h = (r - 1) >> 1;
  const a0r = ld(xr, mode), a0i = ld(xi, mode);
  let sr = a0r, si0 = a0i;
  for (let k = 1; k <= h; k++) {
    const o = <usize>k * si, oo = <usize>(r - k) * si;
    const ar = ld(xr + o, mode), ai = ld(xi + o, mode), cr = ld(xr + oo, mode), ci = ld(xi + oo, mode);
    const br = f64x2.add(ar, cr), bi = f64x2.add(ai, ci);
    const e = scr + (<usize>k << 6);
    v128.store(e, br);
    v128.store(e, bi, 16);
    v128.store(e, f64x2.sub(ar, cr), 32);
    v128.store(e, f64x2.sub(ai, ci), 48);
    sr = f64x2.add(sr, br);
    si0 = f64x2.add(si0, bi);
  }
  st(yr, sr, mode, step);
  st(yi, si0, mode, step);
  for (let j = 1; j <= h; j++) {
    let pr = a0r, pi = a0i, qr = f64x2.splat(0), qi = f64x2.splat(0);
    let q = 0;
    for (let k = 1; k <= h; k++) {
      q += j;
      if (q >= r) q -= r;
      const c = v128.load64_splat(rt + (<usize>q << 3)), s = v128.load64_splat(rt + (<usize>(r + q) << 3));
      const e = scr + (<usize>k << 6);
      pr = f64x2.add(pr, f64x2.mul(c, v128.load(e)));
      pi = f64x2.add(pi, f64x2.mul(c, v128.load(e, 16)));
      qr = f64x2.add(qr, f64x2.mul(s, v128.load(e, 32)));
      qi = f64x2.add(qi, f64x2.mul(s, v128.load(e, 48)));
    }
    const oj = <usize>j * so, ok = <usize>(r - j) * so;
    stw(yr + oj, yi + oj, f64x2.add(pr, qi), f64x2.sub(pi, qr), twr, twi, <usize>(j - 1) * tm, mode, step);
    stw(yr + ok, yi + ok, f64x2.sub(pr, qi), f64x2.add(pi, qr), twr, twi, <usize>(r - j - 1) * tm, mode, step);
  }
}

// @ts-ignore: decorator
@inline function body(r: i32, xr: usize, xi: usize, yr: usize, yi: usize, si: usize, so: usize, twr: usize, twi: usize, tm: usize, mode: i32, step: usize, rt: usize, scr: usize): void {
  if (r == 2) body2(xr, xi, yr, yi, si, so, twr, twi, mode, step);
  else if (r == 3) body3(xr, xi, yr, yi, si, so, twr, twi, tm, mode, step);
  else if (r == 4) body4(xr, xi, yr, yi, si, so, twr, twi, tm, mode, step);
  else if (r == 5) body5(xr, xi, yr, yi, si, so, twr, twi, tm, mode, step);
  else bodyOdd(r, xr, xi, yr, yi, si, so, twr, twi, tm, mode, step, rt, scr);
}

/** One pass of radix r (see the file comment) over B batch items bs elements apart. */
// @ts-ignore: decorator
@inline function pass(r: i32, xr: usize, xi: usize, yr: usize, yi: usize, twr: usize, twi: usize, m: i32, S: i32, B: i32, bs: i32, rt: usize, scr: usize): void {
  const si = <usize>(S * m) << 3, so = <usize>S << 3, tm = <usize>m << 3;
  for (let b = 0; b < B; b++) {
    const o = (<usize>b * <usize>bs) << 3;
    if (S == 1) {
      let p = 0;
      for (; p + 1 < m; p += 2) {
        const ip = o + (<usize>p << 3), op = o + (<usize>(p * r) << 3), tp = <usize>p << 3;
        body(r, xr + ip, xi + ip, yr + op, yi + op, si, so, twr + tp, twi + tp, tm, PAIR, <usize>r << 3, rt, scr);
      }
      if (p < m) {
        const ip = o + (<usize>p << 3), op = o + (<usize>(p * r) << 3), tp = <usize>p << 3;
        body(r, xr + ip, xi + ip, yr + op, yi + op, si, so, twr + tp, twi + tp, tm, ONE, 0, rt, scr);
      }
    } else {
      for (let p = 0; p < m; p++) {
        const ip = o + (<usize>(S * p) << 3), op = o + (<usize>(S * r * p) << 3), tp = <usize>p << 3;
        let t = 0;
        for (; t + 1 < S; t += 2) {
          const u = <usize>t << 3;
          body(r, xr + ip + u, xi + ip + u, yr + op + u, yi + op + u, si, so, twr + tp, twi + tp, tm, VEC, 0, rt, scr);
        }
        if (t < S) {
          const u = <usize>t << 3;
          body(r, xr + ip + u, xi + ip + u, yr + op + u, yi + op + u, si, so, twr + tp, twi + tp, tm, ONE, 0, rt, scr);
        }
      }
    }
  }
}

/**
 * One Stockham pass of radix r from (xr, xi) into (yr, yi); `rt` and `scr` (the cos/sin table and
 * 64·(r − 1)/2 + 64 bytes of scratch) are read only for odd radices above 5.
 */
export function fftPass(r: i32, xr: usize, xi: usize, yr: usize, yi: usize, twr: usize, twi: usize, m: i32, S: i32, B: i32, bs: i32, rt: usize, scr: usize): void {
  if (r == 4) pass(4, xr, xi, yr, yi, twr, twi, m, S, B, bs, 0, 0);
  else if (r == 2) pass(2, xr, xi, yr, yi, twr, twi, m, S, B, bs, 0, 0);
  else if (r == 3) pass(3, xr, xi, yr, yi, twr, twi, m, S, B, bs, 0, 0);
  else if (r == 5) pass(5, xr, xi, yr, yi, twr, twi, m, S, B, bs, 0, 0);
  else pass(r, xr, xi, yr, yi, twr, twi, m, S, B, bs, rt, scr);
}

/**
 * y[t + inner·j] = x[t + inner·j] · w[j] for j < len, t < inner (complex; y may be x): the chirp
 * and kernel products of Bluestein's algorithm, over every column of an inner-wide block.
 */
export function cmulBroadcast(xr: usize, xi: usize, wr: usize, wi: usize, yr: usize, yi: usize, len: i32, inner: i32): void {
  if (inner == 1) {
    let j = 0;
    for (; j + 1 < len; j += 2) {
      const o = <usize>j << 3;
      const ar = v128.load(xr + o), ai = v128.load(xi + o), br = v128.load(wr + o), bi = v128.load(wi + o);
      v128.store(yr + o, f64x2.sub(f64x2.mul(ar, br), f64x2.mul(ai, bi)));
      v128.store(yi + o, f64x2.add(f64x2.mul(ar, bi), f64x2.mul(ai, br)));
    }
    if (j < len) cmulOne(xr, xi, wr, wi, yr, yi, <usize>j << 3, <usize>j << 3);
    return;
  }
  for (let j = 0; j < len; j++) {
    const br = v128.load64_splat(wr + (<usize>j << 3)), bi = v128.load64_splat(wi + (<usize>j << 3));
    const row = <usize>(j * inner) << 3;
    let t = 0;
    for (; t + 1 < inner; t += 2) {
      const o = row + (<usize>t << 3);
      const ar = v128.load(xr + o), ai = v128.load(xi + o);
      v128.store(yr + o, f64x2.sub(f64x2.mul(ar, br), f64x2.mul(ai, bi)));
      v128.store(yi + o, f64x2.add(f64x2.mul(ar, bi), f64x2.mul(ai, br)));
    }
    if (t < inner) cmulOne(xr, xi, wr, wi, yr, yi, row + (<usize>t << 3), <usize>j << 3);
  }
}

// @ts-ignore: decorator
@inline function cmulOne(xr: usize, xi: usize, wr: usize, wi: usize, yr: usize, yi: usize, o: usize, w: usize): void {
  const ar = f64.load(xr + o), ai = f64.load(xi + o), br = f64.load(wr + w), bi = f64.load(wi + w);
  f64.store(yr + o, ar * br - ai * bi);
  f64.store(yi + o, ar * bi + ai * br);
}
