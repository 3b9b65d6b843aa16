/**
 * Reweighted amplitude flow (RAF; Wang, Giannakis, Saad & Chen, "Phase retrieval via reweighted
 * amplitude flow", IEEE TSP 66(11), 2018) as PhasePack implements it (`solveRAF`): at the iterate x
 * where the objective is built (every `reweightPeriod` = 20 iterations and at each tolerance hit),
 * each measurement is weighted by how much its sign can be trusted,
 *
 *   w_i = t_i / (t_i + β),   t_i = |a_iᵀx| / max(b_i, 10⁻³⁰),   β = 10 (PhasePack's real-valued β),
 *   f(z) = (1/2Σw) Σ_i w_i (|z_i| − b_i)²,   ∇f(z) = (1/Σw) w ⊙ (z − b ⊙ sgn(z)),
 *
 * minimised by PhasePack's gradient-descent helper (see `gradient-descent.ts`) instead of the
 * paper's fixed step. Default start: PhasePack's default initializer, `optimal` (its example script
 * runReweightedAmpFlow.m also chooses it; the paper's is `weighted`).
 */
import { defineSolver } from './run-solver.js';
import { amplitudeWeight, gradientDescentSolver, periodicParameter, reweightedObjective, type GradientDescentOptions } from './gradient-descent.js';

/** Options of `raf`. */
export interface RafOptions extends GradientDescentOptions {
  /** β in w_i = t_i/(t_i + β) (default 10, PhasePack's value for real signals). */
  beta: number;
  /** Iterations between weight updates (default 20, PhasePack's `reweightPeriod`). */
  reweightPeriod: number;
}

export const raf = defineSolver(
  gradientDescentSolver<RafOptions>({
    id: 'raf',
    summary: 'Reweighted amplitude flow (Wang, Giannakis, Saad, Chen) as in PhasePack: reweighted amplitude loss, Barzilai-Borwein steps',
    defaults: { initializer: 'optimal', beta: 10, reweightPeriod: 20 },
    ...periodicParameter<RafOptions>('beta', 'reweightPeriod'),
    capabilities: { complex: true },
    objective: (_x, absAx, b, o) => reweightedObjective(
      absAx, b,
      (a, bi) => {
        const t = a / Math.max(bi, 1e-30);
        return t / (t + o.beta);
      },
      (r, bi) => r - bi,
      amplitudeWeight,
    ),
  }),
);
