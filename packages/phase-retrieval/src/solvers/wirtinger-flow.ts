/**
 * Wirtinger flow (WF; Candès, Li & Soltanolkotabi, "Phase retrieval via Wirtinger flow: theory and
 * algorithms", IEEE TIT 61(4), 2015) as PhasePack implements it (`solveWirtFlow`): the intensity
 * loss in the measurement domain,
 *
 *   f(z) = ½ ‖ |z|² − b² ‖²,   ∇f(z) = (|z|² − b²) ⊙ z   (PhasePack's Wirtinger gradient; z complex
 *   for complex measurements, and then the signal x too: PhasePack's `isComplex` mode),
 *
 * minimised by PhasePack's gradient-descent helper (adaptive Barzilai–Borwein steps with Armijo
 * backtracking, see `gradient-descent.ts`) instead of the paper's step schedule
 * μ_t = min(1 − e^{−t/330}, 0.2)/‖z_0‖². The objective is never rebuilt (no truncation).
 *
 * Default start: PhasePack's default initializer, `optimal` (manageOptions' `initMethod`; its
 * example script runWirtFlow.m also chooses it). The paper's own start is `spectral`.
 */
import { defineSolver } from './run-solver.js';
import { gradientDescentSolver, squaredLoss, type GradientDescentOptions } from './gradient-descent.js';

/** Options of `wirtinger-flow`. */
export type WirtingerFlowOptions = GradientDescentOptions;

export const wirtingerFlow = defineSolver(
  gradientDescentSolver<WirtingerFlowOptions>({
    id: 'wirtinger-flow',
    summary: 'Wirtinger flow (Candes, Li, Soltanolkotabi) as in PhasePack: intensity loss, Barzilai-Borwein steps with backtracking',
    defaults: { initializer: 'optimal' },
    period: () => Number.POSITIVE_INFINITY,
    capabilities: { complex: true },
    objective: (_x, _r, b) => squaredLoss(b, (r, bi) => r ** 2 - bi ** 2, (r, bi) => r ** 2 - bi ** 2),
  }),
);
