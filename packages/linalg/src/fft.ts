/**
 * The discrete Fourier transform on split real/imaginary float64 buffers, for any length: an
 * iterative radix-2 Cooley–Tukey transform with precomputed twiddles and bit-reversal table for
 * powers of two, and Bluestein's chirp-z algorithm (a length-M ≥ 2n − 1 radix-2 circular
 * convolution) for every other length. Plans precompute everything once; transforms run in place
 * and allocate nothing (Bluestein keeps two work buffers in its plan).
 *
 * Conventions (unnormalised, as numpy's `fft`/`n·ifft`):
 *   forward  X_k = Σ_j x_j e^{−2πi jk/n},   inverse  x_j = Σ_k X_k e^{+2πi jk/n}  (= n · DFT⁻¹),
 * so `inverse` is the adjoint of `forward` and inverse(forward(x)) = n·x.
 */
import { ArgumentError, ShapeError } from './errors.js';

/** True when n is a power of two (n ≥ 1). */
function isPowerOfTwo(n: number): boolean {
  return n >= 1 && (n & (n - 1)) === 0;
}

/** Radix-2 plan for a power-of-two length. */
class Radix2 {
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly rev: Uint32Array;
  constructor(readonly n: number) {
    const half = n >> 1;
    this.cos = new Float64Array(half);
    this.sin = new Float64Array(half);
    for (let k = 0; k < half; k++) {
      const t = (-2 * Math.PI * k) / n;
      this.cos[k] = Math.cos(t);
      this.sin[k] = Math.sin(t);
    }
    this.rev = new Uint32Array(n);
    const bits = Math.round(Math.log2(n));
    for (let i = 0; i < n; i++) {
      let r = 0;
      for (let b = 0, v = i; b < bits; b++, v >>= 1) r = (r << 1) | (v & 1);
      this.rev[i] = r;
    }
  }

  /** In-place forward transform (`sign` −1) or unnormalised inverse (`sign` +1). */
  run(re: Float64Array, im: Float64Array, sign: 1 | -1): void {
    const { n, rev, cos } = this;
    const sin = this.sin;
    for (let i = 0; i < n; i++) {
      const j = rev[i] as number;
      if (j > i) {
        const tr = re[i] as number, ti = im[i] as number;
        re[i] = re[j] as number;
        im[i] = im[j] as number;
        re[j] = tr;
        im[j] = ti;
      }
    }
    const s = -sign; // the table holds e^{−2πik/n}
    for (let size = 2; size <= n; size <<= 1) {
      const half = size >> 1, step = n / size;
      for (let start = 0; start < n; start += size) {
        for (let j = 0, k = 0; j < half; j++, k += step) {
          const wr = cos[k] as number, wi = (sin[k] as number) * s;
          const a = start + j, b = a + half;
          const br = re[b] as number, bi = im[b] as number;
          const tr = wr * br - wi * bi, ti = wr * bi + wi * br;
          const ar = re[a] as number, ai = im[a] as number;
          re[a] = ar + tr;
          im[a] = ai + ti;
          re[b] = ar - tr;
          im[b] = ai - ti;
        }
      }
    }
  }
}

/** Bluestein plan: the length-n DFT as a chirp-modulated circular convolution of length M = 2^⌈log₂(2n−1)⌉. */
class Bluestein {
  private readonly inner: Radix2;
  /** The chirp w_j = e^{−πi j²/n}. */
  private readonly wr: Float64Array;
  private readonly wi: Float64Array;
  /** FFT of the conjugate chirp, wrapped to length M. */
  private readonly Br: Float64Array;
  private readonly Bi: Float64Array;
  private readonly ar: Float64Array;
  private readonly ai: Float64Array;
  constructor(readonly n: number) {
    let M = 1;
    while (M < 2 * n - 1) M <<= 1;
    this.inner = new Radix2(M);
    this.wr = new Float64Array(n);
    this.wi = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const t = (-Math.PI * ((j * j) % (2 * n))) / n; // j² mod 2n keeps the angle exact for large j
      this.wr[j] = Math.cos(t);
      this.wi[j] = Math.sin(t);
    }
    this.Br = new Float64Array(M);
    this.Bi = new Float64Array(M);
    for (let j = 0; j < n; j++) {
      this.Br[j] = this.wr[j] as number;
      this.Bi[j] = -(this.wi[j] as number);
      if (j > 0) {
        this.Br[M - j] = this.wr[j] as number;
        this.Bi[M - j] = -(this.wi[j] as number);
      }
    }
    this.inner.run(this.Br, this.Bi, -1);
    this.ar = new Float64Array(M);
    this.ai = new Float64Array(M);
  }

  run(re: Float64Array, im: Float64Array, sign: 1 | -1): void {
    const { n, wr, ar, ai, Br, Bi } = this;
    const M = ar.length;
    // the inverse is conj(forward(conj x))
    const c = sign === 1 ? -1 : 1;
    ar.fill(0);
    ai.fill(0);
    for (let j = 0; j < n; j++) {
      const xr = re[j] as number, xi = c * (im[j] as number), w = wr[j] as number, v = this.wi[j] as number;
      ar[j] = xr * w - xi * v;
      ai[j] = xr * v + xi * w;
    }
    this.inner.run(ar, ai, -1);
    for (let k = 0; k < M; k++) {
      const x = ar[k] as number, y = ai[k] as number, u = Br[k] as number, v = Bi[k] as number;
      ar[k] = x * u - y * v;
      ai[k] = x * v + y * u;
    }
    this.inner.run(ar, ai, 1);
    for (let k = 0; k < n; k++) {
      const x = (ar[k] as number) / M, y = (ai[k] as number) / M, w = wr[k] as number, v = this.wi[k] as number;
      re[k] = x * w - y * v;
      im[k] = c * (x * v + y * w);
    }
  }
}

/** A length-n DFT plan (radix-2 for powers of two, Bluestein otherwise). */
export class FftPlan {
  private readonly impl: Radix2 | Bluestein;
  constructor(readonly n: number) {
    if (!Number.isSafeInteger(n) || n < 1) throw new ArgumentError('n', 'a positive integer transform length', n);
    this.impl = isPowerOfTwo(n) ? new Radix2(n) : new Bluestein(n);
  }

  /** The algorithm this plan uses. */
  get algorithm(): 'radix-2' | 'bluestein' {
    return this.impl instanceof Radix2 ? 'radix-2' : 'bluestein';
  }

  /** In place: (re, im) ← DFT(re, im). */
  forward(re: Float64Array, im: Float64Array): void {
    this.check(re, im);
    this.impl.run(re, im, -1);
  }

  /** In place: (re, im) ← the unnormalised inverse DFT (the adjoint of {@link forward}). */
  inverse(re: Float64Array, im: Float64Array): void {
    this.check(re, im);
    this.impl.run(re, im, 1);
  }

  private check(re: Float64Array, im: Float64Array): void {
    if (!(re instanceof Float64Array) || re.length !== this.n) throw new ShapeError('re', `a Float64Array of length ${this.n}`, re?.length);
    if (!(im instanceof Float64Array) || im.length !== this.n) throw new ShapeError('im', `a Float64Array of length ${this.n}`, im?.length);
  }
}

/** A 2-D DFT plan for row-major height × width arrays: 1-D transforms along rows, then along columns. */
export class Fft2Plan {
  private readonly rows: FftPlan;
  private readonly cols: FftPlan;
  private readonly cr: Float64Array;
  private readonly ci: Float64Array;
  constructor(
    readonly height: number,
    readonly width: number,
  ) {
    this.rows = new FftPlan(width);
    this.cols = new FftPlan(height);
    this.cr = new Float64Array(height);
    this.ci = new Float64Array(height);
  }

  /** In place 2-D DFT. */
  forward(re: Float64Array, im: Float64Array): void {
    this.run(re, im, false);
  }

  /** In place unnormalised inverse 2-D DFT (the adjoint of {@link forward}). */
  inverse(re: Float64Array, im: Float64Array): void {
    this.run(re, im, true);
  }

  private run(re: Float64Array, im: Float64Array, inverse: boolean): void {
    const { height: H, width: W, cr, ci } = this;
    if (!(re instanceof Float64Array) || re.length !== H * W) throw new ShapeError('re', `a Float64Array of length ${H * W} (${H} × ${W})`, re?.length);
    if (!(im instanceof Float64Array) || im.length !== H * W) throw new ShapeError('im', `a Float64Array of length ${H * W} (${H} × ${W})`, im?.length);
    for (let r = 0; r < H; r++) {
      const sr = re.subarray(r * W, (r + 1) * W), si = im.subarray(r * W, (r + 1) * W);
      if (inverse) this.rows.inverse(sr, si);
      else this.rows.forward(sr, si);
    }
    for (let c = 0; c < W; c++) {
      for (let r = 0; r < H; r++) {
        cr[r] = re[r * W + c] as number;
        ci[r] = im[r * W + c] as number;
      }
      if (inverse) this.cols.inverse(cr, ci);
      else this.cols.forward(cr, ci);
      for (let r = 0; r < H; r++) {
        re[r * W + c] = cr[r] as number;
        im[r * W + c] = ci[r] as number;
      }
    }
  }
}

/**
 * The 2-D DFT of an H × W complex array by its definition, X[u, v] = Σ_{r, c} x[r, c]
 * e^{−2πi(ur/H + vc/W)} (H = 1 for 1-D): O((HW)²), the reference the FFT plans and the FFT-based
 * measurement operators are checked against. Returns new split re/im buffers.
 */
export function naiveDft2(re: Float64Array, im: Float64Array, H: number, W: number): { re: Float64Array; im: Float64Array } {
  const outRe = new Float64Array(H * W), outIm = new Float64Array(H * W);
  for (let u = 0; u < H; u++) {
    for (let v = 0; v < W; v++) {
      let sr = 0, si = 0;
      for (let r = 0; r < H; r++) {
        for (let c = 0; c < W; c++) {
          const t = -2 * Math.PI * ((u * r) / H + (v * c) / W);
          sr += re[r * W + c]! * Math.cos(t) - im[r * W + c]! * Math.sin(t);
          si += re[r * W + c]! * Math.sin(t) + im[r * W + c]! * Math.cos(t);
        }
      }
      outRe[u * W + v] = sr;
      outIm[u * W + v] = si;
    }
  }
  return { re: outRe, im: outIm };
}
