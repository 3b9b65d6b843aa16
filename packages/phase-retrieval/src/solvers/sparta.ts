/**
 * SPARTA: sparse phase retrieval via truncated amplitude flow (Wang, Zhang, Giannakis, Akçakaya,
 * Chen, "Sparse Phase Retrieval via Truncated Amplitude Flow", IEEE TSP 66(2), 2018, Algorithm 1),
 * for a K-sparse y0 ∈ R^n (needsPrior: false).
 *
 * 1. Support estimate Ŝ: the K indices j with the largest marginals (1/m) Σ_i b_i² a_ij².
 * 2. Sparse orthogonality-promoting start: over Ī0, the ⌈m/6⌉ rows with the largest
 *    b_i/‖a_{i,Ŝ}‖, the leading eigenvector ṽ of (1/|Ī0|) Σ_{i∈Ī0} a_{i,Ŝ} a_{i,Ŝ}ᵀ/‖a_{i,Ŝ}‖²
 *    (power iterations), embedded in R^n on Ŝ and scaled by λ = sqrt(n Σ b_i² / Σ ‖a_i‖²)
 *    (= sqrt(Σ b_i²/m) for N(0,1) entries, unbiased for any entry variance).
 * 3. Truncated amplitude-flow steps with hard thresholding:
 *    y ← H_K( y − (μ / (m σ²)) Σ_{i∈T} (a_iᵀy − b_i sgn(a_iᵀy)) a_i ),
 *    T = { i : |a_iᵀy| ≥ b_i/(1+γ) }, γ = 0.7 and μ = 1 as in the authors' experiments.
 *    σ² = Σ_i ‖a_i‖²/(mn) is the mean squared entry of A: the paper's μ/m assumes N(0,1) entries,
 *    dividing by σ² makes the step the same for A with any entry variance (e.g. N(0, 1/m)).
 *
 * The objective reported is the amplitude loss ½‖|Ay| − b‖². The truth is never used.
 */
import { ArgumentError, nrm2, type Vec } from '@dpr/linalg';
import { amplitudeLoss, sgn } from '../objectives/amplitude.js';
import { operatorEntries, rowNorms2, signalNormEstimate } from '../initializers/operator-entries.js';
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
  /** γ: keep the rows with |a_iᵀy| ≥ b_i/(1+γ) (default 0.7). */
  truncation: number;
  /** Power iterations of the initialization (default 100). */
  powerIters: number;
  /** Fraction of rows in Ī0 (default 1/6). */
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
 * SPARTA's initialization (steps 1 and 2 above) from the entries of A.
 * @returns y_0 ∈ R^n, K-sparse, and σ² (mean squared entry of A).
 */
export function spartaInit(problem: Problem, K: number, rng: Rng, powerIters = DEFAULT_POWER_ITERS, fraction = 1 / 6): { y0: Vec; sigma2: number } {
  const { A, b } = problem;
  const m = A.outputDim, n = A.inputDim;
  const M = operatorEntries(A);
  // 1. support: marginals (1/m) Σ_i b_i² a_ij²
  const marg = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    const b2 = (b[i] as number) ** 2;
    for (let j = 0; j < n; j++) marg[j] = (marg[j] as number) + b2 * (M.data[i * n + j] as number) ** 2;
  }
  const S = largestIndices(marg, K);
  // 2. rows of A restricted to Ŝ, ranked by b_i/‖a_{i,Ŝ}‖
  const AS = new Float64Array(m * K);
  const rS2 = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let c = 0; c < K; c++) {
      const a = M.data[i * n + (S[c] as number)] as number;
      AS[i * K + c] = a;
      s += a * a;
    }
    rS2[i] = s;
  }
  const score = b.map((v, i) => ((rS2[i] as number) > 0 ? v / Math.sqrt(rS2[i] as number) : 0));
  const I0 = largestIndices(score, Math.ceil(fraction * m));
  const Y = (v: Vec): Vec => {
    const out = new Float64Array(K);
    for (const i of I0) {
      const r2 = rS2[i] as number;
      if (r2 === 0) continue;
      let t = 0;
      for (let c = 0; c < K; c++) t += (AS[i * K + c] as number) * (v[c] as number);
      t /= r2 * I0.length;
      for (let c = 0; c < K; c++) out[c] = (out[c] as number) + t * (AS[i * K + c] as number);
    }
    return out;
  };
  const { vector } = leadingEigenvector(Y, K, { rng, iters: powerIters });
  const r2 = rowNorms2(M);
  const lambda = signalNormEstimate(b, r2, n);
  const y0 = new Float64Array(n);
  for (let c = 0; c < K; c++) y0[S[c] as number] = lambda * (vector[c] as number);
  let total = 0;
  for (const v of r2) total += v;
  return { y0, sigma2: total / (m * n) };
}

export const sparta = defineSolver<SpartaOptions, SpartaState>({
  id: 'sparta',
  summary: 'SPARTA: sparse phase retrieval by truncated amplitude flow with hard thresholding (Wang et al., IEEE TSP 2018)',
  needsPrior: false,
  capabilities: { sparsity: true },
  defaults: { sparsity: undefined, stepSize: 1, truncation: 0.7, powerIters: DEFAULT_POWER_ITERS, initFraction: 1 / 6 },
  sharedDefaults: { maxIters: 1000, tol: 1e-10 },
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
      if (Math.abs(zi) >= shrink * bi) {
        r[i] = zi - bi * sgn(zi);
        kept++;
      }
    }
    const g = A.adjoint(r);
    const next = new Float64Array(s.y.length);
    for (let j = 0; j < next.length; j++) next[j] = (s.y[j] as number) - s.step * (g[j] as number);
    hardThreshold(next, s.K);
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
