/**
 * Reweighted amplitude flow (RAF; Wang, Giannakis, Saad & Chen, "Phase retrieval via reweighted
 * amplitude flow", IEEE TSP 66(11), 2018, Algorithm 1): gradient steps on
 * ℓ(y) = (1/2m) Σ_i (|a_iᵀy| − b_i)² in which each measurement is weighted by how much its sign
 * can be trusted,
 *
 *   w_i = |a_iᵀy| / (|a_iᵀy| + β b_i),
 *   y ← y − (μ/σ²) (1/m) Σ_i w_i (a_iᵀy − b_i sgn(a_iᵀy)) a_i,
 *
 * with the authors' real-valued defaults β = 10, μ = 2 (their released code, also PhasePack's
 * real-valued β) and the weighted maximal-correlation initialization. w_i = 1 when b_i = 0
 * (the limit b_i → 0). σ² makes the step scale-free (see `gradient-flow.ts`).
 */
import { amplitudeLoss } from '../objectives/amplitude.js';
import { defineSolver } from './run-solver.js';
import { gradientFlowSolver, requirePositive } from './gradient-flow.js';
import type { PlainSignalOptions } from './plain-signal.js';

/** Options of `raf`. */
export interface RafOptions extends PlainSignalOptions {
  /** Reweighting β in w_i = |a_iᵀy|/(|a_iᵀy| + β b_i) (default 10). */
  beta: number;
  /** Step μ (default 2, real-valued case). */
  mu: number;
}

export const raf = defineSolver(
  gradientFlowSolver<RafOptions>({
    id: 'raf',
    summary: 'Reweighted amplitude flow (Wang, Giannakis, Saad, Chen): weighted start, reweighted amplitude gradients',
    defaults: { initializer: 'weighted', beta: 10, mu: 2 },
    sharedDefaults: { maxIters: 2000 },
    validate(o) {
      requirePositive('beta', o.beta);
      requirePositive('mu', o.mu);
    },
    residual(z, b, r, { options }) {
      const f = amplitudeLoss(z, b, r) / z.length;
      for (let i = 0; i < z.length; i++) {
        const a = Math.abs(z[i] as number), d = a + options.beta * (b[i] as number);
        if (d > 0) r[i] = (r[i] as number) * (a / d);
      }
      return f;
    },
    stepSize: (_t, g, o) => o.mu / g.sigma2,
  }),
);
