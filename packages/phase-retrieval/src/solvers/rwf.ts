/**
 * Reweighted Wirtinger flow (RWF; Ziyang Yuan & Hongxia Wang, "Phase retrieval via reweighted
 * Wirtinger flow", Applied Optics 56(9), 2418–2427, 2017) as PhasePack implements it (`solveRWF`):
 * at the iterate x where the objective is built (every `reweightPeriod` = 20 iterations and at each
 * tolerance hit),
 *
 *   w_i = 1 / (| |a_iᵀx|² − b_i² | + η),   η = 0.9,
 *   f(z) = (1/2Σw) Σ_i w_i (|z_i|² − b_i²)²,   ∇f(z) = (1/Σw) w ⊙ (|z|² − b²) ⊙ z,
 *
 * minimised by PhasePack's gradient-descent helper (see `gradient-descent.ts`) instead of WF's step
 * schedule. η is absolute, as in PhasePack and the paper, so the weights (not the iterates' limit)
 * depend on the scale of A and b. Default start: PhasePack's default initializer, `optimal` (its
 * example script runReweightedWirtFlow.m chooses `weighted`).
 */
import { defineSolver } from './run-solver.js';
import { gradientDescentSolver, periodicParameter, reweightedObjective, type GradientDescentOptions } from './gradient-descent.js';

/** Options of `rwf`. */
export interface RwfOptions extends GradientDescentOptions {
  /** η in w_i = 1/(|e_i| + η) (default 0.9, PhasePack's `opts.eta`). */
  eta: number;
  /** Iterations between weight updates (default 20, PhasePack's `reweightPeriod`). */
  reweightPeriod: number;
}

export const rwf = defineSolver(
  gradientDescentSolver<RwfOptions>({
    id: 'rwf',
    summary: 'Reweighted Wirtinger flow (Yuan, Wang) as in PhasePack: intensity loss reweighted by 1/(|residual| + eta), Barzilai-Borwein steps',
    defaults: { initializer: 'optimal', eta: 0.9, reweightPeriod: 20 },
    ...periodicParameter<RwfOptions>('eta', 'reweightPeriod'),
    capabilities: { complex: true },
    objective: (_x, absAx, b, o) => reweightedObjective(
      absAx, b,
      (a, bi) => 1 / (Math.abs(a ** 2 - bi ** 2) + o.eta),
      (r, bi) => r ** 2 - bi ** 2,
      (r, bi) => r ** 2 - bi ** 2,
    ),
  }),
);
