/**
 * A phase-retrieval problem: recover y0 (or its latent code x0 under a prior G) from b = |A y0|.
 */
import { ArgumentError, ShapeError, assertVec, type LinearOperator, type Vec } from '@dpr/linalg';
import type { Generator } from '@dpr/generative-prior';

/** The data a solver sees. */
export interface Problem {
  /** A ∈ R^{m×n}, as an operator (complex measurements: its stacked real view, outputDim = 2m; see `realSignalView`). */
  readonly A: LinearOperator;
  /** b = |A y0| ∈ R^m, non-negative and finite. */
  readonly b: Vec;
  /** G : R^k → R^n, when the signal lies in the range of a generative prior. */
  readonly prior?: Generator;
  /** The true signal y0 ∈ R^n, only for error tracking (never used to stop or to pick). */
  readonly truth?: Vec;
}

/** Validate shapes and values of a problem; throws typed errors naming the field. */
export function validateProblem(problem: Problem): void {
  if (typeof problem !== 'object' || problem === null) throw new ArgumentError('problem', 'an object { A, b, prior?, truth? }', problem);
  const { A, b, prior, truth } = problem;
  if (!A || typeof A.apply !== 'function' || typeof A.adjoint !== 'function') throw new ArgumentError('problem.A', 'a LinearOperator', A);
  if (A.outputDim < 1) throw new ArgumentError('problem.A', 'at least one measurement (m >= 1)', A.outputDim);
  assertVec('problem.b', b);
  // complex measurements: A's real view stacks [Re; Im], 2m rows for m magnitudes
  const m = (A as { dtype?: unknown }).dtype === 'complex' ? A.outputDim / 2 : A.outputDim;
  if (b.length !== m) throw new ShapeError('problem.b', `length m = ${m} (${m === A.outputDim ? 'rows of A' : 'complex measurements of A'})`, b.length);
  for (let i = 0; i < b.length; i++) {
    const v = b[i] as number;
    if (!Number.isFinite(v) || v < 0) throw new ArgumentError(`problem.b[${i}]`, 'a finite non-negative magnitude', v);
  }
  if (prior !== undefined && prior.outputDim !== A.inputDim) {
    throw new ShapeError('problem.prior', `output dimension n = ${A.inputDim} (columns of A)`, prior.outputDim);
  }
  if (truth !== undefined) {
    assertVec('problem.truth', truth);
    if (truth.length !== A.inputDim) throw new ShapeError('problem.truth', `length n = ${A.inputDim}`, truth.length);
  }
}
