/**
 * The expected DPR objective (the landscape of Figure 1): its closed form when A is iid N(0, 1/m)
 * with m → ∞ and the d layers W_i are iid N(0, 1/n_i) in the wide-layer limit (WDC constant ε → 0),
 * which is the regime of Theorem 1/2 and of the paper's h_{x,x0}.
 *
 * Derivation.
 * 1. Over A. For rows a_j ~ N(0, I/m), f(x) = ½ Σ_j (|a_j·z| − |a_j·w|)² with z = G(x), w = G(x0)
 *    converges (m → ∞) to ½(‖z‖² + ‖w‖²) − E|g·z||g·w|, g ~ N(0, I). For unit Gaussians U, V with
 *    correlation cos φ, E|UV| = (2/π)(sin φ + (π/2 − φ) cos φ), so
 *        E_A f = ½(‖z‖² + ‖w‖²) − (2/π) ‖z‖‖w‖ ψ(φ),  ψ(φ) = sin φ + (π/2 − φ) cos φ,  φ = ∠(z, w).
 *    (Its gradient in z is z − Φ_{z,w} w, matching E[A_zᵀA_w] = Φ_{z,w}.)
 * 2. Over a layer W ∈ R^{n×k} with rows N(0, I/n): Σ_i relu(w_i·x)² → ‖x‖²/2 and
 *    Σ_i relu(w_i·x) relu(w_i·y) → ‖x‖‖y‖ ((π − θ) cos θ + sin θ)/(2π), θ = ∠(x, y) (the degree-1
 *    arc-cosine kernel), so each layer halves squared norms and maps the angle θ to
 *        g(θ) = arccos(((π − θ) cos θ + sin θ)/π).
 *    After d layers: ‖G(x)‖ = ‖x‖/2^{d/2} and ∠(G(x), G(x0)) = θ̄_d with θ̄_0 = ∠(x, x0),
 *    θ̄_i = g(θ̄_{i−1}).
 * Together:
 *        f̄(x) = 2^{−d} [ ½(‖x‖² + ‖x0‖²) − (2/π) ‖x‖ ‖x0‖ ψ(θ̄_d) ].
 * It depends only on ‖x‖, ‖x0‖ and ∠(x, x0); f̄(x0) = 0 (θ̄_d = 0, ψ = π/2); at the origin
 * f̄ decreases linearly in every direction (a local maximum); on the ray −ρ x̂0 ‖x0‖ it is a
 * quadratic in ρ minimised at ρ_d (see rho.ts), where ∇f̄ = h_{x,x0} = 0.
 * Note: −ρ_d x0 is a *degenerate* critical point, not a strict local minimum. Near θ = π,
 * g(π − δ) = π/2 − δ³/(3π) + O(δ⁵), so moving along the circle ‖x‖ = ρ_d‖x0‖ away from −x0 lowers
 * θ̄_d and raises ψ(θ̄_d): f̄ decreases like −c_d δ³ (c_2 ≈ 0.00183 ‖x0‖²; like δ⁶ for d = 1,
 * where ψ'(π/2) = 0). The valley floor min_r f̄ decreases monotonically from θ = π to x0, very
 * flatly at first, which is why pictures show two basins.
 * @see PAPER.md, "Landscape (Figure 1, Theorem 1)"; the paper, Figure 1 and Section 3.1 (h_{x,x0}).
 */
import { ArgumentError, type Vec } from '@dpr/linalg';
import { checkNonNegativeInt, checkNonZero, checkPositive, checkPositiveInt, checkVec, dotv, norm } from './vectors.js';

/**
 * One layer's angle map g(θ) = arccos(((π − θ) cos θ + sin θ)/π), θ ∈ [0, π]: g(0) = 0, g(π) = π/2,
 * g(θ) < θ for θ > 0.
 * @see the paper's appendix (θ̄_i = g(θ̄_{i−1})).
 */
export function angleMap(theta: number): number {
  if (!(theta >= 0 && theta <= Math.PI)) throw new ArgumentError('theta', 'an angle in [0, π]', theta);
  const c = ((Math.PI - theta) * Math.cos(theta) + Math.sin(theta)) / Math.PI;
  return Math.acos(Math.max(-1, Math.min(1, c)));
}

/**
 * θ̄_0 = theta0, θ̄_i = g(θ̄_{i−1}) for i = 1..d: the angle between G_i(x) and G_i(x0) after i layers
 * in the wide-layer limit. Returns the d + 1 angles.
 * @example
 * ```ts
 * angleRecursion(Math.PI, 1); // [π, π/2]
 * ```
 */
export function angleRecursion(theta0: number, d: number): Float64Array {
  checkNonNegativeInt('d', d);
  const out = new Float64Array(d + 1);
  if (!(theta0 >= 0 && theta0 <= Math.PI)) throw new ArgumentError('theta0', 'an angle in [0, π]', theta0);
  out[0] = theta0;
  for (let i = 1; i <= d; i++) out[i] = angleMap(out[i - 1] as number);
  return out;
}

/**
 * ψ(φ) = sin φ + (π/2 − φ) cos φ, so that E|g·z||g·w| = (2/π) ‖z‖‖w‖ ψ(∠(z, w)) for g ~ N(0, I).
 */
export function magnitudeCorrelation(phi: number): number {
  return Math.sin(phi) + (Math.PI / 2 - phi) * Math.cos(phi);
}

/**
 * E over A ~ N(0, 1/m) of ½‖|Az| − |Aw|‖² (exact for every m, z, w):
 * ½(‖z‖² + ‖w‖²) − (2/π)‖z‖‖w‖ ψ(∠(z, w)); it vanishes exactly when z = ±w.
 * @see PAPER.md, equation (1).
 */
export function expectedAmplitudeLoss(z: Vec, w: Vec): number {
  checkVec('z', z);
  checkVec('w', w, z.length);
  const nz = norm(z), nw = norm(w);
  if (nz === 0 || nw === 0) return 0.5 * (nz * nz + nw * nw);
  const c = Math.max(-1, Math.min(1, dotv(z, w) / (nz * nw)));
  return 0.5 * (nz * nz + nw * nw) - (2 / Math.PI) * nz * nw * magnitudeCorrelation(Math.acos(c));
}

/**
 * f̄ in polar form: 2^{−d} [½(r² + r0²) − (2/π) r r0 ψ(θ̄_d)] for ‖x‖ = r, ‖x0‖ = r0, ∠(x, x0) = θ.
 * @see {@link expectedObjective}.
 */
export function expectedObjectivePolar(r: number, r0: number, theta: number, d: number): number {
  if (!(r >= 0) || !Number.isFinite(r)) throw new ArgumentError('r', 'a finite non-negative number', r);
  checkPositive('r0', r0);
  const thetaD = angleRecursion(theta, d)[d] as number;
  return (0.5 * (r * r + r0 * r0) - (2 / Math.PI) * r * r0 * magnitudeCorrelation(thetaD)) / 2 ** d;
}

/**
 * The expected objective f̄(x) = 2^{−d} [½(‖x‖² + ‖x0‖²) − (2/π)‖x‖‖x0‖ ψ(θ̄_d)] of a d-layer
 * network (W_i ~ N(0, 1/n_i), wide layers) and A ~ N(0, 1/m), m → ∞ (Figure 1's surface).
 * @see PAPER.md, "Landscape (Figure 1, Theorem 1)".
 * @example
 * ```ts
 * const x0 = new Float64Array([1, 0]);
 * expectedObjective(x0, x0, 2); // 0
 * expectedObjective(new Float64Array([0, 0]), x0, 2); // 1/8: a local maximum
 * ```
 */
export function expectedObjective(x: Vec, x0: Vec, d: number): number {
  checkNonZero('x0', x0);
  checkVec('x', x, x0.length);
  checkNonNegativeInt('d', d);
  const r = norm(x), r0 = norm(x0);
  if (r === 0) return (0.5 * r0 * r0) / 2 ** d;
  const c = Math.max(-1, Math.min(1, dotv(x, x0) / (r * r0)));
  return expectedObjectivePolar(r, r0, Math.acos(c), d);
}

/**
 * The expected descent direction h_{x,x0} = ∇f̄(x) (x ≠ 0), the vector the paper's v(x) concentrates
 * around (Section 3.1), from the WDC/RRCP limits: with J = Π W_{i,+,x},
 * v(x) = Jᵀ(A_zᵀA_z z − A_zᵀA_w w) → Jᵀ(z − Φ_{z,w} w), Jᵀz → x/2^d, Jᵀẑ → x̂/2^{d/2} and
 * Jᵀw → 2^{−d} [Π_{i<d} (π − θ̄_i)/π · x0 + Σ_{i<d} (sin θ̄_i/π) Π_{i<j<d} (π − θ̄_j)/π · ‖x0‖ x̂], so
 *     h = 2^{−d} [ x − (π − 2θ̄_d)/π · (2^d Jᵀw) − (2/π) sin θ̄_d ‖x0‖ x̂ ].
 * Tests check that it equals the gradient of {@link expectedObjective}.
 * @see PAPER.md, "Descent direction"; the paper, Section 3.1 (v̄_{x,x0} and h_{x,x0}).
 */
export function expectedGradient(x: Vec, x0: Vec, d: number): Vec {
  checkNonZero('x0', x0);
  checkNonZero('x', x, x0.length);
  checkNonNegativeInt('d', d);
  const r = norm(x), r0 = norm(x0);
  const c = Math.max(-1, Math.min(1, dotv(x, x0) / (r * r0)));
  const th = angleRecursion(Math.acos(c), d);
  // 2^d Jᵀw = a x0 + s ‖x0‖ x̂
  let a = 1, s = 0;
  for (let i = 0; i < d; i++) {
    const ti = th[i] as number;
    s = s * ((Math.PI - ti) / Math.PI) + Math.sin(ti) / Math.PI;
    a *= (Math.PI - ti) / Math.PI;
  }
  const tD = th[d] as number;
  const kPhi = (Math.PI - 2 * tD) / Math.PI;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const xh = (x[i] as number) / r;
    out[i] = ((x[i] as number) - kPhi * (a * (x0[i] as number) + s * r0 * xh) - (2 / Math.PI) * Math.sin(tD) * r0 * xh) / 2 ** d;
  }
  return out;
}

/** A grid of f̄ values for k = 2 (Figure 1). */
export interface LandscapeGrid {
  /** Depth d. */
  d: number;
  x0: [number, number];
  /** Grid coordinates along each axis (ascending). */
  xs: Float64Array;
  ys: Float64Array;
  /** f̄ at (xs[i], ys[j]), stored row-major by y: values[j * xs.length + i]. */
  values: Float64Array;
}

/** Options of {@link expectedLandscapeGrid}. */
export interface LandscapeGridOptions {
  /** Depth d (default 2). */
  d?: number;
  /** x0 ∈ R² (default [1, 0], as in Figure 1). */
  x0?: [number, number];
  /** The grid covers [−extent, extent]² (default 2). */
  extent?: number;
  /** Points per axis (default 201). */
  size?: number;
}

/**
 * f̄ on a size × size grid over [−extent, extent]² for k = 2: the data of Figure 1.
 * @see PAPER.md, "Landscape (Figure 1, Theorem 1)".
 */
export function expectedLandscapeGrid(options: LandscapeGridOptions = {}): LandscapeGrid {
  const d = options.d ?? 2, extent = options.extent ?? 2, size = options.size ?? 201;
  checkNonNegativeInt('d', d);
  checkPositive('extent', extent);
  checkPositiveInt('size', size);
  if (size < 2) throw new ArgumentError('size', 'at least 2 points per axis', size);
  const x0 = options.x0 ?? [1, 0];
  const x0v = Float64Array.from(x0);
  checkNonZero('x0', x0v, 2);
  const xs = new Float64Array(size), ys = new Float64Array(size);
  for (let i = 0; i < size; i++) xs[i] = ys[i] = -extent + (2 * extent * i) / (size - 1);
  const values = new Float64Array(size * size);
  const p = new Float64Array(2);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      p[0] = xs[i] as number;
      p[1] = ys[j] as number;
      values[j * size + i] = expectedObjective(p, x0v, d);
    }
  }
  return { d, x0: [x0[0], x0[1]], xs, ys, values };
}
