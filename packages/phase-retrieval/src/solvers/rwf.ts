/**
 * Reweighted Wirtinger flow (RWF; Ziyang Yuan & Hongxia Wang, "Phase retrieval via reweighted
 * Wirtinger flow", Applied Optics 56(9), 2418–2427, 2017; PhasePack's `solveRWF`): Wirtinger flow
 * in which every measurement's intensity residual is weighted, the weights being recomputed from
 * the current iterate at every step (a sequence of weighted sub-problems), real form
 *
 *   e_i = (a_iᵀy)² − b_i²,   w_i = 1 / (|e_i| / ν + η),   ν = (1/m) Σ_l b_l² = σ² λ²,
 *   y ← y − τ_t (1/m) Σ_i (w_i / w̄) e_i (a_iᵀy) a_i,   w̄ = (1/m) Σ_l w_l,
 *   τ_t = μ_t / (σ⁴ λ²),   μ_t = min(1 − e^{−t/t0}, μ_max),
 *
 * with PhasePack's η = 0.9, Wirtinger flow's step schedule (t0 = 330, μ_max = 0.2) and WF's
 * spectral start. Measurements that fit badly (large |e_i|) get small weights; as y → ±y0 all
 * weights become equal and the iteration ends as WF.
 *
 * Weights: the paper's 1/(|e_i| + η) are written for a unit-size problem; here |e_i| is measured
 * in units of the mean intensity ν (an estimate of σ²‖y0‖²), so that, like the step τ_t (see
 * `wirtinger-flow.ts` and `gradient-flow.ts`), they do not change when A and b are scaled.
 * Dividing by the mean weight w̄ is PhasePack's normalisation (its gradient is divided by Σ_i w_i
 * rather than m); it keeps the final steps at WF's size. Without it they are 1/η times larger,
 * which is past the stability limit of μ_max = 0.2 on some n = 100, m = 600 instances.
 *
 * Reported objective: the current sub-problem's loss (1/4m) Σ_i (w_i/w̄) e_i² (weights at this y).
 */
import { defineSolver } from './run-solver.js';
import { gradientFlowSolver, requirePositive } from './gradient-flow.js';
import type { PlainSignalOptions } from './plain-signal.js';

/** Options of `rwf`. */
export interface RwfOptions extends PlainSignalOptions {
  /** η in w_i = 1/(|e_i|/ν + η) (default 0.9, PhasePack's `opts.eta`). */
  eta: number;
  /** Time constant t0 of the step schedule (default 330, as WF). */
  t0: number;
  /** Largest step μ_max (default 0.2, as WF). */
  muMax: number;
}

export const rwf = defineSolver(
  gradientFlowSolver<RwfOptions>({
    id: 'rwf',
    summary: 'Reweighted Wirtinger flow (Yuan, Wang): spectral start, intensity gradients reweighted by 1/(|residual| + eta) each step',
    defaults: { initializer: 'spectral', eta: 0.9, t0: 330, muMax: 0.2 },
    sharedDefaults: { maxIters: 2500 },
    validate(o) {
      requirePositive('eta', o.eta);
      requirePositive('t0', o.t0);
      requirePositive('muMax', o.muMax);
    },
    residual(z, b, r, { geometry, options }) {
      const nu = geometry.sigma2 * geometry.lambda * geometry.lambda;
      let wSum = 0;
      for (let i = 0; i < z.length; i++) {
        const zi = z[i] as number, e = zi * zi - (b[i] as number) ** 2;
        const w = 1 / (Math.abs(e) / nu + options.eta);
        wSum += w;
        r[i] = w * e; // w_i e_i, scaled and multiplied by a_iᵀy below
      }
      const scale = z.length / wSum; // 1/w̄
      let f = 0;
      for (let i = 0; i < z.length; i++) {
        const zi = z[i] as number, we = (r[i] as number) * scale;
        f += we * (zi * zi - (b[i] as number) ** 2);
        r[i] = we * zi;
      }
      return f / (4 * z.length);
    },
    stepSize: (t, g, o) => Math.min(1 - Math.exp(-t / o.t0), o.muMax) / (g.sigma2 * g.sigma2 * g.lambda * g.lambda),
  }),
);
