/**
 * The amplitude objective with complex measurements, f(y) = ½ ‖ |A y| − b ‖², A ∈ C^{m×n}, and
 * its gradient (the one complex-aware solvers, and DPR with a real generator, descend along):
 *
 *   r = A y − b ⊙ phase(A y)      (phase(0) = 0, as sgn(0) = 0 in the real case)
 *   complex y:  ∇_{Re y} f + i ∇_{Im y} f = Aᴴ r
 *   real y:     ∇_y f = Re(Aᴴ r)   (e.g. y = G(x) for a real generator; then v(x) = Jᵀ Re(Aᴴ r))
 *
 * For a real A it reduces to the real amplitude objective (r = sgn(Ay) ⊙ (|Ay| − b)).
 */
import { ArgumentError, ShapeError, assertVec, type CVec, type Vec } from '@dpr/linalg';
import type { MeasurementOperator } from '../measurements/operator.js';

/** f and its gradient at y (see the module comment); `y` real (length n) or complex. */
export function complexAmplitudeObjective(A: MeasurementOperator, y: Vec | CVec, b: Vec): { f: number; grad: Vec | CVec } {
  if (A.dtype !== 'complex' || !A.complex) throw new ArgumentError('A', 'a complex measurement operator', A.model);
  const C = A.complex, n = C.inputDim, m = C.outputDim;
  assertVec('b', b, m);
  const real = y instanceof Float64Array;
  if (real && y.length !== n) throw new ShapeError('y', `length ${n}`, y.length);
  const x: CVec = real ? { re: y, im: new Float64Array(n) } : y;
  if (!real) {
    assertVec('y.re', x.re, n);
    assertVec('y.im', x.im, n);
  }
  const z = C.apply(x);
  let f = 0;
  for (let i = 0; i < m; i++) {
    const zr = z.re[i] as number, zi = z.im[i] as number, mod = Math.hypot(zr, zi), bi = b[i] as number;
    f += (mod - bi) ** 2;
    const s = mod > 0 ? bi / mod : 0; // b ⊙ phase(z) = (b / |z|) z
    z.re[i] = zr - s * zr;
    z.im[i] = zi - s * zi;
  }
  const g = C.adjoint(z);
  return { f: 0.5 * f, grad: real ? g.re : g };
}
