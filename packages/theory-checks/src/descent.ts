/**
 * A numerical certificate for Theorem 2's conclusion on one instance: at sampled points x outside
 * B(x0, r‖x0‖) ∪ B(−ρ_d x0, r‖x0‖) ∪ {0}, the one-sided directional derivative D_{−v(x)} f(x) is
 * negative, and D_w f(0) < 0 for sampled directions w.
 *
 * Exactness: f is piecewise quadratic (G piecewise linear), so D_u f(x) is computed exactly by a
 * forward-mode pass with one-sided masks (see relu-pass.ts), not by finite differences; where f is
 * differentiable it equals −‖v(x)‖². At the origin, f(tw) = ½‖t|AG(w)| − b‖² for t > 0 (positive
 * homogeneity), = ½‖b‖² − t⟨|AG(w)|, b⟩ + ½t²‖AG(w)‖², so D_w f(0) = −⟨|AG(w)|, b⟩ exactly.
 * Points are evaluated in batches (a few GEMMs per batch), so the k = 2 Section 4.1-like net on a
 * 201 × 201 grid is a matter of seconds on the wasm backend.
 * @see PAPER.md, "Theorem 2" and "Descent direction".
 */
import { ArgumentError, Rng, ShapeError, applyBatch, mat, type Mat, type Vec } from '@dpr/linalg';
import type { Problem } from '@dpr/phase-retrieval';
import { ReluPasses, isReluGenerator } from './relu-pass.js';
import { rho as rhoOf } from './rho.js';
import { checkNonNegativeInt, checkNonZero, checkPositive, checkPositiveInt, norm } from './vectors.js';

/** Options of {@link descentCertificate}. */
export interface DescentCertificateOptions {
  /** The true latent code x0 (the problem only carries G(x0)). */
  x0: Vec;
  /** Radius r of the excluded balls, relative to ‖x0‖ (default 0.1). */
  radius?: number;
  /** ρ of the second excluded ball (default ρ_d for the network's depth d). */
  rho?: number;
  /** Points cover [−extent, extent]^k · ‖x0‖ (k = 2 grid) or the ball of that radius (default 2). */
  extent?: number;
  /** k = 2: points per axis of the grid (default 201). */
  gridSize?: number;
  /** k > 2: random points, radius uniform in (0, extent‖x0‖] and uniform direction (default 20000). */
  samples?: number;
  /** k > 2: rays (±x̂0 first, then random directions), each sampled at `rayPoints` radii (default 32). */
  rays?: number;
  /** Points per ray (default 64). */
  rayPoints?: number;
  /** Random directions w for D_w f(0) (default 256). */
  zeroDirections?: number;
  /** Columns per batch (default 1024). */
  batchSize?: number;
  /** Seed of random points, rays and directions (default 0). */
  seed?: number;
  /** Also return D_{−v(x)} f(x) for every point (NaN where excluded). */
  keepValues?: boolean;
}

/** Result of {@link descentCertificate}. */
export interface DescentCertificate {
  /** Points evaluated (outside the excluded set). */
  points: number;
  /** Points skipped because they lie in the excluded balls or at 0. */
  excluded: number;
  /** Points with D_{−v(x)} f(x) < 0. */
  negative: number;
  /** negative / points. */
  fraction: number;
  /** The point with the largest (least negative) D_{−v(x)} f(x). */
  worst: {
    x: Vec;
    /** D_{−v(x)} f(x). */
    derivative: number;
    /** derivative · ‖x0‖² / f(0)²: scale-free (invariant to the scales of A, W and x0). */
    normalized: number;
    f: number;
    /** ‖v(x)‖. */
    vNorm: number;
  };
  /** D_w f(0) = −⟨|AG(w)|, b⟩ over unit random w: how many are negative and the largest. */
  atZero: { directions: number; negative: number; max: number; normalizedMax: number };
  /** ρ and r used for the excluded balls (r relative to ‖x0‖). */
  rho: number;
  radius: number;
  /** Network depth d. */
  depth: number;
  /** Wall-clock time of the evaluations. */
  timeMs: number;
  /** How the points were chosen. */
  sampling: string;
  /** With `keepValues`: D_{−v(x)} f(x) per sampled point in sampling order (NaN where excluded). */
  values?: Float64Array;
  /** With `keepValues`: the sampled points (k × N). */
  sampled?: Mat;
}

function samplePoints(k: number, x0: Vec, o: Required<Pick<DescentCertificateOptions, 'extent' | 'gridSize' | 'samples' | 'rays' | 'rayPoints' | 'seed'>>): { X: Mat; sampling: string } {
  const r0 = norm(x0), L = o.extent * r0;
  if (k === 2) {
    const s = o.gridSize;
    const X = mat(2, s * s);
    for (let j = 0; j < s; j++) {
      for (let i = 0; i < s; i++) {
        const c = j * s + i;
        X.data[c] = s === 1 ? 0 : -L + (2 * L * i) / (s - 1);
        X.data[s * s + c] = s === 1 ? 0 : -L + (2 * L * j) / (s - 1);
      }
    }
    return { X, sampling: `${s}×${s} grid on [−${L}, ${L}]²` };
  }
  const rng = new Rng(o.seed);
  const N = o.samples + o.rays * o.rayPoints;
  const X = mat(k, N);
  const put = (c: number, dir: Vec, radius: number) => {
    const nd = norm(dir);
    for (let i = 0; i < k; i++) X.data[i * N + c] = (radius * (dir[i] as number)) / nd;
  };
  let c = 0;
  for (let s = 0; s < o.samples; s++) put(c++, rng.gaussianVec(k), L * (1 - rng.uniform()));
  for (let r = 0; r < o.rays; r++) {
    const dir = r === 0 ? x0 : r === 1 ? x0.map((v) => -v) : rng.gaussianVec(k);
    for (let p = 1; p <= o.rayPoints; p++) put(c++, dir, (L * p) / o.rayPoints);
  }
  return { X, sampling: `${o.samples} random points in the ball of radius ${L.toPrecision(4)} and ${o.rays} rays (±x̂0 and random) × ${o.rayPoints} radii` };
}

/**
 * Certify numerically that the DPR descent direction descends away from x0, −ρ_d x0 and 0 (Theorem 2)
 * on one instance: exact one-sided derivatives D_{−v(x)} f(x) at sampled points (a grid for k = 2,
 * random points and rays for k > 2), and D_w f(0) for random w.
 * @see PAPER.md, "Theorem 2".
 * @example
 * ```ts
 * const { problem, x0 } = gaussianPriorInstance({ dims: [2, 50, 100], m: 100, seed: 1 });
 * const c = descentCertificate(problem, { x0, gridSize: 41 });
 * c.fraction; // 1 (every sampled point has D_{−v} f < 0)
 * ```
 */
export function descentCertificate(problem: Problem, options: DescentCertificateOptions): DescentCertificate {
  if (typeof problem !== 'object' || problem === null) throw new ArgumentError('problem', 'a Problem with a prior', problem);
  const G = problem.prior;
  if (!isReluGenerator(G)) throw new ArgumentError('problem.prior', 'a bias-free ReLU network (e.g. ReluNetwork)', G);
  const k = G.latentDim, depth = G.dims.length - 1;
  if (typeof options !== 'object' || options === null) throw new ArgumentError('options', 'an object with x0', options);
  checkNonZero('options.x0', options.x0, k);
  const x0 = options.x0;
  const radius = options.radius ?? 0.1;
  checkPositive('options.radius', radius);
  const rho = options.rho ?? rhoOf(depth);
  checkPositive('options.rho', rho);
  const o = {
    extent: options.extent ?? 2,
    gridSize: options.gridSize ?? 201,
    samples: options.samples ?? 20000,
    rays: options.rays ?? 32,
    rayPoints: options.rayPoints ?? 64,
    seed: options.seed ?? 0,
  };
  checkPositive('options.extent', o.extent);
  checkPositiveInt('options.gridSize', o.gridSize);
  checkNonNegativeInt('options.samples', o.samples);
  checkNonNegativeInt('options.rays', o.rays);
  checkPositiveInt('options.rayPoints', o.rayPoints);
  if (!Number.isSafeInteger(o.seed)) throw new ArgumentError('options.seed', 'a safe integer', o.seed);
  const zeroDirections = options.zeroDirections ?? 256;
  checkNonNegativeInt('options.zeroDirections', zeroDirections);
  const batchSize = options.batchSize ?? 1024;
  checkPositiveInt('options.batchSize', batchSize);
  if (problem.b.length !== problem.A.outputDim) throw new ShapeError('problem.b', `length ${problem.A.outputDim}`, problem.b.length);

  const t0 = performance.now();
  const passes = new ReluPasses(G, problem.A, problem.b); // its resident layers are freed when the certificate returns or throws
  try {
    const { X, sampling } = samplePoints(k, x0, o);
    const N = X.cols, r0 = norm(x0), rr = radius * r0;
    // the excluded set
    const keep: number[] = [];
    for (let c = 0; c < N; c++) {
      let d1 = 0, d2 = 0, nx = 0;
      for (let i = 0; i < k; i++) {
        const xi = X.data[i * N + c] as number, x0i = x0[i] as number;
        d1 += (xi - x0i) ** 2;
        d2 += (xi + rho * x0i) ** 2;
        nx += xi * xi;
      }
      if (nx > 0 && Math.sqrt(d1) >= rr && Math.sqrt(d2) >= rr) keep.push(c);
    }
    let fZero = 0;
    for (const bj of problem.b) fZero += 0.5 * bj * bj;
    const scale = (r0 * r0) / (fZero * fZero);
    const values = options.keepValues ? new Float64Array(N).fill(Number.NaN) : undefined;
    let negative = 0;
    let worst: DescentCertificate['worst'] | null = null;
    for (let start = 0; start < keep.length; start += batchSize) {
      const idx = keep.slice(start, start + batchSize);
      const B = idx.length;
      const Xb = mat(k, B);
      idx.forEach((c, j) => {
        for (let i = 0; i < k; i++) Xb.data[i * B + j] = X.data[i * N + c] as number;
      });
      const r = passes.evaluate(Xb);
      for (let j = 0; j < B; j++) {
        const D = r.derivative[j] as number;
        if (D < 0) negative++;
        if (values) values[idx[j]!] = D;
        if (worst === null || D > worst.derivative) {
          let vn = 0;
          for (let i = 0; i < k; i++) vn += (r.v.data[i * B + j] as number) ** 2;
          const x = new Float64Array(k);
          for (let i = 0; i < k; i++) x[i] = Xb.data[i * B + j] as number;
          worst = { x, derivative: D, normalized: D * scale, f: r.f[j] as number, vNorm: Math.sqrt(vn) };
        }
      }
    }
    // D_w f(0) = −⟨|A G(w)|, b⟩ for unit random w
    const rng = new Rng(o.seed + 1);
    const Wd = mat(k, zeroDirections);
    for (let c = 0; c < zeroDirections; c++) {
      const w = rng.gaussianVec(k);
      const nw = norm(w);
      for (let i = 0; i < k; i++) Wd.data[i * zeroDirections + c] = (w[i] as number) / nw;
    }
    let zNeg = 0, zMax = -Infinity;
    if (zeroDirections > 0) {
      const AG = applyBatch(problem.A, G.forwardBatch(Wd));
      const dz = new Float64Array(zeroDirections);
      for (let j = 0; j < AG.rows; j++) {
        const bj = problem.b[j] as number;
        for (let c = 0; c < zeroDirections; c++) dz[c] = (dz[c] as number) - Math.abs(AG.data[j * zeroDirections + c] as number) * bj;
      }
      for (const v of dz) {
        if (v < 0) zNeg++;
        zMax = Math.max(zMax, v);
      }
    }
    const timeMs = performance.now() - t0;
    return {
      points: keep.length,
      excluded: N - keep.length,
      negative,
      fraction: keep.length === 0 ? Number.NaN : negative / keep.length,
      worst: worst ?? { x: new Float64Array(k), derivative: Number.NaN, normalized: Number.NaN, f: Number.NaN, vNorm: Number.NaN },
      atZero: { directions: zeroDirections, negative: zNeg, max: zMax, normalizedMax: (zMax * r0) / fZero },
      rho,
      radius,
      depth,
      timeMs,
      sampling,
      ...(values ? { values, sampled: X } : {}),
    };
  } finally {
    passes.dispose();
  }
}
