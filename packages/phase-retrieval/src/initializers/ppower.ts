/**
 * PPower, the projected power method of Liu, Liu, Ghosh, Han, Scarlett, "Generative Principal
 * Component Analysis" (ICLR 2022), as a generative spectral initializer for DPR: power iterations
 * on the spectral matrix of phase retrieval
 *
 *   V = (1/m) Σ_i T(b_i²) a_i a_iᵀ,   T(y) = y · 1{y ≤ τ · mean(b²)}
 *
 * (the truncation of truncated Wirtinger flow, τ = 9 by default; τ = ∞ gives the plain spectral
 * matrix; E V ∝ ‖y0‖² I + c y0 y0ᵀ for Gaussian A, so its leading eigenvector is ±y0/‖y0‖), where
 * after each product the iterate is projected onto the range of G:
 *
 *   w_{t+1} = P_G(V w_t / ‖V w_t‖),   P_G(v) = G(argmin_x ‖G(x) − v‖),
 *
 * the projection computed by Adam on the latent code x, warm-started at the previous code (the
 * paper's "projection by gradient descent" variant). The latent code found is then scaled so that
 * ‖G(x)‖ = λ, the data's estimate of ‖y0‖ (sqrt(mean b²) for N(0, 1) entries; see
 * {@link signalNormEstimate}); for a G that is not positively homogeneous, λ w_T is projected once
 * more instead. DPR and DPR-Adam take the result through their `init` option.
 *
 * Complex measurements (A the real-signal view of a complex operator, 2m stacked rows): V is
 * (1/m) Σ T(b_i²) Re(a_i a_iᴴ), i.e. V w = Re(Aᴴ (T(b²) ⊙ A w)), and ‖a_i‖² sums both parts.
 */
import { ArgumentError, Rng, adamUpdate, nrm2, type Vec } from '@dpr/linalg';
import type { Generator } from '@dpr/generative-prior';
import type { Problem } from '../problem.js';
import { operatorRowNorms2, signalNormEstimate } from './operator-entries.js';

/** Options of {@link ppowerInit}. */
export interface PPowerOptions {
  /** Seed of the random starting code (default 0). */
  seed?: number;
  /** Power iterations T (default 30). */
  iterations?: number;
  /** Adam steps per projection (default 60; the first projection, from a random code, takes 4×). */
  projectionSteps?: number;
  /** Adam step size relative to rms(x) at the start of a projection (default 0.05). */
  learningRate?: number;
  /** Truncation τ of the spectral weights (default 9; Infinity for none). */
  truncation?: number;
  /** Stop when ‖w_{t+1} − w_t‖ ≤ tol (default 1e-6). */
  tol?: number;
  /** ‖a_i‖² of A (computed from the operator when absent; only for the norm estimate). */
  rowNorms2?: Vec;
}

/** What {@link ppowerInit} returns. */
export interface PPowerResult {
  /** The latent code to start DPR from (‖G(x)‖ ≈ λ). */
  latent: Vec;
  /** Power iterations run. */
  iterations: number;
  /** The Rayleigh quotient wᵀ V w of the final unit iterate. */
  eigenvalue: number;
  /** The norm estimate λ. */
  norm: number;
}

/** Adam on ½‖G(x) − v‖² from x (in place); returns the best code seen. */
function project(G: Generator, v: Vec, x: Vec, steps: number, relativeRate: number): Vec {
  const k = x.length;
  const m = new Float64Array(k), s = new Float64Array(k);
  let rms = Math.sqrt(x.reduce((a, t) => a + t * t, 0) / k);
  if (!(rms > 0)) rms = 1;
  const h = { learningRate: relativeRate * rms, beta1: 0.9, beta2: 0.999, epsilon: 1e-12 };
  let best = x.slice(), bestF = Number.POSITIVE_INFINITY;
  for (let t = 1; t <= steps; t++) {
    const lin = G.linearize(x);
    const r = new Float64Array(v.length);
    let f = 0;
    for (let i = 0; i < v.length; i++) {
      r[i] = (lin.value[i] as number) - (v[i] as number);
      f += (r[i] as number) ** 2;
    }
    if (f < bestF) {
      bestF = f;
      best = x.slice();
    }
    adamUpdate(x, lin.vjp(r), m, s, t, h);
  }
  const fx = G.forward(x).reduce((a, g, i) => a + (g - (v[i] as number)) ** 2, 0);
  return fx < bestF ? x : best;
}

/** G(x) normalised to unit norm, x rescaled alike when G is positively homogeneous. */
function unitImage(G: Generator, x: Vec): Vec {
  const g = G.forward(x);
  const ng = nrm2(g);
  if (!(ng > 0)) return g;
  if (G.positivelyHomogeneous) for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) / ng;
  return g.map((t) => t / ng);
}

/** PPower on `problem` (real A, prior G); see the module comment. */
export function ppowerInit(problem: Problem, options: PPowerOptions = {}): PPowerResult {
  const G = problem.prior;
  if (!G) throw new ArgumentError('problem.prior', 'a generator (PPower projects onto its range)');
  const T = options.iterations ?? 30, K = options.projectionSteps ?? 60, lr = options.learningRate ?? 0.05;
  const tau = options.truncation ?? 9, tol = options.tol ?? 1e-6;
  if (!Number.isSafeInteger(T) || T < 1) throw new ArgumentError('options.iterations', 'a positive integer', T);
  if (!Number.isSafeInteger(K) || K < 1) throw new ArgumentError('options.projectionSteps', 'a positive integer', K);
  if (!(lr > 0) || !Number.isFinite(lr)) throw new ArgumentError('options.learningRate', 'a positive number', lr);
  if (!(tau > 0)) throw new ArgumentError('options.truncation', 'a positive number (Infinity for none)', tau);
  const { A, b } = problem;
  const m = b.length, n = A.inputDim;
  const parts = A.outputDim / m; // 2 for stacked complex measurements [Re; Im]
  // the spectral weights T(b_i²)
  let mean = 0;
  for (const v of b) mean += v * v;
  mean /= m;
  const weights = b.map((v) => (v * v <= tau * mean ? v * v : 0));
  const applyV = (w: Vec): Vec => {
    const z = A.apply(w);
    for (let i = 0; i < z.length; i++) z[i] = ((z[i] as number) * (weights[i % m] as number)) / m;
    return A.adjoint(z);
  };
  const x = new Rng(options.seed ?? 0).gaussianVec(G.latentDim);
  let w = unitImage(G, x);
  let iterations = 0;
  for (let t = 1; t <= T; t++) {
    iterations = t;
    const u = applyV(w);
    const nu = nrm2(u);
    if (!(nu > 0)) break;
    const v = u.map((s) => s / nu);
    x.set(project(G, v, x, t === 1 ? 4 * K : K, lr));
    const next = unitImage(G, x);
    let d = 0;
    for (let i = 0; i < n; i++) d += ((next[i] as number) - (w[i] as number)) ** 2;
    w = next;
    if (Math.sqrt(d) <= tol) break;
  }
  const Vw = applyV(w);
  let eigenvalue = 0;
  for (let i = 0; i < n; i++) eigenvalue += (w[i] as number) * (Vw[i] as number);
  let rows = options.rowNorms2 ?? operatorRowNorms2(A);
  if (parts === 2 && rows.length === 2 * m) rows = rows.subarray(0, m).map((v, i) => v + (rows[m + i] as number));
  const norm = signalNormEstimate(b, rows, n);
  let latent: Vec;
  if (G.positivelyHomogeneous) latent = x.map((t) => t * norm);
  else latent = project(G, w.map((t) => t * norm), x.slice(), 4 * K, lr);
  if (latent.every((t) => t === 0)) throw new ArgumentError('problem', 'data from which PPower finds a non-zero code (all spectral weights were zero)');
  return { latent, iterations, eigenvalue, norm };
}
