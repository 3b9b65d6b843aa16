/**
 * Recovery metrics. For plain real signals, y and −y give the same measurements, so errors are
 * also reported up to the global sign.
 */
import { ShapeError, cdot, cnrm2, nrm2, type CVec, type LinearOperator, type Vec } from '@dpr/linalg';
import { amplitudeLoss } from './objectives/amplitude.js';
import { isComplexSignalOperator } from './measurements/moduli.js';

/** ‖y − y0‖ / ‖y0‖ (∞ if y0 = 0 and y ≠ 0). */
export function relativeError(y: Vec, y0: Vec): number {
  if (y.length !== y0.length) throw new ShapeError('y', `length ${y0.length}`, y.length);
  let d = 0, s = 0;
  for (let i = 0; i < y.length; i++) {
    const e = (y[i] as number) - (y0[i] as number);
    d += e * e;
    s += (y0[i] as number) * (y0[i] as number);
  }
  return s === 0 ? (d === 0 ? 0 : Number.POSITIVE_INFINITY) : Math.sqrt(d / s);
}

/** min(‖y − y0‖, ‖y + y0‖) / ‖y0‖: the error up to the global sign of a real signal. */
export function relativeErrorUpToSign(y: Vec, y0: Vec): number {
  const neg = y.map((v) => -v);
  return Math.min(relativeError(y, y0), relativeError(neg, y0));
}

/**
 * min over a global phase θ of ‖y − e^{iθ} y0‖ / ‖y0‖ for complex signals (the error complex phase
 * retrieval can achieve: |A e^{iθ} y| = |A y|), = sqrt(‖y‖² + ‖y0‖² − 2|⟨y0, y⟩|) / ‖y0‖
 * (the minimising phase is that of ⟨y0, y⟩).
 */
export function relativeErrorUpToPhase(y: CVec, y0: CVec): number {
  if (y.re.length !== y0.re.length) throw new ShapeError('y', `length ${y0.re.length}`, y.re.length);
  // the best phase is that of ⟨y0, y⟩; the distance is then computed directly (no cancellation)
  const c = cdot(y0, y), mod = Math.hypot(c.re, c.im);
  const pr = mod > 0 ? c.re / mod : 1, pi = mod > 0 ? c.im / mod : 0;
  let d2 = 0;
  for (let j = 0; j < y.re.length; j++) {
    const a = y0.re[j] as number, b = y0.im[j] as number;
    d2 += ((y.re[j] as number) - (pr * a - pi * b)) ** 2 + ((y.im[j] as number) - (pr * b + pi * a)) ** 2;
  }
  const n0 = cnrm2(y0);
  return n0 === 0 ? Math.sqrt(d2) : Math.sqrt(d2) / n0;
}

/** {@link relativeErrorUpToPhase} of complex signals stacked as [Re y; Im y] (length 2n). */
export function relativeErrorUpToPhaseStacked(y: Vec, y0: Vec): number {
  if (y.length !== y0.length || y.length % 2 !== 0) throw new ShapeError('y', `length ${y0.length} (stacked [Re; Im])`, y.length);
  const n = y.length / 2, split = (v: Vec): CVec => ({ re: v.subarray(0, n), im: v.subarray(n) });
  return relativeErrorUpToPhase(split(y), split(y0));
}

/**
 * The error of a prior-free (plain) estimate: up to the global phase for a complex signal of a
 * complex model's stacked operator, up to the sign for a real one.
 */
export function plainSignalError(A: LinearOperator, y: Vec, y0: Vec): number {
  return isComplexSignalOperator(A) ? relativeErrorUpToPhaseStacked(y, y0) : relativeErrorUpToSign(y, y0);
}

/** ‖ |A y| − b ‖ / ‖b‖: how well the estimate explains the measurements. */
export function measurementResidual(A: LinearOperator, y: Vec, b: Vec): number {
  const d = 2 * amplitudeLoss(A.apply(y), b); // stacked complex measurements pair Re and Im
  const nb = nrm2(b);
  return nb === 0 ? Math.sqrt(d) : Math.sqrt(d) / nb;
}

/** Mean squared per-pixel error ‖y − y0‖² / n (the paper's Figure 3 metric). */
export function perPixelError(y: Vec, y0: Vec): number {
  if (y.length !== y0.length) throw new ShapeError('y', `length ${y0.length}`, y.length);
  let d = 0;
  for (let i = 0; i < y.length; i++) d += ((y[i] as number) - (y0[i] as number)) ** 2;
  return y.length === 0 ? 0 : d / y.length;
}

/** The paper's success threshold on the relative error. */
export const SUCCESS_THRESHOLD = 1e-3;

/** Whether a relative error counts as a successful recovery (≤ threshold, default 1e-3). */
export function isSuccess(relError: number, threshold = SUCCESS_THRESHOLD): boolean {
  return relError <= threshold;
}
