/**
 * The search directions of PhasePack's gradient-descent helper (`gradientDescentSolver.m`,
 * `determineSearchDirection`): steepest descent (its default), nonlinear conjugate gradients with
 * the Hestenes–Stiefel, Fletcher–Reeves, Polak–Ribière or Dai–Yuan β (reset every 100 iterations
 * and at each objective rebuild), and L-BFGS with 5 stored pairs (Nocedal's two-loop recursion,
 * memory cleared at each objective rebuild). Every direction is scaled to the gradient's norm, and
 * a non-finite one is replaced by −∇f, as PhasePack does.
 */
import { nrm2, type Vec } from '@dpr/linalg';

/** PhasePack's `searchMethod`. */
export type SearchMethod = 'steepestDescent' | 'ncg' | 'lbfgs';
/** PhasePack's `betaChoice` for NCG. */
export type BetaChoice = 'HS' | 'FR' | 'PR' | 'DY';

export const SEARCH_METHODS: readonly SearchMethod[] = ['steepestDescent', 'ncg', 'lbfgs'];
export const BETA_CHOICES: readonly BetaChoice[] = ['HS', 'FR', 'PR', 'DY'];

/** PhasePack's fixed helper defaults (not user options there either). */
const NCG_RESET_PERIOD = 100;
const STORED_VECTORS = 5;

/** Memory of a search method. */
export interface SearchMemory {
  method: SearchMethod;
  beta: BetaChoice;
  /** NCG: the last direction before scaling, and the iteration of the last reset. */
  unscaled: Vec;
  lastReset: number;
  /** L-BFGS pairs (s, y, ρ = 1/yᵀs), most recent first. */
  s: Vec[];
  y: Vec[];
  rho: number[];
}

export function searchMemory(method: SearchMethod, beta: BetaChoice, n: number): SearchMemory {
  return { method, beta, unscaled: new Float64Array(n), lastReset: 0, s: [], y: [], rho: [] };
}

const dot = (a: Vec, b: Vec): number => {
  let t = 0;
  for (let i = 0; i < a.length; i++) t += (a[i] as number) * (b[i] as number);
  return t;
};

/** At an objective rebuild: clear the L-BFGS pairs and restart NCG. */
export function resetSearch(mem: SearchMemory, iter: number): void {
  mem.s = [];
  mem.y = [];
  mem.rho = [];
  mem.lastReset = iter;
  mem.unscaled.fill(0);
}

/**
 * The direction at iteration `iter` into `out`, from the gradient g, the previous gradient's
 * change Δg = g − g_prev and the last step Δx (both unused right after a rebuild).
 */
export function searchDirection(mem: SearchMemory, iter: number, lastRebuild: number, g: Vec, gPrev: Vec, dg: Vec, dx: Vec, out: Vec): void {
  const n = g.length;
  for (let j = 0; j < n; j++) out[j] = -(g[j] as number);
  if (mem.method === 'ncg') {
    if (iter - mem.lastReset === NCG_RESET_PERIOD) {
      mem.unscaled.fill(0);
      mem.lastReset = iter;
    }
    if (iter !== mem.lastReset) {
      const u = mem.unscaled;
      const beta = mem.beta === 'HS' ? -dot(g, dg) / dot(u, dg)
        : mem.beta === 'FR' ? dot(g, g) / dot(gPrev, gPrev)
        : mem.beta === 'PR' ? dot(g, dg) / dot(gPrev, gPrev)
        : dot(g, g) / dot(u, dg);
      for (let j = 0; j < n; j++) out[j] = (out[j] as number) + beta * (u[j] as number);
    }
    mem.unscaled.set(out);
  } else if (mem.method === 'lbfgs' && iter !== lastRebuild) {
    // the pair of the last step, then the two-loop recursion over min(iter − rebuild, 5) pairs
    mem.s.unshift(Float64Array.from(dx));
    mem.y.unshift(Float64Array.from(dg));
    mem.rho.unshift(1 / dot(dg, dx));
    if (mem.s.length > STORED_VECTORS) (mem.s.pop(), mem.y.pop(), mem.rho.pop());
    const k = Math.min(iter - lastRebuild, mem.s.length);
    const alphas = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      alphas[i] = (mem.rho[i] as number) * dot(mem.s[i] as Vec, out);
      const yi = mem.y[i] as Vec;
      for (let j = 0; j < n; j++) out[j] = (out[j] as number) - (alphas[i] as number) * (yi[j] as number);
    }
    const gamma = dot(dg, dx) / dot(dg, dg);
    for (let j = 0; j < n; j++) out[j] = gamma * (out[j] as number);
    for (let i = k - 1; i >= 0; i--) {
      const beta = (mem.rho[i] as number) * dot(mem.y[i] as Vec, out);
      const si = mem.s[i] as Vec;
      for (let j = 0; j < n; j++) out[j] = (out[j] as number) + ((alphas[i] as number) - beta) * (si[j] as number);
    }
  }
  if (!out.every(Number.isFinite)) for (let j = 0; j < n; j++) out[j] = -(g[j] as number);
  const scale = nrm2(g) / nrm2(out);
  if (Number.isFinite(scale)) for (let j = 0; j < n; j++) out[j] = scale * (out[j] as number);
}
