/**
 * The TypeScript FFT, the fallback of the plans where the wasm FFT cannot run (a runtime without
 * WebAssembly SIMD, e.g. Safari before 16.4, or with WebAssembly disabled by policy), and the
 * baseline `dpr bench fft` measures the wasm one against: an iterative radix-2 Cooley–Tukey
 * transform with precomputed twiddles and bit-reversal table for powers of two, and Bluestein's
 * chirp-z algorithm (a length-M ≥ 2n − 1 radix-2 circular convolution) for every other length.
 * Transforms run in place; 2-D ones along rows, then along columns (through a column buffer).
 */
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

/** A TypeScript FFT kernel for one shape ([n] or [H, W], row-major), `count` items at a time. */
export class JsFft {
  readonly algorithm: 'radix-2' | 'bluestein';
  private readonly plans: (Radix2 | Bluestein)[];
  private readonly cr: Float64Array;
  private readonly ci: Float64Array;
  constructor(private readonly dims: readonly number[]) {
    this.plans = dims.map((len) => (isPowerOfTwo(len) ? new Radix2(len) : new Bluestein(len)));
    this.algorithm = this.plans.every((p) => p instanceof Radix2) ? 'radix-2' : 'bluestein';
    this.cr = new Float64Array(dims[0] as number);
    this.ci = new Float64Array(dims[0] as number);
  }

  /** In place on `count` consecutive items: forward DFT, or (inverse) the unnormalised inverse. */
  transform(re: Float64Array, im: Float64Array, count: number, inverse: boolean): void {
    const sign = inverse ? 1 : -1;
    const size = this.dims.reduce((p, d) => p * d, 1);
    for (let item = 0; item < count; item++) {
      const r = re.subarray(item * size, (item + 1) * size), i = im.subarray(item * size, (item + 1) * size);
      if (this.dims.length === 1) (this.plans[0] as Radix2 | Bluestein).run(r, i, sign);
      else this.run2(r, i, sign);
    }
  }

  private run2(re: Float64Array, im: Float64Array, sign: 1 | -1): void {
    const [H, W] = this.dims as [number, number];
    const { cr, ci } = this;
    const rows = this.plans[1] as Radix2 | Bluestein, cols = this.plans[0] as Radix2 | Bluestein;
    for (let r = 0; r < H; r++) rows.run(re.subarray(r * W, (r + 1) * W), im.subarray(r * W, (r + 1) * W), sign);
    for (let c = 0; c < W; c++) {
      for (let r = 0; r < H; r++) {
        cr[r] = re[r * W + c] as number;
        ci[r] = im[r * W + c] as number;
      }
      cols.run(cr, ci, sign);
      for (let r = 0; r < H; r++) {
        re[r * W + c] = cr[r] as number;
        im[r * W + c] = ci[r] as number;
      }
    }
  }
}
