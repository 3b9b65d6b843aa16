/**
 * Measurement vectors of real and complex operators in one form: z = A y has m entries for a real
 * A and 2m for a complex A's stacked real view [Re A y; Im A y] (see `operator.ts`). These helpers
 * pair Re and Im so that code written for moduli |z_i| and for elementwise weights φ_i z_i serves
 * both (the PhasePack gradient methods, the spectral initializers).
 */
import { ShapeError, type LinearOperator, type Vec } from '@dpr/linalg';
import { operatorRowNorms2 } from '../initializers/operator-entries.js';

/** Entries of A y per magnitude: 1 for a real A, 2 for a complex A's stacked view (outputDim = 2m). */
export function measurementParts(A: LinearOperator, m: number): 1 | 2 {
  if (A.outputDim === m) return 1;
  if (A.outputDim === 2 * m) return 2;
  throw new ShapeError('problem.b', `length ${A.outputDim} or ${A.outputDim / 2} (measurements of A)`, m);
}

/** Whether the operator acts on complex signals as stacked [Re y; Im y] (a complex model's own view, not `realSignalView`). */
export function isComplexSignalOperator(A: LinearOperator): boolean {
  const a = A as { dtype?: unknown; signalDim?: unknown };
  return a.dtype === 'complex' && a.signalDim !== undefined && A.inputDim === 2 * (a.signalDim as number);
}

/** Entries n of the signal: A.inputDim, or half of it for a complex signal stacked as [Re y; Im y]. */
export function signalEntries(A: LinearOperator): number {
  return isComplexSignalOperator(A) ? A.inputDim / 2 : A.inputDim;
}

/** r_i = |z_i|, i = 1..m (z of length m, or 2m stacked [Re; Im]). */
export function moduli(z: Vec, m: number, out: Vec = new Float64Array(m)): Vec {
  if (z.length === m) {
    for (let i = 0; i < m; i++) out[i] = Math.abs(z[i] as number);
  } else {
    for (let i = 0; i < m; i++) out[i] = Math.hypot(z[i] as number, z[m + i] as number);
  }
  return out;
}

/** out = φ ⊙ z with φ ∈ R^m real weights (each weight scales Re and Im of a complex entry). */
export function scaleMeasurements(z: Vec, phi: Vec, out: Vec = new Float64Array(z.length)): Vec {
  const m = phi.length;
  for (let i = 0; i < z.length; i++) out[i] = (z[i] as number) * (phi[i < m ? i : i - m] as number);
  return out;
}

/**
 * ‖a_i‖², i = 1..m, of a real or complex operator: a complex model's own `rowNorms2` when it has
 * one (the FFT operators: no matrix is materialised), else from the real view's rows (for the
 * stacked view rows i and m + i both have norm ‖a_i‖²; for `realSignalView` they are ‖Re a_i‖² and
 * ‖Im a_i‖²).
 */
export function measurementRowNorms2(A: LinearOperator, m: number): Vec {
  if (measurementParts(A, m) === 1) return operatorRowNorms2(A);
  const own = (A as { complex?: { rowNorms2?(): Vec } }).complex;
  if (own?.rowNorms2) return own.rowNorms2();
  const rows = operatorRowNorms2(A);
  if (isComplexSignalOperator(A)) return rows.slice(0, m);
  return rows.subarray(0, m).map((v, i) => v + (rows[m + i] as number));
}
