/**
 * Wirtinger flow (WF; Candès, Li & Soltanolkotabi, "Phase retrieval via Wirtinger flow: theory and
 * algorithms", IEEE TIT 61(4), 2015, Algorithm 1 and Section 2.3): spectral initialization, then
 * gradient descent on the intensity loss ℓ(y) = (1/4m) Σ_i ((a_iᵀy)² − b_i²)², in real form
 *
 *   y ← y − τ_t (1/m) Σ_i ((a_iᵀy)² − b_i²) (a_iᵀy) a_i,
 *   τ_t = μ_t / (σ⁴ λ²),   μ_t = min(1 − e^{−t/t0}, μ_max),   t0 = 330, μ_max = 0.2,
 *
 * the paper's schedule. The paper divides by ‖z_0‖², which equals λ² (the signal-norm estimate)
 * for its spectral start; λ² is used directly so that a custom start of any norm gets the same
 * step. σ⁴ makes the step scale-free (see `gradient-flow.ts`).
 */
import { defineSolver } from './run-solver.js';
import { gradientFlowSolver, requirePositive } from './gradient-flow.js';
import type { PlainSignalOptions } from './plain-signal.js';

/** Options of `wirtinger-flow`. */
export interface WirtingerFlowOptions extends PlainSignalOptions {
  /** Time constant t0 of the step schedule (default 330). */
  t0: number;
  /** Largest step μ_max (default 0.2). */
  muMax: number;
}

export const wirtingerFlow = defineSolver(
  gradientFlowSolver<WirtingerFlowOptions>({
    id: 'wirtinger-flow',
    summary: 'Wirtinger flow (Candes, Li, Soltanolkotabi): spectral start, gradient descent on the intensity loss',
    defaults: { initializer: 'spectral', t0: 330, muMax: 0.2 },
    sharedDefaults: { maxIters: 2500 },
    validate(o) {
      requirePositive('t0', o.t0);
      requirePositive('muMax', o.muMax);
    },
    residual(z, b, r) {
      let f = 0;
      for (let i = 0; i < z.length; i++) {
        const zi = z[i] as number, e = zi * zi - (b[i] as number) ** 2;
        f += e * e;
        r[i] = e * zi;
      }
      return f / (4 * z.length);
    },
    stepSize: (t, g, o) => Math.min(1 - Math.exp(-t / o.t0), o.muMax) / (g.sigma2 * g.sigma2 * g.lambda * g.lambda),
  }),
);
