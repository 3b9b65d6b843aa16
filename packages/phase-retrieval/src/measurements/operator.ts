/**
 * The measurement-operator interface: what every model of the registry returns. One shape for
 * real and complex models: the {@link LinearOperator} view is real, and for a complex model it is
 * the stacked form of the complex map (input [Re y; Im y] ∈ R^{2n}, output [Re A y; Im A y] ∈ R^{2m},
 * adjoint = Aᴴ), so the adjoint identity, batching and every real tool carry over; complex-aware
 * code uses `complex` directly.
 */
import {
  ArgumentError, ShapeError, StackedComplexOperator, assertVec, mat,
  type ComplexLinearOperator, type CVec, type LinearOperator, type Mat, type Vec,
} from '@dpr/linalg';

/** Entries of the operator and of the measurements: real, or complex (split real/imaginary). */
export type MeasurementDtype = 'real' | 'complex';

/** A measurement operator made by a measurement model (forward `apply`, `adjoint`, batches, shapes, dtype). */
export interface MeasurementOperator extends LinearOperator {
  /** Id of the model that made it. */
  readonly model: string;
  readonly dtype: MeasurementDtype;
  /** n: entries of the signal (complex entries for a complex model). */
  readonly signalDim: number;
  /** The signal's shape: [n], or [H, W] for an image. */
  readonly signalShape: readonly number[];
  /** m: number of magnitudes b_i. */
  readonly measurementCount: number;
  /** The complex map C^n → C^m of a complex model (absent for real ones). */
  readonly complex?: ComplexLinearOperator;
  /** A X for X of shape inputDim × p. */
  applyBatch(X: Mat, out?: Mat): Mat;
  /** Aᵀ Y (Aᴴ for a complex model) for Y of shape outputDim × p. */
  adjointBatch(Y: Mat, out?: Mat): Mat;
  /** Frees backend memory (a no-op for matrix-free operators). */
  dispose(): void;
}

/** A real operator (with batches) as a measurement operator of `model`. */
export function realMeasurementOperator<T extends LinearOperator & { applyBatch(X: Mat, out?: Mat): Mat; adjointBatch(Y: Mat, out?: Mat): Mat; dispose?(): void }>(
  model: string, A: T, shape: readonly number[] = [A.inputDim],
): T & MeasurementOperator {
  return Object.assign(A, {
    model, dtype: 'real' as const, signalDim: A.inputDim, signalShape: shape, measurementCount: A.outputDim,
    dispose: A.dispose ? A.dispose.bind(A) : () => {},
  });
}

/** A complex operator as a measurement operator of `model` (its stacked real view, plus `complex`). */
export function complexMeasurementOperator(model: string, C: ComplexLinearOperator & { dispose?(): void }, shape: readonly number[] = [C.inputDim]): MeasurementOperator {
  const S = new StackedComplexOperator(C);
  return Object.assign(S, {
    model, dtype: 'complex' as const, signalDim: C.inputDim, signalShape: shape, measurementCount: C.outputDim, complex: C,
    dispose: C.dispose ? C.dispose.bind(C) : () => {},
  });
}

/**
 * b = |A y| for a real or complex operator: y real of length n, or (complex models) complex as
 * { re, im } or stacked [Re y; Im y] of length 2n.
 */
export function measurementMagnitudes(A: MeasurementOperator, y: Vec | CVec): Vec {
  if (A.dtype === 'real') {
    assertVec('y', y);
    return A.apply(y).map(Math.abs);
  }
  const n = A.signalDim, m = A.measurementCount;
  let stacked: Vec;
  if (y instanceof Float64Array) {
    if (y.length === n) (stacked = new Float64Array(2 * n)).set(y);
    else if (y.length === 2 * n) stacked = y;
    else throw new ShapeError('y', `length n = ${n} (real) or 2n = ${2 * n} (stacked [re; im])`, y.length);
  } else {
    if (typeof y !== 'object' || y === null || !(y.re instanceof Float64Array)) throw new ArgumentError('y', 'a Float64Array or { re, im }', y);
    assertVec('y.re', y.re, n);
    assertVec('y.im', y.im, n);
    (stacked = new Float64Array(2 * n)).set(y.re);
    stacked.set(y.im, n);
  }
  const z = A.apply(stacked);
  const b = new Float64Array(m);
  for (let i = 0; i < m; i++) b[i] = Math.hypot(z[i] as number, z[m + i] as number);
  return b;
}

/**
 * A complex measurement operator restricted to real signals, y ∈ R^n ↦ [Re A y; Im A y] ∈ R^{2m},
 * adjoint w ↦ Re(Aᴴ w): the operator of a real signal (e.g. y = G(x), a real generator) measured
 * by complex A. With it the amplitude loss pairs Re and Im (see `amplitude.ts`), so DPR's descent
 * direction is Jᵀ Re(Aᴴ (A y − b ⊙ phase(A y))).
 */
export interface RealSignalOperator extends LinearOperator {
  readonly model: string;
  readonly dtype: 'complex';
  /** n: real signal entries (= inputDim). */
  readonly signalDim: number;
  /** m: complex measurements (outputDim = 2m). */
  readonly measurementCount: number;
  readonly complex: ComplexLinearOperator;
  applyBatch(X: Mat, out?: Mat): Mat;
  adjointBatch(Y: Mat, out?: Mat): Mat;
  dispose(): void;
}

/** The {@link RealSignalOperator} of a complex measurement operator. */
export function realSignalView(A: MeasurementOperator): RealSignalOperator {
  if (A.dtype !== 'complex' || !A.complex) throw new ArgumentError('A', 'a complex measurement operator', A.model);
  const n = A.signalDim, m = A.measurementCount;
  const check = (parameter: string, v: Vec, len: number) => {
    assertVec(parameter, v);
    if (v.length !== len) throw new ShapeError(parameter, `length ${len}`, v.length);
  };
  return {
    model: A.model, dtype: 'complex', signalDim: n, measurementCount: m, complex: A.complex, inputDim: n, outputDim: 2 * m,
    apply(y, out = new Float64Array(2 * m)) {
      check('y', y, n);
      const x = new Float64Array(2 * n);
      x.set(y);
      return A.apply(x, out);
    },
    adjoint(w, out = new Float64Array(n)) {
      check('w', w, 2 * m);
      out.set(A.adjoint(w).subarray(0, n));
      return out;
    },
    applyBatch(X, out) {
      if (X.rows !== n) throw new ShapeError('X.rows', `${n}`, X.rows);
      const S = mat(2 * n, X.cols);
      S.data.set(X.data);
      return A.applyBatch(S, out);
    },
    adjointBatch(Y, out) {
      const R = A.adjointBatch(Y);
      const o = out ?? mat(n, Y.cols);
      o.data.set(R.data.subarray(0, n * Y.cols));
      return o;
    },
    dispose: () => A.dispose(),
  };
}
