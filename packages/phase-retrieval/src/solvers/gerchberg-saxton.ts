/**
 * Gerchberg–Saxton error reduction (Gerchberg & Saxton, Optik 35, 1972), in the generalised form
 * of PhasePack's `solveGerchbergSaxton` (after Bendory, Beinert & Eldar, "Fourier phase retrieval:
 * uniqueness and algorithms", 2017, Section 4.1, Algorithm 1): alternate c = b ⊙ sgn(A y) and
 * y = argmin ‖A y − c‖ (LSQR warm-started at the previous y, at most `maxInnerIters` = 10 inner
 * iterations, see `alternating-projections.ts`).
 *
 * Default start: PhasePack's default initializer, `optimal` (Luo, Alghamdi & Lu 2019).
 */
import { defineSolver } from './run-solver.js';
import { alternatingProjectionSolver, type AlternatingProjectionOptions } from './alternating-projections.js';

/** Options of `gerchberg-saxton`. */
export type GerchbergSaxtonOptions = AlternatingProjectionOptions;

export const gerchbergSaxton = defineSolver(
  alternatingProjectionSolver<GerchbergSaxtonOptions>({
    id: 'gerchberg-saxton',
    summary: 'Gerchberg-Saxton error reduction: magnitude projection, then least squares by warm-started LSQR',
    defaults: { initializer: 'optimal', maxInnerIters: 10 },
    objectUpdate: (_g, gPrime) => gPrime,
  }),
);
