/**
 * The DPR objective f(x) = ½ ‖ |A G(x)| − b ‖² and its descent direction
 * v(x) = (W_{d,+,x} ⋯ W_{1,+,x})ᵀ A_{G(x)}ᵀ (|A G(x)| − b).
 * @see PAPER.md, equation (1) and "Descent direction".
 */
import { ArgumentError, type Vec } from '@dpr/linalg';
import type { Problem } from '../problem.js';
import { amplitudeLoss } from './amplitude.js';

function priorOf(problem: Problem) {
  if (!problem.prior) throw new ArgumentError('problem.prior', 'a generator');
  return problem.prior;
}

/** f(x) = ½ ‖ |A G(x)| − b ‖². */
export function dprObjective(problem: Problem, x: Vec): number {
  return amplitudeLoss(problem.A.apply(priorOf(problem).forward(x)), problem.b);
}

/**
 * f(x) and v(x): one forward pass through G (masks kept), one product with A, then
 * r = sgn(A G(x)) ⊙ (|A G(x)| − b), g = Aᵀ r and the backward pass through the masked layers.
 * Where f is not differentiable, the mask is 0 at a ReLU input of exactly 0 and sgn(0) = 0.
 */
export function dprDescentDirection(problem: Problem, x: Vec): { f: number; v: Vec; Gx: Vec } {
  const lin = priorOf(problem).linearize(x);
  const z = problem.A.apply(lin.value);
  const r = new Float64Array(z.length);
  const f = amplitudeLoss(z, problem.b, r);
  return { f, v: lin.vjp(problem.A.adjoint(r)), Gx: lin.value };
}
