/**
 * Fienup's hybrid input-output (J. R. Fienup, "Phase retrieval algorithms: a comparison", Applied
 * Optics 21(15), 1982, Section V, eq. (44)), in PhasePack's generalised form (`solveFienup`): the
 * Gerchberg–Saxton round trip g'_k = argmin ‖A y − b ⊙ sgn(A g_k)‖ (see
 * `alternating-projections.ts`), then, when the signal is known to be real and non-negative
 * (`nonNegative: true`),
 *
 *   g_{k+1}[j] = g'_k[j]              where g'_k[j] ≥ 0 (the constraint holds),
 *   g_{k+1}[j] = g_k[j] − β g'_k[j]   where it is violated (β = 0.5, PhasePack's `FienupTuning`).
 *
 * Without a signal-domain constraint (the default, `nonNegative: false`) there is nothing to
 * violate and the update is g_{k+1} = g'_k: Fienup then reduces to error reduction, exactly as in
 * PhasePack, and returns the same iterates as `gerchberg-saxton` (so on complex signals too, where
 * the non-negativity constraint is refused).
 */
import { ArgumentError } from '@dpr/linalg';
import { isComplexSignalOperator } from '../measurements/moduli.js';
import { defineSolver } from './run-solver.js';
import { alternatingProjectionSolver, type AlternatingProjectionOptions } from './alternating-projections.js';

/** Options of `fienup`. */
export interface FienupOptions extends AlternatingProjectionOptions {
  /** The signal is known to be real and non-negative: apply the HIO update (default false). */
  nonNegative: boolean;
  /** HIO feedback β (default 0.5, PhasePack's `FienupTuning`). */
  beta: number;
}

export const fienup = defineSolver(
  alternatingProjectionSolver<FienupOptions>({
    id: 'fienup',
    summary: "Fienup's hybrid input-output (error reduction unless the signal is known non-negative)",
    capabilities: { nonNegative: true },
    defaults: { initializer: 'optimal', maxInnerIters: 10, nonNegative: false, beta: 0.5 },
    validate(o, problem) {
      if (typeof o.nonNegative !== 'boolean') throw new ArgumentError('options.nonNegative', 'a boolean', o.nonNegative);
      if (o.nonNegative && isComplexSignalOperator(problem.A)) throw new ArgumentError('options.nonNegative', 'false for a complex signal (the HIO constraint is real and non-negative)', o.nonNegative);
      if (typeof o.beta !== 'number' || !Number.isFinite(o.beta)) throw new ArgumentError('options.beta', 'a finite number', o.beta);
    },
    objectUpdate(g, gPrime, o) {
      if (!o.nonNegative) return gPrime;
      for (let j = 0; j < gPrime.length; j++) {
        const gp = gPrime[j] as number;
        if (gp < 0) gPrime[j] = (g[j] as number) - o.beta * gp;
      }
      return gPrime;
    },
  }),
);
