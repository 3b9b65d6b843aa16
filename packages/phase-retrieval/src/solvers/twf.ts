/**
 * Truncated Wirtinger flow (TWF; Chen & Candès, "Solving random quadratic systems of equations is
 * nearly as easy as solving linear systems", CPAM 70(5), 2017, Algorithm 1): truncated gradient
 * steps on the Poisson log-likelihood of the intensities y_i = b_i², real form
 *
 *   y ← y − (μ/σ²) (1/m) Σ_{i∈E} 2 ((a_iᵀy)² − b_i²)/(a_iᵀy) · a_i,   with E = E₁ ∩ E₂:
 *   E₁: α_lb ≤ √n |a_iᵀy| / (‖a_i‖ ‖y‖) ≤ α_ub,
 *   E₂: |b_i² − (a_iᵀy)²| ≤ α_h K_t √n |a_iᵀy| / (‖a_i‖ ‖y‖),   K_t = (1/m) Σ_l |b_l² − (a_lᵀy)²|,
 *
 * the authors' defaults α_lb = 0.3, α_ub = 5, α_h = 5, μ = 0.2 (their released code; PhasePack's
 * 0.1/5/6 are for its line-search variant), from the truncated spectral start. The truncation
 * tests are invariant to the scale of A; σ² makes the step scale-free (see `gradient-flow.ts`).
 *
 * Reported objective: the Poisson deviance (1/m) Σ_i ((a_iᵀy)² − b_i² − b_i² log((a_iᵀy)²/b_i²)),
 * which is the negative log-likelihood shifted to be 0 at an exact fit.
 */
import { ArgumentError } from '@dpr/linalg';
import { defineSolver } from './run-solver.js';
import { gradientFlowSolver, requirePositive } from './gradient-flow.js';
import type { PlainSignalOptions } from './plain-signal.js';

/** Options of `twf`. */
export interface TwfOptions extends PlainSignalOptions {
  /** Lower bound α_lb of E₁ (default 0.3). */
  alphaLb: number;
  /** Upper bound α_ub of E₁ (default 5). */
  alphaUb: number;
  /** Outlier bound α_h of E₂ (default 5). */
  alphaH: number;
  /** Step μ (default 0.2). */
  mu: number;
}

export const twf = defineSolver(
  gradientFlowSolver<TwfOptions>({
    id: 'twf',
    summary: 'Truncated Wirtinger flow (Chen, Candes): truncated spectral start, truncated Poisson gradients',
    defaults: { initializer: 'truncated-spectral', alphaLb: 0.3, alphaUb: 5, alphaH: 5, mu: 0.2 },
    sharedDefaults: { maxIters: 500 },
    validate(o) {
      for (const key of ['alphaLb', 'alphaUb', 'alphaH', 'mu'] as const) requirePositive(key, o[key]);
      if (o.alphaLb >= o.alphaUb) throw new ArgumentError('options.alphaLb', `less than alphaUb (${o.alphaUb})`, o.alphaLb);
    },
    residual(z, b, r, { y, geometry, options }) {
      const { m, n, rowNorms2 } = geometry;
      let yNorm = 0, K = 0, f = 0;
      for (const v of y) yNorm += v * v;
      yNorm = Math.sqrt(yNorm);
      for (let i = 0; i < m; i++) {
        const zi2 = (z[i] as number) ** 2, yi = (b[i] as number) ** 2;
        K += Math.abs(yi - zi2);
        f += yi > 0 ? zi2 - yi - yi * Math.log(zi2 / yi) : zi2;
      }
      K /= m;
      for (let i = 0; i < m; i++) {
        const zi = z[i] as number, yi = (b[i] as number) ** 2;
        // √n |a_iᵀy| / (‖a_i‖ ‖y‖): the normalised size of the measurement
        const rel = (Math.sqrt(n) * Math.abs(zi)) / (Math.sqrt(rowNorms2[i] as number) * yNorm);
        const keep = rel >= options.alphaLb && rel <= options.alphaUb && Math.abs(yi - zi * zi) <= options.alphaH * K * rel;
        r[i] = keep ? (2 * (zi * zi - yi)) / zi : 0;
      }
      return f / m;
    },
    stepSize: (_t, g, o) => o.mu / g.sigma2,
  }),
);
