/**
 * The Weight Distribution Condition: W ∈ R^{n×k} satisfies the WDC with constant ε when
 * ‖W_{+,x}ᵀ W_{+,y} − Q_{x,y}‖₂ ≤ ε for all non-zero x, y ∈ R^k. This module estimates the smallest
 * such ε, ε(W) = sup_{x,y≠0} ‖W_{+,x}ᵀ W_{+,y} − Q_{x,y}‖₂, from below: random pairs, aligned
 * (y = x), antipodal (y = −x) and nearly (anti-)aligned seeds, then a hill-climb from the worst
 * candidates toward a worse pair. Every reported value is attained by the returned pair, so it is a
 * certified lower bound on ε(W); the search makes it a good estimate of the supremum.
 * @see PAPER.md, "Weight Distribution Condition (WDC)"; the paper, Section 3 and Lemma 1 (Gaussian W
 * satisfies the WDC with ε ~ sqrt(k log n / n) with high probability).
 */
import type { LayeredGenerator } from './layered-generator.js';
import { ArgumentError, Rng, ShapeError, deriveSeed, type Vec } from '@dpr/linalg';
import { applyQ, pairGeometry } from './matrices.js';
import { symmetricSpectralNorm } from './symmetric-norm.js';
import { checkNonNegativeInt, checkNonZero, checkPositiveInt, dotv, norm } from './vectors.js';
import { checkRescaleMode, meanSquare, scaleReport, type RescaleMode, type ScaleReport } from './weight-scale.js';

/** Options of {@link wdc}. */
export interface WdcOptions {
  /** Seed of the random pairs and of the search (default 0). */
  seed?: number;
  /** Random pairs (x, y) with x, y iid N(0, I_k) (default 200). */
  pairs?: number;
  /** Aligned (y = x), antipodal (y = −x) and nearly (anti-)aligned seeds, each (default 16). */
  alignedSeeds?: number;
  /** Hill-climbing evaluations after the seeds (default 400). */
  search?: number;
  /** How many of the worst seeds the search climbs from (default 4). */
  starts?: number;
  /** Rescale W to the N(0, 1/n) entry variance the theorem assumes (default `auto`). */
  rescale?: RescaleMode;
  /** Lanczos steps for the spectral norm when k > 64 (default min(k, 80)); k ≤ 64 is exact. */
  lanczosSteps?: number;
}

/** Where the worst pair was found. */
export type WdcMethod = 'random' | 'aligned' | 'antipodal' | 'near-aligned' | 'near-antipodal' | 'search';

/** Result of {@link wdc}. */
export interface WdcResult {
  /** The estimate of ε(W): ‖W_{+,x}ᵀW_{+,y} − Q_{x,y}‖₂ at `worstPair` (a lower bound on the sup). */
  value: number;
  /** The worst pair found, with its angle θ ∈ [0, π]. */
  worstPair: { x: Vec; y: Vec; theta: number };
  method: WdcMethod;
  /** Number of pairs whose deviation was computed. */
  evaluations: number;
  n: number;
  k: number;
  /** sqrt(k/n): the scale Gaussian W concentrates at, for comparison. */
  reference: number;
  /** Empirical vs assumed N(0, 1/n) entry variance, and the rescaling applied. */
  scale: ScaleReport;
  /** Set when W was rescaled (see `scale`). */
  note?: string;
}

/**
 * Evaluates D(x, y) = ‖W_{+,x}ᵀ W_{+,y} − Q_{x,y}‖₂ for one matrix W (already scaled).
 * W_{+,x}ᵀW_{+,y} = Σ_{i: w_i·x>0, w_i·y>0} w_i w_iᵀ is symmetric, so the norm is max |λ|.
 */
export class WdcEvaluator {
  private readonly px: Float64Array;
  private readonly py: Float64Array;
  private readonly rows: Int32Array;
  /** Pairs evaluated so far. */
  evaluations = 0;

  /**
   * @param W row-major n × k, entries as they should be judged (no rescaling happens here).
   * @param lanczosSteps steps for k > 64 (exact dense path otherwise).
   */
  constructor(
    readonly W: Float64Array,
    readonly n: number,
    readonly k: number,
    private readonly lanczosSteps = Math.min(k, 80),
  ) {
    this.px = new Float64Array(n);
    this.py = new Float64Array(n);
    this.rows = new Int32Array(n);
  }

  /** ‖W_{+,x}ᵀ W_{+,y} − Q_{x,y}‖₂ for non-zero x, y ∈ R^k. */
  deviation(x: Vec, y: Vec): number {
    const { W, n, k, px, py, rows } = this;
    const g = pairGeometry(x, y);
    for (let i = 0; i < n; i++) {
      let a = 0, b = 0;
      const o = i * k;
      for (let j = 0; j < k; j++) {
        const w = W[o + j] as number;
        a += w * (x[j] as number);
        b += w * (y[j] as number);
      }
      px[i] = a;
      py[i] = b;
    }
    let s = 0;
    for (let i = 0; i < n; i++) if ((px[i] as number) > 0 && (py[i] as number) > 0) rows[s++] = i;
    this.evaluations++;
    if (k <= 64) {
      // dense B = Σ_S w_i w_iᵀ − Q, then exact Lanczos (k steps)
      const B = new Float64Array(k * k);
      for (let r = 0; r < s; r++) {
        const o = (rows[r] as number) * k;
        for (let a = 0; a < k; a++) {
          const wa = W[o + a] as number;
          if (wa === 0) continue;
          for (let b = a; b < k; b++) B[a * k + b] = (B[a * k + b] as number) + wa * (W[o + b] as number);
        }
      }
      const col = new Float64Array(k), qcol = new Float64Array(k);
      for (let b = 0; b < k; b++) {
        col.fill(0);
        col[b] = 1;
        applyQ(g, col, qcol);
        for (let a = 0; a <= b; a++) {
          const v = (B[a * k + b] as number) - (qcol[a] as number);
          B[a * k + b] = v;
          B[b * k + a] = v;
        }
      }
      return symmetricSpectralNorm((u, out) => {
        for (let a = 0; a < k; a++) {
          let t = 0;
          for (let b = 0; b < k; b++) t += (B[a * k + b] as number) * (u[b] as number);
          out[a] = t;
        }
      }, k, { steps: k }).value;
    }
    const t = new Float64Array(s), qu = new Float64Array(k);
    return symmetricSpectralNorm((u, out) => {
      for (let r = 0; r < s; r++) {
        const o = (rows[r] as number) * k;
        let v = 0;
        for (let j = 0; j < k; j++) v += (W[o + j] as number) * (u[j] as number);
        t[r] = v;
      }
      applyQ(g, u, qu);
      for (let j = 0; j < k; j++) out[j] = -(qu[j] as number);
      for (let r = 0; r < s; r++) {
        const o = (rows[r] as number) * k, v = t[r] as number;
        for (let j = 0; j < k; j++) out[j] = (out[j] as number) + v * (W[o + j] as number);
      }
    }, k, { steps: this.lanczosSteps }).value;
  }
}

interface Candidate {
  x: Vec;
  y: Vec;
  value: number;
  method: WdcMethod;
}

function perturb(rng: Rng, x: Vec, sigma: number): Vec {
  const s = (sigma * norm(x)) / Math.sqrt(x.length);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = (x[i] as number) + s * rng.gaussian();
  return out;
}

/**
 * Seeds + hill-climbing maximisation of `objective(x, y)` over pairs of non-zero vectors of R^k;
 * shared by the WDC and the RRCP searches.
 * @internal
 */
export function searchPairs(
  k: number,
  objective: (x: Vec, y: Vec) => number,
  options: { seed: number; pairs: number; alignedSeeds: number; search: number; starts: number },
): Candidate {
  const rng = new Rng(options.seed);
  const cands: Candidate[] = [];
  const add = (x: Vec, y: Vec, method: WdcMethod) => {
    if (x.every((v) => v === 0) || y.every((v) => v === 0)) return;
    cands.push({ x, y, value: objective(x, y), method });
  };
  for (let i = 0; i < options.alignedSeeds; i++) {
    const x = rng.gaussianVec(k);
    add(x, x.slice(), 'aligned');
    add(x, x.map((v) => -v), 'antipodal');
    const near = perturb(rng, x, 0.05);
    add(x, near, 'near-aligned');
    add(x, near.map((v) => -v), 'near-antipodal');
  }
  for (let i = 0; i < options.pairs; i++) add(rng.gaussianVec(k), rng.gaussianVec(k), 'random');
  if (cands.length === 0) throw new ArgumentError('options', 'at least one random pair or aligned seed');
  cands.sort((a, b) => b.value - a.value);
  let best = cands[0]!;
  const starts = cands.slice(0, Math.max(1, Math.min(options.starts, cands.length)));
  const perStart = Math.floor(options.search / starts.length);
  for (let si = 0; si < starts.length; si++) {
    let cur = starts[si]!;
    let sigma = 0.3;
    const budget = si === starts.length - 1 ? options.search - perStart * (starts.length - 1) : perStart;
    for (let it = 0; it < budget; it++) {
      const move = rng.int(4);
      let x = cur.x, y = cur.y;
      if (move === 0) x = perturb(rng, x, sigma);
      else if (move === 1) y = perturb(rng, y, sigma);
      else if (move === 2) {
        x = perturb(rng, x, sigma);
        y = perturb(rng, y, sigma);
      } else {
        // common move: the same relative step for both, keeping the pair's geometry (e.g. y = ±x)
        const sign = dotv(x, y) >= 0 ? 1 : -1;
        const sx = norm(x), sy = norm(y);
        const step = sigma / Math.sqrt(k);
        const nx = new Float64Array(k), ny = new Float64Array(k);
        for (let i = 0; i < k; i++) {
          const d = step * rng.gaussian();
          nx[i] = (x[i] as number) + sx * d;
          ny[i] = (y[i] as number) + sign * sy * d;
        }
        x = nx;
        y = ny;
      }
      if (x.every((v) => v === 0) || y.every((v) => v === 0)) continue;
      const value = objective(x, y);
      if (value > cur.value) {
        cur = { x, y, value, method: 'search' };
        sigma = Math.min(1, sigma * 1.5);
      } else sigma = Math.max(1e-3, sigma * 0.85);
    }
    if (cur.value > best.value) best = cur;
  }
  return best;
}

/**
 * Estimate the WDC constant ε of W ∈ R^{n×k} (row-major): sup over non-zero x, y of
 * ‖W_{+,x}ᵀ W_{+,y} − Q_{x,y}‖₂, by random pairs, (near-)aligned and (near-)antipodal seeds and a
 * hill-climbing search. W is first brought to the N(0, 1/n) entry variance the WDC assumes when it
 * is far from it (see `rescale` and the `note`).
 * @see PAPER.md, "Weight Distribution Condition (WDC)".
 * @example
 * ```ts
 * const W = new Rng(1).gaussianVec(1000 * 10, 1 / Math.sqrt(1000));
 * const r = wdc(W, 1000, 10, { seed: 1 });
 * r.value; // about 0.1 ≈ sqrt(k/n) times a small constant
 * ```
 */
export function wdc(W: ArrayLike<number>, n: number, k: number, options: WdcOptions = {}): WdcResult {
  checkPositiveInt('n', n);
  checkPositiveInt('k', k);
  if (W === null || typeof W !== 'object' || typeof (W as ArrayLike<number>).length !== 'number') throw new ArgumentError('W', 'a row-major array of n·k numbers', W);
  if (W.length !== n * k) throw new ShapeError('W', `length n·k = ${n * k}`, W.length);
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed)) throw new ArgumentError('seed', 'a safe integer', seed);
  const pairs = options.pairs ?? 200;
  const alignedSeeds = options.alignedSeeds ?? 16;
  const search = options.search ?? 400;
  const starts = options.starts ?? 4;
  checkNonNegativeInt('pairs', pairs);
  checkNonNegativeInt('alignedSeeds', alignedSeeds);
  checkNonNegativeInt('search', search);
  checkPositiveInt('starts', starts);
  const data = Float64Array.from(W);
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i] as number)) throw new ArgumentError(`W[${i}]`, 'a finite number', data[i]);
  const scale = scaleReport('W', meanSquare(data), 1 / n, checkRescaleMode(options.rescale));
  if (scale.factor !== 1) for (let i = 0; i < data.length; i++) data[i] = (data[i] as number) * scale.factor;
  const ev = new WdcEvaluator(data, n, k, options.lanczosSteps ?? Math.min(k, 80));
  const best = searchPairs(k, (x, y) => ev.deviation(x, y), { seed, pairs, alignedSeeds, search, starts });
  return {
    value: best.value,
    worstPair: { x: best.x, y: best.y, theta: pairGeometry(best.x, best.y).theta },
    method: best.method,
    evaluations: ev.evaluations,
    n,
    k,
    reference: Math.sqrt(k / n),
    scale,
    ...(scale.note ? { note: scale.note } : {}),
  };
}

/**
 * ‖W_{+,x}ᵀ W_{+,y} − Q_{x,y}‖₂ for one pair (W row-major n × k, used as given: no rescaling).
 * @see PAPER.md, "Weight Distribution Condition (WDC)".
 */
export function wdcDeviation(W: ArrayLike<number>, n: number, k: number, x: Vec, y: Vec): number {
  checkPositiveInt('n', n);
  checkPositiveInt('k', k);
  if (W.length !== n * k) throw new ShapeError('W', `length n·k = ${n * k}`, W.length);
  checkNonZero('x', x, k);
  checkNonZero('y', y, k);
  return new WdcEvaluator(Float64Array.from(W), n, k).deviation(x, y);
}

/** Result of {@link wdcNetwork}: one {@link WdcResult} per layer, W_i judged with its own n_i. */
export interface WdcNetworkResult {
  layers: Array<WdcResult & { layer: number }>;
  /** max_i ε_i: the constant of Theorem 3 (every layer must satisfy the WDC with it). */
  value: number;
  /** Notes of rescaled layers. */
  notes: string[];
}

/**
 * WDC constants of every layer of G: ε_i for W_i ∈ R^{n_i × n_{i−1}} under the N(0, 1/n_i)
 * scaling of Theorem 2 (layers of another scale, e.g. N(0, 1), are rescaled with a note).
 * Options apply to every layer; seeds are derived per layer.
 * @see PAPER.md, "Theorem 2" and "The two deterministic conditions (Theorem 3)".
 * @example
 * ```ts
 * const G = ReluNetwork.random({ dims: [5, 100, 200], seed: 1, scale: 'fan-in' });
 * wdcNetwork(G, { search: 50 }).layers.map((l) => l.value);
 * ```
 */
export function wdcNetwork(G: LayeredGenerator, options: WdcOptions = {}): WdcNetworkResult {
  if (typeof G !== 'object' || G === null || !Array.isArray(G.dims) || typeof G.weights !== 'function') {
    throw new ArgumentError('G', 'a layered generator with dims and weights(i) (e.g. ReluNetwork)', G);
  }
  const seed = options.seed ?? 0;
  const layers: WdcNetworkResult['layers'] = [];
  for (let i = 1; i < G.dims.length; i++) {
    const n = G.dims[i]!, k = G.dims[i - 1]!;
    const r = wdc(G.weights(i), n, k, { ...options, seed: deriveSeed(seed, i) });
    layers.push({ layer: i, ...r, ...(r.note ? { note: `layer ${i}: ${r.note.replace(/^W:/, `W_${i}:`)}` } : {}) });
  }
  return {
    layers,
    value: Math.max(...layers.map((l) => l.value)),
    notes: layers.flatMap((l) => (l.note ? [l.note] : [])),
  };
}
