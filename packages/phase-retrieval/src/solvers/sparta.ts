/**
 * SPARTA: sparse phase retrieval via truncated amplitude flow (Wang, Zhang, Giannakis, Akçakaya,
 * Chen, "Sparse Phase Retrieval via Truncated Amplitude Flow", IEEE TSP 66(2), 2018, Algorithm 1),
 * for a K-sparse y0 ∈ R^n (needsPrior: false), following the authors' released SPARTA1D code with
 * its defaults (support_opi = 2, power_trunc = 5, 100 power iterations, γ_lb = 1, μ = 1):
 *
 * 1. Norm estimate ν = mean_i(b_i) / mean_ij(|A_ij|) (E|a_ijᵀ| and E b_i share the factor √(2/π)).
 * 2. Support estimate Ŝ: the K indices j with the largest Σ_i b_i² A_ij².
 * 3. Start: with ρ_i = b_i / (‖a_{i,Ŝ}‖ ν), the rows whose ρ_i is at least the round(5m/6)-th
 *    smallest (the top sixth, ties kept); the leading eigenvector of Σ a_{i,Ŝ} a_{i,Ŝ}ᵀ/‖a_{i,Ŝ}‖²
 *    over them by 100 power iterations, embedded on Ŝ and scaled by ν.
 * 4. T iterations (default 1000) of truncated amplitude flow with hard thresholding:
 *    y ← H_K( y − (μ / (m σ²)) Σ_{i∈T} (a_iᵀy − b_i sgn(a_iᵀy)) a_i ),
 *    T = { i : |a_iᵀy| / b_i > 1/(1+γ_lb) }.
 *
 * Where this differs from SPARTA1D: σ² = Σ_i ‖a_i‖²/(mn), the mean squared entry of A, divides the
 * step (the code's μ/m assumes N(0,1) entries, where σ² ≈ 1; with it N(0, 1/m) entries need no
 * retuning); H_K keeps exactly K entries (the code keeps ties with the K-th); and instead of the
 * code's oracle stop (relative error to the truth below 1e-18, i.e. never) the run stops when the
 * relative change ‖y_{t+1} − y_t‖/‖y_t‖ reaches tol (default 1e-6) or after T = maxIters steps.
 *
 * The objective reported is the amplitude loss ½‖|Ay| − b‖². The truth is never used.
 */
import { ArgumentError, nrm2, type Vec } from '@dpr/linalg';
import { amplitudeLoss, sgn } from '../objectives/amplitude.js';
import { sharedOperatorEntries } from '../initializers/operator-entries.js';
import { hardThreshold, largestIndices } from '../initializers/largest.js';
import { DEFAULT_POWER_ITERS, leadingEigenvector } from '../initializers/power-iteration.js';
import type { Problem } from '../problem.js';
import type { Rng } from '@dpr/linalg';
import { defineSolver } from './run-solver.js';

/** Options of the `sparta` solver. */
export interface SpartaOptions {
  /** K, the number of non-zeros of y0 (required). */
  sparsity: number | undefined;
  /** μ, the step size relative to 1/(m σ²) (default 1, the paper's choice for real signals). */
  stepSize: number;
  /** γ_lb: keep the rows with |a_iᵀy| > b_i/(1+γ_lb) (default 1, SPARTA1D's `gamma_lb`). */
  truncation: number;
  /** Power iterations of the initialization (default 100). */
  powerIters: number;
  /** Fraction of rows (those with the largest normalised b_i) used by the start (default 1/6). */
  initFraction: number;
}

interface SpartaState {
  K: number;
  y: Vec;
  /** A y. */
  z: Vec;
  f: number;
  /** μ / (m σ²). */
  step: number;
  normB2: number;
  kept: number;
}

const EXACT_FIT = 1e-28; // (1e-14)^2, relative squared residual

/**
 * SPARTA1D's initialization (steps 1–3 above) from the entries of A.
 * @returns y_0 ∈ R^n, K-sparse, and σ² (mean squared entry of A).
 */
export function spartaInit(problem: Problem, K: number, rng: Rng, powerIters = DEFAULT_POWER_ITERS, fraction = 1 / 6): { y0: Vec; sigma2: number } {
  const { A, b } = problem;
  const m = A.outputDim, n = A.inputDim;
  const M = sharedOperatorEntries(A);
  // one pass over A: Σ|A_ij| (row-major order), Σ_i ‖a_i‖² (for σ²) and the support marginals Σ_i b_i² A_ij²
  let absSum = 0, bSum = 0, total = 0;
  const marg = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    const b2 = (b[i] as number) ** 2;
    let row2 = 0;
    for (let j = 0; j < n; j++) {
      const a = M.data[i * n + j] as number;
      absSum += Math.abs(a);
      row2 += a ** 2;
      marg[j] = (marg[j] as number) + b2 * a ** 2;
    }
    total += row2;
  }
  for (const v of b) bSum += v;
  const nu = absSum > 0 ? (bSum / m) / (absSum / (m * n)) : 0;
  const S = largestIndices(marg, K);
  // rows of A restricted to Ŝ, normalised; ranked by ρ_i = b_i / (‖a_{i,Ŝ}‖ ν)
  const AS = new Float64Array(m * K);
  const rho = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let c = 0; c < K; c++) s += (M.data[i * n + (S[c] as number)] as number) ** 2;
    const r = Math.sqrt(s);
    for (let c = 0; c < K; c++) AS[i * K + c] = r > 0 ? (M.data[i * n + (S[c] as number)] as number) / r : 0;
    rho[i] = r > 0 && nu > 0 ? (b[i] as number) / (r * nu) : 0;
  }
  const sorted = Float64Array.from(rho).sort();
  const rank = Math.min(m, Math.max(1, Math.round(m * (1 - fraction) + 1e-9)));
  const threshold = sorted[rank - 1] as number;
  const rows: number[] = [];
  for (let i = 0; i < m; i++) if ((rho[i] as number) >= threshold) rows.push(i);
  const Y = (v: Vec): Vec => {
    const out = new Float64Array(K);
    for (const i of rows) {
      let t = 0;
      for (let c = 0; c < K; c++) t += (AS[i * K + c] as number) * (v[c] as number);
      for (let c = 0; c < K; c++) out[c] = (out[c] as number) + t * (AS[i * K + c] as number);
    }
    return out;
  };
  const { vector } = leadingEigenvector(Y, K, { rng, iters: powerIters });
  const y0 = new Float64Array(n);
  for (let c = 0; c < K; c++) y0[S[c] as number] = nu * (vector[c] as number);
  return { y0, sigma2: total / (m * n) };
}

export const sparta = defineSolver<SpartaOptions, SpartaState>({
  id: 'sparta',
  summary: 'SPARTA: sparse phase retrieval by truncated amplitude flow with hard thresholding (Wang et al., IEEE TSP 2018)',
  needsPrior: false,
  capabilities: { sparsity: true },
  defaults: { sparsity: undefined, stepSize: 1, truncation: 1, powerIters: DEFAULT_POWER_ITERS, initFraction: 1 / 6 },
  sharedDefaults: { maxIters: 1000, tol: 1e-6 },
  validate(o, problem) {
    const n = problem.A.inputDim;
    if (o.sparsity === undefined) throw new ArgumentError('options.sparsity', `the number of non-zeros K (an integer in 1..${n}; required by 'sparta')`);
    if (!Number.isSafeInteger(o.sparsity) || o.sparsity < 1 || o.sparsity > n) throw new ArgumentError('options.sparsity', `an integer in 1..${n}`, o.sparsity);
    if (typeof o.stepSize !== 'number' || !Number.isFinite(o.stepSize) || !(o.stepSize > 0)) throw new ArgumentError('options.stepSize', 'a positive number', o.stepSize);
    if (typeof o.truncation !== 'number' || !Number.isFinite(o.truncation) || !(o.truncation >= 0)) throw new ArgumentError('options.truncation', 'a non-negative number', o.truncation);
    if (!Number.isSafeInteger(o.powerIters) || o.powerIters < 1) throw new ArgumentError('options.powerIters', 'a positive integer', o.powerIters);
    if (typeof o.initFraction !== 'number' || !(o.initFraction > 0 && o.initFraction <= 1)) throw new ArgumentError('options.initFraction', 'a number in (0, 1]', o.initFraction);
  },
  init({ problem, options, rng }) {
    const K = options.sparsity as number;
    const m = problem.A.outputDim;
    const { y0, sigma2 } = spartaInit(problem, K, rng, options.powerIters, options.initFraction);
    const y = options.init !== undefined ? options.init.slice() : y0;
    const z = problem.A.apply(y);
    let normB2 = 0;
    for (const v of problem.b) normB2 += v * v;
    return { K, y, z, f: amplitudeLoss(z, problem.b), step: sigma2 > 0 ? options.stepSize / (m * sigma2) : 0, normB2, kept: m };
  },
  step(s, { problem, options }) {
    const { A, b } = problem;
    const shrink = 1 / (1 + options.truncation);
    const r = new Float64Array(s.z.length);
    let kept = 0;
    for (let i = 0; i < r.length; i++) {
      const zi = s.z[i] as number, bi = b[i] as number;
      if (Math.abs(zi) > shrink * bi) {
        r[i] = zi - bi * sgn(zi);
        kept++;
      }
    }
    const g = A.adjoint(r);
    const next = new Float64Array(s.y.length);
    for (let j = 0; j < next.length; j++) next[j] = (s.y[j] as number) - s.step * (g[j] as number);
    hardThreshold(next, s.K);
    // an overflowed step: keep the last finite iterate and report the divergence
    if (!next.every(Number.isFinite)) return { objective: Number.NaN, change: Number.POSITIVE_INFINITY };
    let d = 0;
    for (let j = 0; j < next.length; j++) d += ((next[j] as number) - (s.y[j] as number)) ** 2;
    const ny = nrm2(s.y);
    s.y = next;
    s.z = A.apply(next);
    s.f = amplitudeLoss(s.z, b);
    s.kept = kept;
    return { objective: s.f, change: ny > 0 ? Math.sqrt(d) / ny : Math.sqrt(d), converged: 2 * s.f <= EXACT_FIT * s.normB2 };
  },
  current(s) {
    return { estimate: s.y.slice(), objective: s.f };
  },
  info(s) {
    return { sparsity: s.K, truncatedRowsKept: s.kept };
  },
});
