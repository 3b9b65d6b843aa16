/**
 * The discrete Fourier transform on split real/imaginary float64 buffers, 1-D of any length and
 * 2-D of any shape, in place, one item or a batch of consecutive items at a time. Plans run the
 * wasm FFT (`wasm-fft.ts`: mixed radix 2/3/4/5 and any odd radix, f64x2 SIMD, Bluestein for
 * lengths with a large prime factor) and fall back to the TypeScript one (`js-fft.ts`) where the
 * runtime has no WebAssembly SIMD. Neither needs the `wasm` backend to be selected.
 *
 * Conventions (unnormalised, as numpy's `fft`/`n·ifft`):
 *   forward  X_k = Σ_j x_j e^{−2πi jk/n},   inverse  x_j = Σ_k X_k e^{+2πi jk/n}  (= n · DFT⁻¹),
 * so `inverse` is the adjoint of `forward` and inverse(forward(x)) = n·x.
 */
import { ArgumentError, BackendUnavailableError, ShapeError } from '../errors.js';
import { JsFft } from './js-fft.js';
import { WasmFft, fftModule } from './wasm-fft.js';

/** Which FFT a plan runs: `wasm` (the default where the runtime supports WebAssembly SIMD) or `js`. */
export type FftImplementation = 'wasm' | 'js';

/** The algorithm of a plan: mixed radix or radix-2 (`js`), or Bluestein for a dimension. */
export type FftAlgorithm = 'mixed-radix' | 'radix-2' | 'bluestein';

/** Options of {@link FftPlan} and {@link Fft2Plan}. */
export interface FftOptions {
  /** `auto` (default): `wasm` where WebAssembly SIMD runs, else `js`. */
  implementation?: 'auto' | FftImplementation;
}

/** What the FFT-based operators need of a plan, 1-D or 2-D. */
export interface DftPlan {
  /** Values per item (n, or H·W). */
  readonly size: number;
  /** In place on `count` consecutive items of `size` values: (re, im) ← DFT(re, im). */
  forward(re: Float64Array, im: Float64Array, count?: number): void;
  /** In place on `count` consecutive items: the unnormalised inverse DFT (the adjoint of `forward`). */
  inverse(re: Float64Array, im: Float64Array, count?: number): void;
}

interface Kernel {
  readonly algorithm: FftAlgorithm;
  transform(re: Float64Array, im: Float64Array, count: number, inverse: boolean): void;
}

function kernelFor(dims: readonly number[], options: FftOptions): { kernel: Kernel; implementation: FftImplementation } {
  const want = options.implementation ?? 'auto';
  if (want !== 'auto' && want !== 'wasm' && want !== 'js') throw new ArgumentError('implementation', "'auto', 'wasm' or 'js'", want);
  if (want !== 'js') {
    const { module, error } = fftModule();
    if (module) return { kernel: new WasmFft(module, dims), implementation: 'wasm' };
    if (want === 'wasm') throw new BackendUnavailableError('wasm', `the wasm FFT cannot run here (${String(error)})`, { cause: error });
  }
  return { kernel: new JsFft(dims), implementation: 'js' };
}

/** The shared body of the 1-D and 2-D plans: argument checks and dispatch to the kernel. */
abstract class PlanBase implements DftPlan {
  readonly size: number;
  /** The FFT this plan runs. */
  readonly implementation: FftImplementation;
  private readonly kernel: Kernel;
  constructor(
    private readonly dims: readonly number[],
    options: FftOptions,
  ) {
    this.size = dims.reduce((p, d) => p * d, 1);
    ({ kernel: this.kernel, implementation: this.implementation } = kernelFor(dims, options));
  }

  /** The algorithm this plan uses. */
  get algorithm(): FftAlgorithm {
    return this.kernel.algorithm;
  }

  forward(re: Float64Array, im: Float64Array, count = 1): void {
    this.check(re, im, count);
    this.kernel.transform(re, im, count, false);
  }

  inverse(re: Float64Array, im: Float64Array, count = 1): void {
    this.check(re, im, count);
    this.kernel.transform(re, im, count, true);
  }

  private check(re: Float64Array, im: Float64Array, count: number): void {
    if (!Number.isSafeInteger(count) || count < 1) throw new ArgumentError('count', 'a positive integer number of transforms', count);
    const len = count * this.size, shape = this.dims.join(' × ');
    const what = `a Float64Array of length ${len} (${count === 1 ? '' : `${count} × `}${shape})`;
    if (!(re instanceof Float64Array) || re.length !== len) throw new ShapeError('re', what, re?.length);
    if (!(im instanceof Float64Array) || im.length !== len) throw new ShapeError('im', what, im?.length);
  }
}

function checkLength(name: string, n: number): number {
  if (!Number.isSafeInteger(n) || n < 1) throw new ArgumentError(name, 'a positive integer transform length', n);
  return n;
}

/** A length-n DFT plan. */
export class FftPlan extends PlanBase {
  constructor(
    readonly n: number,
    options: FftOptions = {},
  ) {
    super([checkLength('n', n)], options);
  }
}

/** A 2-D DFT plan for row-major height × width arrays (1-D transforms along rows, then along columns). */
export class Fft2Plan extends PlanBase {
  constructor(
    readonly height: number,
    readonly width: number,
    options: FftOptions = {},
  ) {
    super([checkLength('height', height), checkLength('width', width)], options);
  }
}
