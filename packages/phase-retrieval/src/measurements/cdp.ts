/**
 * Coded diffraction patterns (CDP), as in Candès, Li, Soltanolkotabi, "Phase retrieval via
 * Wirtinger flow" (2015), Section 4.2: L random masks d_l and the measurements
 * y_l = F(d_l ⊙ y), l = 1..L (m = L·n), F the unnormalised 1-D DFT of length n, or the 2-D DFT of an
 * H × W image. Octanary masks: d = b1·b2, b1 uniform on {1, −1, i, −i}, b2 = √2/2 with probability
 * 4/5 and √3 with probability 1/5 (so E|d|² = 1). Draw order (seeded): for each mask, for each
 * entry, b1 then b2. Aᴴ z = Σ_l conj(d_l) ⊙ Fᴴ z_l. With the `inverse-m` scale A is multiplied by
 * 1/√m. Matrix-free: one batch of L FFTs per product, never an m × n matrix.
 */
import { ArgumentError, Rng, cvec, assertComplexInput, type CVec, type ComplexLinearOperator, type DftPlan } from '@dpr/linalg';
import { fftForShape } from './fourier.js';

/** Parse the number of masks L of `cdp:L`. */
export function parseMaskCount(params: string | undefined): number {
  const L = params === undefined ? Number.NaN : Number(params);
  if (params === undefined || !/^\d+$/.test(params.trim()) || !Number.isSafeInteger(L) || L < 1 || L > 1024) {
    throw new ArgumentError('measurement', 'cdp:L with a number of masks 1 <= L <= 1024 (e.g. cdp:6)', params === undefined ? 'cdp' : `cdp:${params}`);
  }
  return L;
}

/** L seeded octanary masks of n entries each (split parts, mask l at offset l·n). */
export function octanaryMasks(L: number, n: number, seed: number): CVec {
  const rng = new Rng(seed);
  const d = cvec(L * n);
  const b2High = Math.sqrt(3), b2Low = Math.SQRT2 / 2;
  for (let i = 0; i < L * n; i++) {
    const b1 = rng.int(4); // 0: 1, 1: −1, 2: i, 3: −i
    const b2 = rng.uniform() < 0.8 ? b2Low : b2High;
    d.re[i] = b1 === 0 ? b2 : b1 === 1 ? -b2 : 0;
    d.im[i] = b1 === 2 ? b2 : b1 === 3 ? -b2 : 0;
  }
  return d;
}

/** The CDP operator of a signal shape with L masks. */
export class CodedDiffractionOperator implements ComplexLinearOperator {
  readonly inputDim: number;
  readonly outputDim: number;
  readonly masks: CVec;
  private readonly plan: DftPlan;
  private readonly factor: number;
  /** The adjoint's copy of its input, kept between calls (L·n values). */
  private scratch: CVec | undefined;
  constructor(
    readonly shape: readonly number[],
    readonly L: number,
    seed: number,
    scale: 'unit' | 'inverse-m' = 'unit',
  ) {
    this.inputDim = shape.reduce((a, d) => a * d, 1);
    this.outputDim = L * this.inputDim;
    this.masks = octanaryMasks(L, this.inputDim, seed);
    this.plan = fftForShape(shape);
    this.factor = scale === 'unit' ? 1 : 1 / Math.sqrt(this.outputDim);
  }

  apply(x: CVec, out: CVec = cvec(this.outputDim)): CVec {
    assertComplexInput(this.inputDim, x, 'x');
    assertComplexInput(this.outputDim, out, 'out');
    const n = this.inputDim, { re: dr, im: di } = this.masks, f = this.factor;
    const xr = x.re.slice(), xi = x.im.slice(); // x may alias out
    const or = out.re, oi = out.im;
    for (let l = 0; l < this.L; l++) {
      for (let j = 0, i = l * n; j < n; j++, i++) {
        const a = dr[i] as number, b = di[i] as number, c = xr[j] as number, e = xi[j] as number;
        or[i] = f * (a * c - b * e);
        oi[i] = f * (a * e + b * c);
      }
    }
    this.plan.forward(out.re, out.im, this.L);
    return out;
  }

  adjoint(y: CVec, out: CVec = cvec(this.inputDim)): CVec {
    assertComplexInput(this.outputDim, y, 'y');
    assertComplexInput(this.inputDim, out, 'out');
    const n = this.inputDim, { re: dr, im: di } = this.masks, f = this.factor;
    const t = (this.scratch ??= cvec(this.outputDim));
    t.re.set(y.re);
    t.im.set(y.im);
    this.plan.inverse(t.re, t.im, this.L);
    const tr = t.re, ti = t.im;
    for (let j = 0; j < n; j++) {
      let sr = 0, si = 0;
      for (let l = 0, i = j; l < this.L; l++, i += n) {
        const a = dr[i] as number, b = -(di[i] as number), c = tr[i] as number, e = ti[i] as number;
        sr += a * c - b * e;
        si += a * e + b * c;
      }
      out.re[j] = f * sr;
      out.im[j] = f * si;
    }
    return out;
  }

  /** ‖a_i‖² of every row (row l·n + k is F_k diag(d_l), |F_kj| = 1): f² Σ_j |d_l(j)|², without a matrix. */
  rowNorms2(): Float64Array {
    const n = this.inputDim, { re: dr, im: di } = this.masks, out = new Float64Array(this.outputDim);
    for (let l = 0; l < this.L; l++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += (dr[l * n + j] as number) ** 2 + (di[l * n + j] as number) ** 2;
      out.fill(this.factor * this.factor * s, l * n, (l + 1) * n);
    }
    return out;
  }
}
