/**
 * Reshaped Wirtinger flow (RWF; Zhang, Zhou, Liang & Chi, "A nonconvex approach for phase
 * retrieval: reshaped Wirtinger flow and incremental algorithms", JMLR 18, 2017, Algorithm 1):
 * gradient steps on the lower-order (amplitude) loss ℓ(y) = (1/2m) Σ_i (|a_iᵀy| − b_i)²,
 *
 *   y ← y − (μ/σ²) (1/m) Σ_i (a_iᵀy − b_i sgn(a_iᵀy)) a_i,
 *
 * with the paper's step μ = 0.8, from a truncated spectral start (the paper truncates the
 * amplitudes to [1, 5]·mean; the closest initializer offered here is TWF's `truncated-spectral`).
 * The update is amplitude flow's with its own step and start. σ² makes the step scale-free (see
 * `gradient-flow.ts`).
 */
import { amplitudeLoss } from '../objectives/amplitude.js';
import { defineSolver } from './run-solver.js';
import { gradientFlowSolver, requirePositive } from './gradient-flow.js';
import type { PlainSignalOptions } from './plain-signal.js';

/** Options of `rwf`. */
export interface RwfOptions extends PlainSignalOptions {
  /** Step μ (default 0.8). */
  mu: number;
}

export const rwf = defineSolver(
  gradientFlowSolver<RwfOptions>({
    id: 'rwf',
    summary: 'Reshaped Wirtinger flow (Zhang, Zhou, Liang, Chi): gradient descent on the amplitude loss, step 0.8',
    defaults: { initializer: 'truncated-spectral', mu: 0.8 },
    sharedDefaults: { maxIters: 1000 },
    validate: (o) => requirePositive('mu', o.mu),
    residual: (z, b, r) => amplitudeLoss(z, b, r) / z.length,
    stepSize: (_t, g, o) => o.mu / g.sigma2,
  }),
);
