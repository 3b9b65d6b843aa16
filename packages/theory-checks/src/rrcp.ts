/**
 * The Range Restricted Concentration Property: A ∈ R^{m×n} satisfies the RRCP with constant ε when,
 * for all non-zero x, y and all x₁…x₄ in R^k, with z = G(x), w = G(y), u = G(x₁) − G(x₂),
 * v = G(x₃) − G(x₄):
 *
 *     |⟨(A_zᵀ A_w − Φ_{z,w}) u, v⟩| ≤ 31 ε ‖u‖ ‖v‖.
 *
 * This module estimates the range-restricted quantity
 * R(A, G) = sup |⟨(A_zᵀA_w − Φ_{z,w}) u, v⟩| / (‖u‖‖v‖) (so ε ≥ R/31) from below: for random pairs
 * (x, y) it scores every pair of differences of a pool of generator outputs (plus 0, G(x), G(y) and
 * nearby points, whose differences approximate the tangent directions J δ), then hill-climbs the
 * worst 6-tuple (x, y, x₁, x₂, x₃, x₄). Next to it, the full-matrix proxy ‖A_zᵀA_w − Φ_{z,w}‖₂ at the
 * worst pair (Lanczos on u ↦ Aᵀ(s ⊙ Au) − Φu, never forming n × n) shows what restricting to the
 * range buys: when m < n it is ≥ ‖Φ‖ on the null space of A, whatever m.
 * @see PAPER.md, "Range Restricted Concentration Property (RRCP)"; the paper, Section 3 and
 * Proposition 2 (Gaussian A satisfies the RRCP when m ≳ k d log(n₁⋯n_d)).
 */
import { ArgumentError, Rng, ShapeError, applyBatch, mat, type LinearOperator, type Mat, type Vec } from '@dpr/linalg';
import type { Generator } from '@dpr/generative-prior';
import { applyPhi, pairGeometry, phiCoefficients, type PairGeometry } from './matrices.js';
import { symmetricSpectralNorm } from './symmetric-norm.js';
import { checkNonNegativeInt, checkPositiveInt, checkVec, dotv, norm } from './vectors.js';
import { checkRescaleMode, meanSquare, scaleReport, type RescaleMode, type ScaleReport } from './weight-scale.js';

/** The constant in the RRCP's right-hand side: ε = R / 31. */
export const RRCP_CONSTANT = 31;

/** Options of {@link rrcp}. */
export interface RrcpOptions {
  /** Seed of the pool, the pairs and the search (default 0). */
  seed?: number;
  /** Random pairs (x, y), each scored against every pair of pool differences (default 40). */
  pairs?: number;
  /** Random latent points of the pool (default 16; 0 is always added). */
  pool?: number;
  /** Hill-climbing evaluations of the worst 6-tuples (default 200). */
  search?: number;
  /** Bring A to the N(0, 1/m) entry variance the RRCP assumes (default `auto`). */
  rescale?: RescaleMode;
  /** Also compute ‖A_zᵀA_w − Φ_{z,w}‖₂ at the worst pair (default true). */
  fullMatrix?: boolean;
  /** Lanczos steps of the full-matrix proxy (default min(n, 80)). */
  lanczosSteps?: number;
}

/** Result of {@link rrcp}. */
export interface RrcpResult {
  /** R: the largest |⟨(A_zᵀA_w − Φ_{z,w})u, v⟩|/(‖u‖‖v‖) found (attained at `worst`). */
  value: number;
  /** R / 31: the RRCP constant ε this A certifies at best (a lower bound on the smallest valid ε). */
  epsilon: number;
  /** The 6-tuple attaining `value`: z = G(x), w = G(y), u = G(x1) − G(x2), v = G(x3) − G(x4). */
  worst: { x: Vec; y: Vec; x1: Vec; x2: Vec; x3: Vec; x4: Vec };
  method: 'random' | 'search';
  /** Number of (x, y) configurations scored. */
  evaluations: number;
  /** ‖A_zᵀA_w − Φ_{z,w}‖₂ at the worst (x, y), when asked (Lanczos steps used). */
  fullMatrix?: { value: number; steps: number };
  m: number;
  n: number;
  k: number;
  /** sqrt(k/m), the scale a Gaussian A concentrates at over a k-dimensional set, for comparison. */
  reference: number;
  /** Empirical vs assumed N(0, 1/m) entry variance and the rescaling applied. */
  scale: ScaleReport;
  note?: string;
}

function checkOperator(A: unknown): asserts A is LinearOperator {
  const a = A as LinearOperator;
  if (typeof a !== 'object' || a === null || typeof a.apply !== 'function' || typeof a.adjoint !== 'function') {
    throw new ArgumentError('A', 'a LinearOperator', A);
  }
}

function checkGenerator(G: unknown, n: number): asserts G is Generator {
  const g = G as Generator;
  if (typeof g !== 'object' || g === null || typeof g.forwardBatch !== 'function') throw new ArgumentError('G', 'a Generator', G);
  if (g.outputDim !== n) throw new ShapeError('G', `output dimension n = ${n} (columns of A)`, g.outputDim);
}

/** ‖A‖_F² / (m n): exact for a dense operator, else a 32-probe Hutchinson estimate. */
function entryVariance(A: LinearOperator, seed: number): number {
  const dense = (A as { matrix?: { toFloat64Array?: () => Float64Array } }).matrix;
  if (dense && typeof dense.toFloat64Array === 'function') return meanSquare(dense.toFloat64Array());
  const probes = 32;
  const X = mat(A.inputDim, probes, new Rng(seed).gaussianVec(A.inputDim * probes));
  const Y = applyBatch(A, X);
  let s = 0;
  for (const v of Y.data) s += v * v;
  return s / probes / (A.inputDim * A.outputDim);
}

function columns(M: Mat): Vec[] {
  const out: Vec[] = [];
  for (let c = 0; c < M.cols; c++) {
    const v = new Float64Array(M.rows);
    for (let i = 0; i < M.rows; i++) v[i] = M.data[i * M.cols + c] as number;
    out.push(v);
  }
  return out;
}

function toMat(cols: readonly Vec[], rows: number): Mat {
  const M = mat(rows, cols.length);
  cols.forEach((v, c) => {
    for (let i = 0; i < rows; i++) M.data[i * cols.length + c] = v[i] as number;
  });
  return M;
}

/** ⟨(c² A_zᵀA_w − Φ) a, b⟩ for columns a, b of a batch given as AV (m × p) and V (n × p) columns. */
class PairForm {
  readonly s: Int8Array;
  readonly g: PairGeometry;
  constructor(Az: Vec, Aw: Vec, z: Vec, w: Vec) {
    this.s = new Int8Array(Az.length);
    for (let j = 0; j < Az.length; j++) this.s[j] = Math.sign(Az[j] as number) * Math.sign(Aw[j] as number);
    this.g = pairGeometry(z, w);
  }

  /** The p × p matrix C = c² (AV)ᵀ diag(s) (AV) − Vᵀ Φ V, with AV columns `av` and V columns `v`. */
  gram(av: readonly Vec[], v: readonly Vec[], c2: number): Float64Array {
    const p = av.length, m = this.s.length;
    const C = new Float64Array(p * p);
    const { identity, swap } = phiCoefficients(this.g.theta);
    const e2 = this.g.e2;
    const p1 = v.map((x) => dotv(this.g.e1, x));
    const p2 = e2 ? v.map((x) => dotv(e2, x)) : null;
    const sav = av.map((col) => col.map((t, j) => t * (this.s[j] as number)));
    for (let a = 0; a < p; a++) {
      for (let b = a; b < p; b++) {
        const x = sav[a]!, y = av[b]!;
        let t = 0;
        for (let j = 0; j < m; j++) t += (x[j] as number) * (y[j] as number);
        let phi = identity * dotv(v[a]!, v[b]!);
        const pa = p1[a]!, pb = p1[b]!;
        let mab = this.g.cos * pa * pb;
        if (p2) mab += -this.g.cos * p2[a]! * p2[b]! + this.g.sin * (pa * p2[b]! + p2[a]! * pb);
        phi += (e2 ? swap : 0) * mab;
        const val = c2 * t - phi;
        C[a * p + b] = val;
        C[b * p + a] = val;
      }
    }
    return C;
  }
}

/** Best |⟨C(e_a − e_b), e_c − e_d⟩| / sqrt(N_ab N_cd) over all pairs of differences of p points. */
function bestQuadruple(C: Float64Array, K: Float64Array, p: number): { value: number; a: number; b: number; c: number; d: number } {
  const diffs: Array<[number, number, number]> = [];
  for (let a = 0; a < p; a++) {
    for (let b = a + 1; b < p; b++) {
      const nab = (K[a * p + a] as number) - 2 * (K[a * p + b] as number) + (K[b * p + b] as number);
      if (nab > 1e-24 * Math.max(K[a * p + a] as number, K[b * p + b] as number, 1e-300)) diffs.push([a, b, Math.sqrt(nab)]);
    }
  }
  let best = { value: -1, a: 0, b: 1, c: 0, d: 1 };
  for (let i = 0; i < diffs.length; i++) {
    const [a, b, na] = diffs[i]!;
    for (let j = i; j < diffs.length; j++) {
      const [c, d, nc] = diffs[j]!;
      const num = (C[a * p + c] as number) - (C[a * p + d] as number) - (C[b * p + c] as number) + (C[b * p + d] as number);
      const v = Math.abs(num) / (na * nc);
      if (v > best.value) best = { value: v, a, b, c, d };
    }
  }
  return best;
}

interface Context {
  A: LinearOperator;
  G: Generator;
  c2: number;
  m: number;
  n: number;
  k: number;
}

/** The ratio for one 6-tuple (latent vectors), using the scale factor c² on A_zᵀA_w. */
function tupleRatio(ctx: Context, t: { x: Vec; y: Vec; x1: Vec; x2: Vec; x3: Vec; x4: Vec }): number {
  const V = ctx.G.forwardBatch(toMat([t.x, t.y, t.x1, t.x2, t.x3, t.x4], ctx.k));
  const v = columns(V);
  if (norm(v[0]!) === 0 || norm(v[1]!) === 0) return -1;
  const av = columns(applyBatch(ctx.A, V));
  const form = new PairForm(av[0]!, av[1]!, v[0]!, v[1]!);
  const C = form.gram(av.slice(2), v.slice(2), ctx.c2);
  const K = new Float64Array(16);
  for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) K[a * 4 + b] = dotv(v[2 + a]!, v[2 + b]!);
  const n12 = K[0]! - 2 * K[1]! + K[5]!, n34 = K[10]! - 2 * K[11]! + K[15]!;
  if (!(n12 > 0) || !(n34 > 0)) return -1;
  const num = C[0 * 4 + 2]! - C[0 * 4 + 3]! - C[1 * 4 + 2]! + C[1 * 4 + 3]!;
  return Math.abs(num) / Math.sqrt(n12 * n34);
}

/**
 * ‖A_zᵀ A_w − Φ_{z,w}‖₂ for signals z, w ∈ R^n (A used as given), by Lanczos on the symmetric
 * operator u ↦ Aᵀ(sgn(Az) ⊙ sgn(Aw) ⊙ Au) − Φ_{z,w} u: 2 products with A per step, no n × n matrix.
 * @see PAPER.md, "Range Restricted Concentration Property (RRCP)".
 */
export function phiDeviationNorm(A: LinearOperator, z: Vec, w: Vec, options: { steps?: number; seed?: number; scale?: number } = {}): { value: number; steps: number } {
  checkOperator(A);
  checkVec('z', z, A.inputDim);
  checkVec('w', w, A.inputDim);
  const form = new PairForm(A.apply(z), A.apply(w), z, w);
  const c2 = (options.scale ?? 1) ** 2;
  const t = new Float64Array(A.outputDim), phi = new Float64Array(A.inputDim);
  const r = symmetricSpectralNorm((u, out) => {
    A.apply(u, t);
    for (let j = 0; j < t.length; j++) t[j] = (t[j] as number) * (form.s[j] as number);
    A.adjoint(t, out);
    applyPhi(form.g, u, phi);
    for (let i = 0; i < out.length; i++) out[i] = c2 * (out[i] as number) - (phi[i] as number);
  }, A.inputDim, { steps: options.steps ?? Math.min(A.inputDim, 80), seed: options.seed ?? 0 });
  return { value: r.value, steps: r.steps };
}

/**
 * |⟨(A_zᵀA_w − Φ_{z,w})(G(x1) − G(x2)), G(x3) − G(x4)⟩| / (‖G(x1) − G(x2)‖ ‖G(x3) − G(x4)‖) for one
 * 6-tuple, z = G(x), w = G(y), A used as given. NaN when a difference or z, w is zero.
 * @see PAPER.md, "Range Restricted Concentration Property (RRCP)".
 */
export function rrcpRatio(A: LinearOperator, G: Generator, t: { x: Vec; y: Vec; x1: Vec; x2: Vec; x3: Vec; x4: Vec }): number {
  checkOperator(A);
  checkGenerator(G, A.inputDim);
  const k = G.latentDim;
  for (const key of ['x', 'y', 'x1', 'x2', 'x3', 'x4'] as const) checkVec(key, t[key], k);
  const r = tupleRatio({ A, G, c2: 1, m: A.outputDim, n: A.inputDim, k }, t);
  return r < 0 ? Number.NaN : r;
}

/**
 * Estimate the RRCP quantity R(A, G) (and ε ≥ R/31) for A ∈ R^{m×n} and a generator G: R^k → R^n,
 * by scoring random pairs (x, y) against all differences of a pool of generator outputs, then
 * hill-climbing the worst 6-tuple; plus the full-matrix proxy ‖A_zᵀA_w − Φ_{z,w}‖₂ at the worst pair.
 * A is first brought to the N(0, 1/m) entry variance the RRCP assumes when it is far from it.
 * @see PAPER.md, "Range Restricted Concentration Property (RRCP)".
 * @example
 * ```ts
 * const G = ReluNetwork.random({ dims: [5, 50, 100], seed: 1, scale: 'fan-in' });
 * const A = gaussianMeasurements({ m: 400, n: 100, seed: 2, scale: 'inverse-m' });
 * const r = rrcp(A, G, { seed: 3 });
 * r.value; // the range-restricted deviation, well below r.fullMatrix.value
 * ```
 */
export function rrcp(A: LinearOperator, G: Generator, options: RrcpOptions = {}): RrcpResult {
  checkOperator(A);
  checkGenerator(G, A.inputDim);
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed)) throw new ArgumentError('seed', 'a safe integer', seed);
  const pairs = options.pairs ?? 40, poolSize = options.pool ?? 16, search = options.search ?? 200;
  checkPositiveInt('pairs', pairs);
  checkNonNegativeInt('pool', poolSize);
  checkNonNegativeInt('search', search);
  const m = A.outputDim, n = A.inputDim, k = G.latentDim;
  const scale = scaleReport('A', entryVariance(A, seed), 1 / m, checkRescaleMode(options.rescale));
  const ctx: Context = { A, G, c2: scale.factor ** 2, m, n, k };
  const rng = new Rng(seed);

  // the pool: 0 and random latent points with spread-out norms
  const poolX: Vec[] = [new Float64Array(k)];
  for (let i = 0; i < poolSize; i++) {
    const r = Math.exp(0.5 * rng.gaussian());
    poolX.push(rng.gaussianVec(k).map((v) => (v * r) / Math.sqrt(k)));
  }
  const poolV = columns(G.forwardBatch(toMat(poolX, k)));
  const poolAV = columns(applyBatch(A, toMat(poolV, n)));

  let best = { value: -1, tuple: null as null | RrcpResult['worst'], method: 'random' as 'random' | 'search' };
  let evaluations = 0;
  const scored: Array<{ value: number; tuple: RrcpResult['worst'] }> = [];
  for (let it = 0; it < pairs; it++) {
    const x = rng.gaussianVec(k), y = rng.gaussianVec(k);
    const ex = [x, y, x.map((v) => v + 0.05 * rng.gaussian() * (norm(x) / Math.sqrt(k))), y.map((v) => v + 0.05 * rng.gaussian() * (norm(y) / Math.sqrt(k)))];
    const eV = columns(G.forwardBatch(toMat(ex, k)));
    if (norm(eV[0]!) === 0 || norm(eV[1]!) === 0) continue;
    const eAV = columns(applyBatch(A, toMat(eV, n)));
    const form = new PairForm(eAV[0]!, eAV[1]!, eV[0]!, eV[1]!);
    const allX = [...poolX, ...ex], allV = [...poolV, ...eV], allAV = [...poolAV, ...eAV];
    const p = allV.length;
    const C = form.gram(allAV, allV, ctx.c2);
    const K = new Float64Array(p * p);
    for (let a = 0; a < p; a++) for (let b = a; b < p; b++) K[a * p + b] = K[b * p + a] = dotv(allV[a]!, allV[b]!);
    const q = bestQuadruple(C, K, p);
    evaluations++;
    const tuple = { x, y, x1: allX[q.a]!, x2: allX[q.b]!, x3: allX[q.c]!, x4: allX[q.d]! };
    scored.push({ value: q.value, tuple });
    if (q.value > best.value) best = { value: q.value, tuple, method: 'random' };
  }
  if (best.tuple === null) throw new ArgumentError('G', 'a generator with G(x) ≠ 0 for random x');

  // hill-climb the worst tuples
  scored.sort((a, b) => b.value - a.value);
  const starts = scored.slice(0, Math.min(4, scored.length));
  const keys = ['x', 'y', 'x1', 'x2', 'x3', 'x4'] as const;
  const typical = 1; // scale of a step away from the zero point: pool points have norm ≈ 1
  for (let si = 0; si < starts.length && search > 0; si++) {
    let cur = { value: starts[si]!.value, tuple: starts[si]!.tuple };
    let sigma = 0.3;
    const budget = Math.floor(search / starts.length) + (si === starts.length - 1 ? search % starts.length : 0);
    for (let it = 0; it < budget; it++) {
      const next = { ...cur.tuple };
      const which = rng.int(keys.length + 1);
      const moved = which === keys.length ? keys : [keys[which]!];
      for (const key of moved) {
        const v = next[key];
        const r = norm(v) > 0 ? norm(v) : typical;
        next[key] = v.map((t) => t + (sigma * r * rng.gaussian()) / Math.sqrt(k));
      }
      const value = tupleRatio(ctx, next);
      evaluations++;
      if (value > cur.value) {
        cur = { value, tuple: next };
        sigma = Math.min(1, sigma * 1.5);
      } else sigma = Math.max(1e-3, sigma * 0.85);
    }
    if (cur.value > best.value) best = { value: cur.value, tuple: cur.tuple, method: 'search' };
  }

  const worst = best.tuple!;
  const result: RrcpResult = {
    value: best.value,
    epsilon: best.value / RRCP_CONSTANT,
    worst,
    method: best.method,
    evaluations,
    m,
    n,
    k,
    reference: Math.sqrt(k / m),
    scale,
    ...(scale.note ? { note: scale.note } : {}),
  };
  if (options.fullMatrix ?? true) {
    const z = G.forward(worst.x), w = G.forward(worst.y);
    result.fullMatrix = phiDeviationNorm(A, z, w, { steps: options.lanczosSteps ?? Math.min(n, 80), scale: scale.factor });
  }
  return result;
}
