/**
 * Complex linear operators C^n → C^m (`apply` = A x, `adjoint` = Aᴴ y) and their real view: the
 * same map on stacked vectors [re; im] ∈ R^{2n} → R^{2m}, a {@link LinearOperator} whose real
 * adjoint is exactly Aᴴ (⟨A x, y⟩_R = Re⟨A x, y⟩_C = Re⟨x, Aᴴ y⟩_C), so every real-operator tool
 * (adjoint tests, batching, spectral norms) applies unchanged.
 */
import type { Backend } from './backends/backend.js';
import { assertCVec, cmat, cvec, type CMat, type CVec, type ComplexMatrix } from './complex.js';
import { ShapeError } from './errors.js';
import { MatrixOperator, type LinearMap, type LinearOperator } from './operator.js';
import { assertVec, type Mat, type Vec } from './types.js';

/** A linear map C^inputDim → C^outputDim with its adjoint Aᴴ (conjugate transpose). */
export interface ComplexLinearOperator extends LinearMap<CVec, CMat> {}

/** Throws unless `x` is a complex vector of the operator's input (or output, `adjoint`) length. */
export function assertComplexInput(length: number, x: CVec, parameter: string): void {
  assertCVec(parameter, x);
  if (x.re.length !== length) throw new ShapeError(parameter, `length ${length}`, x.re.length);
}

/** A dense complex matrix resident on a backend (products by {@link Backend.cgemv} / `cgemm`). */
export class ComplexDenseOperator extends MatrixOperator<ComplexMatrix> implements ComplexLinearOperator {

  /** Upload row-major split parts and wrap them. */
  static fromArrays(backend: Backend, re: ArrayLike<number>, im: ArrayLike<number>, rows: number, cols: number): ComplexDenseOperator {
    return new ComplexDenseOperator(backend, backend.complexMatrix(re, im, rows, cols));
  }

  apply(x: CVec, out: CVec = cvec(this.outputDim)): CVec {
    return this.backend.cgemv(false, 1, this.matrix, x, 0, out);
  }

  adjoint(y: CVec, out: CVec = cvec(this.inputDim)): CVec {
    return this.backend.cgemv(true, 1, this.matrix, y, 0, out);
  }

  applyBatch(X: CMat, out: CMat = cmat(this.outputDim, X.cols)): CMat {
    return this.backend.cgemm(false, 1, this.matrix, X, 0, out);
  }

  adjointBatch(Y: CMat, out: CMat = cmat(this.inputDim, Y.cols)): CMat {
    return this.backend.cgemm(true, 1, this.matrix, Y, 0, out);
  }
}

/** The halves [re; im] of a stacked vector of length 2·len, as views. */
function halves(v: Vec, len: number): CVec {
  return { re: v.subarray(0, len), im: v.subarray(len, 2 * len) };
}

/** The halves of a stacked 2·len × p matrix (row-major: the first len rows are the real parts), as views. */
function halvesOf(M: Mat, len: number): CMat {
  const p = M.cols;
  return { rows: len, cols: p, re: M.data.subarray(0, len * p), im: M.data.subarray(len * p, 2 * len * p) };
}

/**
 * The real view of a complex operator: x = [Re z; Im z] ∈ R^{2n} ↦ [Re A z; Im A z] ∈ R^{2m},
 * adjoint [Re Aᴴ w; Im Aᴴ w]. Vectors are views into the stacked buffers, so nothing is copied.
 */
export class StackedComplexOperator implements LinearOperator {
  readonly inputDim: number;
  readonly outputDim: number;
  constructor(readonly complex: ComplexLinearOperator) {
    this.inputDim = 2 * complex.inputDim;
    this.outputDim = 2 * complex.outputDim;
  }

  apply(x: Vec, out: Vec = new Float64Array(this.outputDim)): Vec {
    this.check('x', x, this.inputDim);
    this.check('out', out, this.outputDim);
    this.complex.apply(halves(x, this.complex.inputDim), halves(out, this.complex.outputDim));
    return out;
  }

  adjoint(y: Vec, out: Vec = new Float64Array(this.inputDim)): Vec {
    this.check('y', y, this.outputDim);
    this.check('out', out, this.inputDim);
    this.complex.adjoint(halves(y, this.complex.outputDim), halves(out, this.complex.inputDim));
    return out;
  }

  applyBatch(X: Mat, out?: Mat): Mat {
    return this.batch(X, out, this.inputDim, this.outputDim, false);
  }

  adjointBatch(Y: Mat, out?: Mat): Mat {
    return this.batch(Y, out, this.outputDim, this.inputDim, true);
  }

  private batch(X: Mat, out: Mat | undefined, inDim: number, outDim: number, adjoint: boolean): Mat {
    if (X.rows !== inDim) throw new ShapeError(adjoint ? 'Y.rows' : 'X.rows', `${inDim}`, X.rows);
    const o: Mat = out ?? { rows: outDim, cols: X.cols, data: new Float64Array(outDim * X.cols) };
    if (o.rows !== outDim || o.cols !== X.cols) throw new ShapeError('out', `${outDim} × ${X.cols}`, `${o.rows} × ${o.cols}`);
    const c = this.complex, xin = halvesOf(X, inDim / 2), xout = halvesOf(o, outDim / 2);
    const f = adjoint ? c.adjointBatch?.bind(c) : c.applyBatch?.bind(c);
    if (f) {
      f(xin, xout);
      return o;
    }
    // column by column through the vector products
    const p = X.cols, ni = inDim / 2, no = outDim / 2;
    const x = cvec(ni), y = cvec(no);
    for (let col = 0; col < p; col++) {
      for (let i = 0; i < ni; i++) {
        x.re[i] = xin.re[i * p + col] as number;
        x.im[i] = xin.im[i * p + col] as number;
      }
      if (adjoint) c.adjoint(x, y);
      else c.apply(x, y);
      for (let i = 0; i < no; i++) {
        xout.re[i * p + col] = y.re[i] as number;
        xout.im[i * p + col] = y.im[i] as number;
      }
    }
    return o;
  }

  private check(parameter: string, v: Vec, length: number): void {
    assertVec(parameter, v);
    if (v.length !== length) throw new ShapeError(parameter, `length ${length} (stacked [re; im])`, v.length);
  }
}
