/**
 * Truncated amplitude flow (TAF; Wang, Giannakis & Eldar, "Solving systems of random quadratic
 * equations via truncated amplitude flow", IEEE TIT 64(2), 2018, Algorithm 1): gradient steps on
 * ℓ(y) = (1/2m) Σ_i (|a_iᵀy| − b_i)² that keep only the measurements whose sign is trusted,
 *
 *   I = { i : |a_iᵀy| ≥ b_i / (1 + γ) },
 *   y ← y − (μ/σ²) (1/m) Σ_{i∈I} (a_iᵀy − b_i sgn(a_iᵀy)) a_i,
 *
 * with the paper's real-valued defaults γ = 0.7, μ = 0.6 and its orthogonality-promoting
 * initialization. σ² makes the step scale-free (see `gradient-flow.ts`).
 */
import { amplitudeLoss } from '../objectives/amplitude.js';
import { defineSolver } from './run-solver.js';
import { gradientFlowSolver, requirePositive } from './gradient-flow.js';
import type { PlainSignalOptions } from './plain-signal.js';

/** Options of `taf`. */
export interface TafOptions extends PlainSignalOptions {
  /** Truncation γ: keep |a_iᵀy| ≥ b_i/(1+γ) (default 0.7). */
  gamma: number;
  /** Step μ (default 0.6, real-valued case). */
  mu: number;
}

export const taf = defineSolver(
  gradientFlowSolver<TafOptions>({
    id: 'taf',
    summary: 'Truncated amplitude flow (Wang, Giannakis, Eldar): orthogonality-promoting start, truncated amplitude gradients',
    defaults: { initializer: 'orthogonal', gamma: 0.7, mu: 0.6 },
    sharedDefaults: { maxIters: 1000 },
    validate(o) {
      requirePositive('gamma', o.gamma);
      requirePositive('mu', o.mu);
    },
    residual(z, b, r, { options }) {
      const f = amplitudeLoss(z, b, r) / z.length;
      const keep = 1 / (1 + options.gamma);
      for (let i = 0; i < z.length; i++) if (Math.abs(z[i] as number) < keep * (b[i] as number)) r[i] = 0;
      return f;
    },
    stepSize: (_t, g, o) => o.mu / g.sigma2,
  }),
);
