/**
 * Composition of linear operators, e.g. a measurement matrix with an inverse sparsifying transform
 * (A ∘ D⁻¹, so that a solver works on transform coefficients).
 */
import { ShapeError, adjointBatch, applyBatch, type LinearOperator, type Mat } from '@dpr/linalg';

function into(result: Mat, out: Mat | undefined): Mat {
  if (!out) return result;
  out.data.set(result.data);
  return out;
}

/** A ∘ B: x ↦ A(B x), with adjoint y ↦ Bᵀ(Aᵀ y) (batched products go through both batches). */
export function composeOperators(A: LinearOperator, B: LinearOperator): LinearOperator {
  if (A.inputDim !== B.outputDim) throw new ShapeError('B.outputDim', `A.inputDim = ${A.inputDim}`, B.outputDim);
  return {
    inputDim: B.inputDim,
    outputDim: A.outputDim,
    apply: (x, out) => A.apply(B.apply(x), out),
    adjoint: (y, out) => B.adjoint(A.adjoint(y), out),
    applyBatch: (X, out) => into(applyBatch(A, applyBatch(B, X)), out),
    adjointBatch: (Y, out) => into(adjointBatch(B, adjointBatch(A, Y)), out),
  };
}
