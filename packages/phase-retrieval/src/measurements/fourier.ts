/**
 * Oversampled Fourier measurements: the signal (1-D of length n or an H × W image) is zero-padded
 * to ⌈OS·n⌉ (1-D) or ⌈OS·H⌉ × ⌈OS·W⌉ (2-D, OS per axis), signal in the leading corner, then the
 * unnormalised DFT is taken: A y = F(P y), Aᴴ z = Pᵀ Fᴴ z (Fᴴ = the unnormalised inverse DFT,
 * Pᵀ = crop). With the `inverse-m` scale A is multiplied by 1/√m. Matrix-free: only FFTs of the
 * padded size, never an m × n matrix.
 */
import { ArgumentError, Fft2Plan, FftPlan, cvec, type CVec, type ComplexLinearOperator, type DftPlan } from '@dpr/linalg';
import { assertComplexInput } from '@dpr/linalg';

/** A 1-D or 2-D FFT plan of a shape ([n] or [H, W]). */
export function fftForShape(shape: readonly number[]): DftPlan {
  return shape.length === 2 ? new Fft2Plan(shape[0]!, shape[1]!) : new FftPlan(shape[0]!);
}

/** Parse the oversampling factor OS ≥ 1 of `fourier:OS`. */
export function parseOversampling(params: string | undefined): number {
  const os = params === undefined ? Number.NaN : Number(params);
  if (params === undefined || params.trim() === '' || !Number.isFinite(os) || os < 1 || os > 16) {
    throw new ArgumentError('measurement', 'fourier:OS with an oversampling factor 1 <= OS <= 16 per axis (e.g. fourier:2)', params === undefined ? 'fourier' : `fourier:${params}`);
  }
  return os;
}

/** The oversampled Fourier operator of a signal shape. */
export class OversampledFourierOperator implements ComplexLinearOperator {
  readonly inputDim: number;
  readonly outputDim: number;
  /** The padded shape. */
  readonly paddedShape: readonly number[];
  private readonly plan: DftPlan;
  private readonly factor: number;
  constructor(
    readonly shape: readonly number[],
    readonly oversampling: number,
    scale: 'unit' | 'inverse-m' = 'unit',
  ) {
    this.paddedShape = shape.map((d) => Math.ceil(oversampling * d - 1e-9));
    this.inputDim = shape.reduce((a, d) => a * d, 1);
    this.outputDim = this.paddedShape.reduce((a, d) => a * d, 1);
    this.plan = fftForShape(this.paddedShape);
    this.factor = scale === 'unit' ? 1 : 1 / Math.sqrt(this.outputDim);
  }

  apply(x: CVec, out: CVec = cvec(this.outputDim)): CVec {
    assertComplexInput(this.inputDim, x, 'x');
    assertComplexInput(this.outputDim, out, 'out');
    const src = { re: x.re.slice(), im: x.im.slice() }; // x may alias out
    out.re.fill(0);
    out.im.fill(0);
    this.forEachPixel((i, p) => {
      out.re[p] = src.re[i] as number;
      out.im[p] = src.im[i] as number;
    });
    this.plan.forward(out.re, out.im);
    this.rescale(out);
    return out;
  }

  adjoint(y: CVec, out: CVec = cvec(this.inputDim)): CVec {
    assertComplexInput(this.outputDim, y, 'y');
    assertComplexInput(this.inputDim, out, 'out');
    const re = y.re.slice(), im = y.im.slice();
    this.plan.inverse(re, im);
    this.forEachPixel((i, p) => {
      out.re[i] = re[p] as number;
      out.im[i] = im[p] as number;
    });
    this.rescale(out);
    return out;
  }

  /** ‖a_i‖² of every row (n entries of modulus f, the DFT's unit entries on the unpadded pixels), without a matrix. */
  rowNorms2(): Float64Array {
    return new Float64Array(this.outputDim).fill(this.factor * this.factor * this.inputDim);
  }

  /** Calls f(signal index, padded index) for every signal entry. */
  private forEachPixel(f: (i: number, p: number) => void): void {
    if (this.shape.length === 1) {
      for (let i = 0; i < this.inputDim; i++) f(i, i);
      return;
    }
    const [H, W] = this.shape as [number, number], Wp = this.paddedShape[1]!;
    for (let r = 0; r < H; r++) for (let c = 0; c < W; c++) f(r * W + c, r * Wp + c);
  }

  private rescale(v: CVec): void {
    if (this.factor === 1) return;
    for (let i = 0; i < v.re.length; i++) {
      v.re[i] = (v.re[i] as number) * this.factor;
      v.im[i] = (v.im[i] as number) * this.factor;
    }
  }
}
