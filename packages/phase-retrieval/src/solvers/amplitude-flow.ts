/**
 * Amplitude flow (AF) as PhasePack implements it (`solveAmplitudeFlow`): the amplitude loss in the
 * measurement domain (Wang, Giannakis & Eldar, "Solving systems of random quadratic equations via
 * truncated amplitude flow", IEEE TIT 2018, without the truncation),
 *
 *   f(z) = ½ ‖ |z| − b ‖²,   ∇f(z) = z − b ⊙ sgn(z),
 *
 * minimised by PhasePack's gradient-descent helper (Barzilai–Borwein steps with backtracking, see
 * `gradient-descent.ts`). Default start: PhasePack's default initializer, `optimal`.
 */
import { defineSolver } from './run-solver.js';
import { amplitudeWeight, gradientDescentSolver, squaredLoss, type GradientDescentOptions } from './gradient-descent.js';

/** Options of `amplitude-flow`. */
export type AmplitudeFlowOptions = GradientDescentOptions;

export const amplitudeFlow = defineSolver(
  gradientDescentSolver<AmplitudeFlowOptions>({
    id: 'amplitude-flow',
    summary: 'Amplitude flow as in PhasePack: (1/2) || |z| - b ||^2, Barzilai-Borwein steps with backtracking',
    defaults: { initializer: 'optimal' },
    period: () => Number.POSITIVE_INFINITY,
    capabilities: { complex: true },
    objective: (_x, _r, b) => squaredLoss(b, (r, bi) => r - bi, amplitudeWeight),
  }),
);
