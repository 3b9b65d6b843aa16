/**
 * Truncated Wirtinger flow (TWF; Chen & Candès, "Solving random quadratic systems of equations is
 * nearly as easy as solving linear systems", CPAM 70(5), 2017) as PhasePack implements it
 * (`solveTWF`): with y = b², at the iterate x where the objective is built (every
 * `truncationPeriod` = 20 iterations and at each tolerance hit),
 *
 *   K = (1/m) Σ_l |y_l − |a_lᵀx|²|,   r_i = |a_iᵀx| / (σ ‖x‖),
 *   E = { i : α_lb ≤ r_i ≤ α_ub,  |y_i − |a_iᵀx|²| ≤ α_h K r_i },
 *   f(z) = (1/2|E|) Σ_{i∈E} (|z_i|² − y_i log |z_i|²),   ∇f(z) = (1/|E|) 1_E ⊙ (|z|² − y) / z,
 *
 * with PhasePack's line-search parameters α_lb = 0.1, α_ub = 5, α_h = 6, minimised by its
 * gradient-descent helper (see `gradient-descent.ts`). Where this differs from PhasePack: σ² is
 * the mean squared entry of A (see `plain-signal.ts`). PhasePack compares |a_iᵀx| with ‖x‖ alone,
 * which assumes N(0, 1) entries (σ = 1, where both agree); with σ the truncation is the same for A
 * with any entry variance (e.g. N(0, 1/m)), where PhasePack's bounds would discard almost every
 * measurement. Default start: PhasePack's default initializer, `optimal` (the paper's
 * is `truncated-spectral`).
 */
import { ArgumentError, nrm2 } from '@dpr/linalg';
import { defineSolver } from './run-solver.js';
import { gradientDescentSolver, requirePeriod, requirePositive, type GradientDescentOptions } from './gradient-descent.js';

/** Options of `twf`. */
export interface TwfOptions extends GradientDescentOptions {
  /** Lower bound α_lb of r_i (default 0.1). */
  alphaLb: number;
  /** Upper bound α_ub of r_i (default 5). */
  alphaUb: number;
  /** Outlier bound α_h (default 6). */
  alphaH: number;
  /** Iterations between truncation updates (default 20, PhasePack's `truncationPeriod`). */
  truncationPeriod: number;
}

export const twf = defineSolver(
  gradientDescentSolver<TwfOptions>({
    id: 'twf',
    summary: 'Truncated Wirtinger flow (Chen, Candes) as in PhasePack: truncated Poisson loss, Barzilai-Borwein steps',
    defaults: { initializer: 'optimal', alphaLb: 0.1, alphaUb: 5, alphaH: 6, truncationPeriod: 20 },
    validate(o) {
      for (const key of ['alphaLb', 'alphaUb', 'alphaH'] as const) requirePositive(key, o[key]);
      if (o.alphaLb >= o.alphaUb) throw new ArgumentError('options.alphaLb', `less than alphaUb (${o.alphaUb})`, o.alphaLb);
      requirePeriod('truncationPeriod', o.truncationPeriod);
    },
    period: (o) => o.truncationPeriod,
    capabilities: { complex: true },
    objective(x, absAx, b, o, geometry) {
      const m = absAx.length, nx = nrm2(x) * Math.sqrt(geometry.sigma2);
      let K = 0;
      for (let i = 0; i < m; i++) K += Math.abs((b[i] as number) ** 2 - (absAx[i] as number) ** 2);
      K /= m;
      const keep = new Uint8Array(m);
      let count = 0;
      for (let i = 0; i < m; i++) {
        const a = absAx[i] as number, r = a / nx;
        if (r <= o.alphaUb && r >= o.alphaLb && Math.abs((b[i] as number) ** 2 - a * a) <= (o.alphaH * K * a) / nx) (keep[i] = 1), count++;
      }
      return {
        f(r) {
          let f = 0;
          for (let i = 0; i < m; i++) if (keep[i]) f += (r[i] as number) ** 2 - (b[i] as number) ** 2 * Math.log((r[i] as number) ** 2);
          return (0.5 / count) * f;
        },
        // (|z|² − y)/z̄ = ((|z|² − y)/|z|²) z
        weights(r, out) {
          for (let i = 0; i < m; i++) out[i] = keep[i] ? ((r[i] as number) ** 2 - (b[i] as number) ** 2) / (r[i] as number) ** 2 / count : 0;
        },
      };
    },
  }),
);
