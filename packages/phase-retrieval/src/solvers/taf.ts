/**
 * Truncated amplitude flow (TAF; Wang, Giannakis & Eldar, "Solving systems of random quadratic
 * equations via truncated amplitude flow", IEEE TIT 64(2), 2018) as PhasePack implements it
 * (`solveTAF`): at the iterate x where the objective is built (every `truncationPeriod` = 20
 * iterations and at each tolerance hit), keep the measurements whose sign is trusted,
 *
 *   I = { i : |a_iᵀx| ≥ b_i / (1 + γ) },   γ = 0.7,
 *   f(z) = (1/2|I|) Σ_{i∈I} (|z_i| − b_i)²,   ∇f(z) = (1/|I|) 1_I ⊙ (z − b ⊙ sgn(z)),
 *
 * minimised by PhasePack's gradient-descent helper (see `gradient-descent.ts`) instead of the
 * paper's fixed step μ = 0.6. Default start: PhasePack's default initializer, `optimal` (the paper's
 * is its orthogonality-promoting start, PhasePack's `amplitude`).
 */
import { defineSolver } from './run-solver.js';
import { amplitudeWeight, gradientDescentSolver, periodicParameter, type GradientDescentOptions } from './gradient-descent.js';

/** Options of `taf`. */
export interface TafOptions extends GradientDescentOptions {
  /** Truncation γ: keep |a_iᵀx| ≥ b_i/(1+γ) (default 0.7). */
  gamma: number;
  /** Iterations between truncation updates (default 20, PhasePack's `truncationPeriod`). */
  truncationPeriod: number;
}

export const taf = defineSolver(
  gradientDescentSolver<TafOptions>({
    id: 'taf',
    summary: 'Truncated amplitude flow (Wang, Giannakis, Eldar) as in PhasePack: truncated amplitude loss, Barzilai-Borwein steps',
    defaults: { initializer: 'optimal', gamma: 0.7, truncationPeriod: 20 },
    ...periodicParameter<TafOptions>('gamma', 'truncationPeriod'),
    capabilities: { complex: true },
    objective(_x, absAx, b, o) {
      const keep = new Uint8Array(absAx.length);
      let count = 0;
      for (let i = 0; i < absAx.length; i++) if ((absAx[i] as number) >= (b[i] as number) / (1 + o.gamma)) (keep[i] = 1), count++;
      return {
        f(r) {
          let f = 0;
          for (let i = 0; i < r.length; i++) if (keep[i]) f += ((r[i] as number) - (b[i] as number)) ** 2;
          return (0.5 / count) * f;
        },
        weights(r, out) {
          for (let i = 0; i < r.length; i++) out[i] = keep[i] ? amplitudeWeight(r[i] as number, b[i] as number) / count : 0;
        },
      };
    },
  }),
);
