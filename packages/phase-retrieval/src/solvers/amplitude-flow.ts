/**
 * Amplitude flow (AF): plain gradient descent on the amplitude loss
 * ℓ(y) = (1/2m) Σ_i (|a_iᵀy| − b_i)², i.e. Algorithm 1 of Wang, Giannakis & Eldar, "Solving
 * systems of random quadratic equations via truncated amplitude flow" (IEEE TIT 2018) without the
 * truncation, as in PhasePack's `solveAmplitudeFlow`:
 *
 *   y ← y − (μ/σ²) (1/m) Σ_i (a_iᵀy − b_i sgn(a_iᵀy)) a_i,
 *
 * with TAF's real-valued step μ = 0.6 and TAF's orthogonality-promoting start (PhasePack uses a
 * line search instead of the fixed step). σ² makes the step scale-free (see `gradient-flow.ts`).
 */
import { amplitudeLoss } from '../objectives/amplitude.js';
import { defineSolver } from './run-solver.js';
import { gradientFlowSolver, requirePositive } from './gradient-flow.js';
import type { PlainSignalOptions } from './plain-signal.js';

/** Options of `amplitude-flow`. */
export interface AmplitudeFlowOptions extends PlainSignalOptions {
  /** Step μ (default 0.6, TAF's real-valued step). */
  mu: number;
}

export const amplitudeFlow = defineSolver(
  gradientFlowSolver<AmplitudeFlowOptions>({
    id: 'amplitude-flow',
    summary: 'Amplitude flow: gradient descent on (1/2m) sum (|a_i^T y| - b_i)^2 (TAF without truncation)',
    defaults: { initializer: 'orthogonal', mu: 0.6 },
    sharedDefaults: { maxIters: 1000 },
    validate: (o) => requirePositive('mu', o.mu),
    residual: (z, b, r) => amplitudeLoss(z, b, r) / z.length,
    stepSize: (_t, g, o) => o.mu / g.sigma2,
  }),
);
