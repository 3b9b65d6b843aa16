/**
 * ρ_d: the scale of the second minimum −ρ_d x0 of the expected objective.
 *
 * On the ray x = −ρ ‖x0‖ x̂0 (ρ > 0) the angle is θ̄_0 = π, so θ̄_d = g^d(π) does not depend on ρ and
 *     f̄ = 2^{−d} ‖x0‖² [ ½(ρ² + 1) − (2/π) ρ ψ(θ̄_d) ],
 * a quadratic in ρ minimised at
 *     ρ_d = (2/π) ψ(θ̄_d) = (2/π) [sin θ̄_d + (π/2 − θ̄_d) cos θ̄_d].
 * d = 1: θ̄_1 = g(π) = arccos(0) = π/2, ψ(π/2) = 1, so ρ_1 = 2/π ≈ 0.6366. Since θ̄_d decreases to 0
 * and ψ decreases on [0, π/2] (ψ'(φ) = −(π/2 − φ) sin φ), ρ_d increases to ψ(0)·2/π = 1 (d = 0, no
 * layers, is plain amplitude flow: ρ_0 = 1, the two minima ±x0 are symmetric).
 * (Along the circle ‖x‖ = ρ_d‖x0‖ f̄ decreases away from −x0 at order δ³: the critical point is
 * degenerate, see expected-landscape.ts.)
 * This equals the paper's ρ_d, the zero of h_{x,x0} on the −x0 ray: there 2^d Jᵀw = cos θ̄_d ‖x0‖ x̂
 * and h = 0 at ‖x‖ = [(π − 2θ̄_d)/π cos θ̄_d + (2/π) sin θ̄_d] ‖x0‖, the same number.
 * @see PAPER.md, "Landscape (Figure 1, Theorem 1)" and "Theorem 2"; the package README for ρ_1 by hand.
 */
import { ArgumentError } from '@dpr/linalg';
import { angleRecursion, expectedObjectivePolar, magnitudeCorrelation } from './expected-landscape.js';
import { checkNonNegativeInt } from './vectors.js';

/** ρ_1 = 2/π, derived by hand in the package README. */
export const RHO_1 = 2 / Math.PI;

/**
 * ρ_d in closed form, (2/π) ψ(g^d(π)), for any depth d ≥ 0 (O(d) time).
 * @see PAPER.md, "Theorem 2" (the ball B(−ρ_d x0, ·)).
 * @example
 * ```ts
 * rho(1); // 0.6366… = 2/π
 * rho(2); // 0.6692…
 * ```
 */
export function rho(d: number): number {
  checkNonNegativeInt('d', d);
  if (d > 1e8) throw new ArgumentError('d', 'a depth of at most 1e8 (O(d) recursion)', d);
  return (2 / Math.PI) * magnitudeCorrelation(angleRecursion(Math.PI, d)[d] as number);
}

/**
 * ρ_d by direct 1-D minimisation of f̄(−ρ x̂0 ‖x0‖) over ρ ∈ (0, 2] (golden-section search to
 * `tol`), independent of the closed form; tests check the two agree.
 */
export function rhoByMinimization(d: number, tol = 1e-12): number {
  checkNonNegativeInt('d', d);
  const f = (r: number) => expectedObjectivePolar(r, 1, Math.PI, d);
  let a = 0, b = 2;
  const phi = (Math.sqrt(5) - 1) / 2;
  let c = b - phi * (b - a), e = a + phi * (b - a);
  let fc = f(c), fe = f(e);
  while (b - a > tol) {
    if (fc < fe) {
      b = e;
      e = c;
      fe = fc;
      c = b - phi * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = e;
      fc = fe;
      e = a + phi * (b - a);
      fe = f(e);
    }
  }
  return (a + b) / 2;
}

/** ρ_d for several depths, as `{ d, rho }` rows (the CLI's and README's table). */
export function rhoTable(depths: readonly number[]): Array<{ d: number; rho: number }> {
  return depths.map((d) => ({ d, rho: rho(d) }));
}
