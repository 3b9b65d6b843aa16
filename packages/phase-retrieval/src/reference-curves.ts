/**
 * Success counts of the reference implementations, the curves our baselines are checked against
 * (`test/reference-curves.test.ts`, `dpr bench baselines`, BENCHMARKS.md).
 *
 * Source of every number (one measurement, 2026-12-05): the reference code itself, run in GNU
 * Octave 7.3 on 10 numpy-written instances per point (A iid N(0,1) m × n, b = |A y0|, noiseless).
 * - Dense rows: PhasePack (github.com/tomgoldstein/phasepack-matlab, `solvePhaseRetrieval` with
 *   initMethod 'optimal', isComplex false, tol 1e-6, maxIters 10000, no xt), y0 ~ N(0, I_100);
 *   success = relative error ≤ 1e-5 up to sign. (Octave has no `lsqr`: GS/Fienup ran with a
 *   Paige–Saunders LSQR with MATLAB's stopping tests.)
 * - SPARTA rows: the authors' SPARTA1D (gangwg.github.io, SPARTA/codes/sparta) with
 *   Gaussian1D's parameters (mu 1, gamma_lb 1, npower_iter 100, power_trunc 5, support_opi 2),
 *   T = 1000, K-sparse y0 ∈ R^1000 (support uniform, non-zeros N(0,1)); success ≤ 1e-3.
 * The published papers report curves, not these points: PhasePack (Chandra et al., Asilomar 2017)
 * plots success against m/n for complex signals, the SPARTA paper (IEEE TSP 2018, Fig. 4) against m
 * for n = 1000; neither is read off here.
 */

/** One point of a reference curve. */
export interface ReferencePoint {
  /** Solver id. */
  solver: string;
  n: number;
  m: number;
  /** K for SPARTA, null for dense signals. */
  sparsity: number | null;
  /** Successes of the reference code out of `trials`. */
  successes: number;
  trials: number;
  /** The success threshold on the relative error (up to sign). */
  threshold: number;
}

const dense = (solver: string, counts: [number, number, number, number]): ReferencePoint[] =>
  ([200, 250, 300, 400] as const).map((m, i) => ({ solver, n: 100, m, sparsity: null, successes: counts[i]!, trials: 10, threshold: 1e-5 }));

const sparse = (K: number, counts: [number, number, number]): ReferencePoint[] =>
  ([100, 150, 200] as const).map((m, i) => ({ solver: 'sparta', n: 1000, m, sparsity: K, successes: counts[i]!, trials: 10, threshold: 1e-3 }));

/** The reference success counts, m/n ∈ {2, 2.5, 3, 4} at n = 100 and SPARTA K ∈ {3, 5} at n = 1000. */
export const REFERENCE_CURVES: readonly ReferencePoint[] = [
  ...dense('wirtinger-flow', [2, 9, 10, 10]),
  ...dense('amplitude-flow', [0, 0, 3, 10]),
  ...dense('taf', [7, 6, 10, 9]),
  ...dense('raf', [10, 10, 10, 10]),
  ...dense('twf', [0, 6, 7, 10]),
  ...dense('rwf', [3, 9, 10, 10]),
  ...dense('gerchberg-saxton', [0, 0, 1, 10]),
  ...dense('fienup', [0, 0, 1, 10]),
  ...sparse(3, [7, 10, 10]),
  ...sparse(5, [4, 10, 6]),
];
