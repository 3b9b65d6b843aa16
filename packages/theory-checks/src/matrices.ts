/**
 * The three matrices of the paper's deterministic conditions:
 *
 * - `M_{x̂↔ŷ}`: sends x̂ ↦ ŷ, ŷ ↦ x̂ and is 0 on span{x, y}⊥ (at θ = 0 it is x̂x̂ᵀ, at θ = π it is −x̂x̂ᵀ);
 * - `Q_{x,y} = (π − θ)/(2π) I_k + sin θ/(2π) M_{x̂↔ŷ}` (WDC), with E[W_{+,x}ᵀ W_{+,y}] = Q_{x,y}
 *   for W iid N(0, 1/n);
 * - `Φ_{z,w} = (π − 2θ)/π I_n + 2 sin θ/π M_{ẑ↔ŵ}` (RRCP), with E[A_zᵀ A_w] = Φ_{z,w} for A iid N(0, 1/m).
 *
 * Everything is built from an orthonormal basis (e₁ = x̂, e₂ ⊥ x̂ in span{x, y}) in which
 * `M = [[cos θ, sin θ], [sin θ, −cos θ]]` (the paper's rotation R), so M, Q and Φ can be applied to a
 * vector in O(k) without forming them, or formed densely (row-major `Mat`).
 * @see PAPER.md, "The two deterministic conditions"; the paper, Section 3 (definitions of WDC, RRCP).
 */
import { ShapeError, mat, type Mat, type Vec } from '@dpr/linalg';
import { checkNonZero, dotv, norm } from './vectors.js';

/**
 * Below this value of sin θ the pair is treated as exactly aligned (θ = 0) or antipodal (θ = π),
 * where the paper defines M = ±x̂x̂ᵀ. M itself is discontinuous at θ ∈ {0, π} (its limit along
 * θ → 0 is x̂x̂ᵀ − e₂e₂ᵀ), but Q and Φ weight it by sin θ, so they are continuous.
 */
export const ALIGNED_SIN_THRESHOLD = 1e-12;

/** The geometry of a pair of non-zero vectors: the angle and the basis in which M is 2 × 2. */
export interface PairGeometry {
  /** Dimension of x and y. */
  readonly dim: number;
  /** θ = ∠(x, y) ∈ [0, π], computed as atan2(sin, cos) (accurate near 0 and π). */
  readonly theta: number;
  readonly cos: number;
  /** sin θ ≥ 0; exactly 0 when the pair is (numerically) aligned or antipodal. */
  readonly sin: number;
  /** e₁ = x̂. */
  readonly e1: Vec;
  /** e₂ = (ŷ − cos θ x̂)/sin θ, or `null` when sin θ = 0. */
  readonly e2: Vec | null;
}

/**
 * The angle θ_{x,y} = ∠(x, y) and the orthonormal basis of span{x, y} used by M, Q and Φ.
 * @throws ArgumentError when x or y is zero, non-finite or of different length.
 * @example
 * ```ts
 * const g = pairGeometry(new Float64Array([1, 0]), new Float64Array([0, 2]));
 * g.theta; // π/2
 * ```
 */
export function pairGeometry(x: Vec, y: Vec): PairGeometry {
  checkNonZero('x', x);
  checkNonZero('y', y, x.length);
  const nx = norm(x), ny = norm(y);
  const e1 = x.map((v) => v / nx);
  const yh = y.map((v) => v / ny);
  let c = dotv(e1, yh);
  const u = new Float64Array(x.length);
  for (let i = 0; i < u.length; i++) u[i] = (yh[i] as number) - c * (e1[i] as number);
  // one re-orthogonalisation pass keeps e₂ ⊥ e₁ to rounding when θ is small
  const c2 = dotv(e1, u);
  for (let i = 0; i < u.length; i++) u[i] = (u[i] as number) - c2 * (e1[i] as number);
  let s = norm(u);
  c = Math.max(-1, Math.min(1, c));
  if (s <= ALIGNED_SIN_THRESHOLD) {
    const sign = c >= 0 ? 1 : -1;
    return { dim: x.length, theta: sign > 0 ? 0 : Math.PI, cos: sign, sin: 0, e1, e2: null };
  }
  const theta = Math.atan2(s, c);
  const e2 = u.map((v) => v / s);
  s = Math.sin(theta);
  return { dim: x.length, theta, cos: Math.cos(theta), sin: s, e1, e2 };
}

/**
 * out ← M_{x̂↔ŷ} u, in O(k): with a = ⟨e₁,u⟩, b = ⟨e₂,u⟩,
 * M u = (a cos θ + b sin θ) e₁ + (a sin θ − b cos θ) e₂ (or cos θ · a e₁ when sin θ = 0).
 */
export function applyM(g: PairGeometry, u: Vec, out: Vec = new Float64Array(g.dim)): Vec {
  if (u.length !== g.dim || out.length !== g.dim) throw new ShapeError('u', `length ${g.dim}`, u.length);
  const a = dotv(g.e1, u);
  if (g.e2 === null) {
    for (let i = 0; i < g.dim; i++) out[i] = g.cos * a * (g.e1[i] as number);
    return out;
  }
  const b = dotv(g.e2, u);
  const p = a * g.cos + b * g.sin, q = a * g.sin - b * g.cos;
  for (let i = 0; i < g.dim; i++) out[i] = p * (g.e1[i] as number) + q * (g.e2[i] as number);
  return out;
}

/** Coefficients (α, β) of `Q_{x,y} = α I + β M`: α = (π − θ)/(2π), β = sin θ/(2π). */
export function qCoefficients(theta: number): { identity: number; swap: number } {
  return { identity: (Math.PI - theta) / (2 * Math.PI), swap: Math.sin(theta) / (2 * Math.PI) };
}

/** Coefficients (α, β) of `Φ_{z,w} = α I + β M`: α = (π − 2θ)/π, β = 2 sin θ/π. */
export function phiCoefficients(theta: number): { identity: number; swap: number } {
  return { identity: (Math.PI - 2 * theta) / Math.PI, swap: (2 * Math.sin(theta)) / Math.PI };
}

function combination(g: PairGeometry, alpha: number, beta: number, u: Vec, out: Vec): Vec {
  const sinBeta = g.e2 === null ? 0 : beta; // sin θ = 0 ⇒ β = 0 exactly
  applyM(g, u, out);
  for (let i = 0; i < g.dim; i++) out[i] = alpha * (u[i] as number) + sinBeta * (out[i] as number);
  return out;
}

/** out ← Q_{x,y} u without forming Q (WDC; PAPER.md "Weight Distribution Condition"). */
export function applyQ(g: PairGeometry, u: Vec, out: Vec = new Float64Array(g.dim)): Vec {
  const { identity, swap } = qCoefficients(g.theta);
  return combination(g, identity, swap, u, out);
}

/** out ← Φ_{z,w} u without forming Φ (RRCP; PAPER.md "Range Restricted Concentration Property"). */
export function applyPhi(g: PairGeometry, u: Vec, out: Vec = new Float64Array(g.dim)): Vec {
  const { identity, swap } = phiCoefficients(g.theta);
  return combination(g, identity, swap, u, out);
}

function dense(g: PairGeometry, alpha: number, beta: number): Mat {
  const k = g.dim;
  const out = mat(k, k);
  const { e1, e2 } = g;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const a1 = e1[i] as number, b1 = e1[j] as number;
      let m = g.cos * a1 * b1;
      if (e2 !== null) {
        const a2 = e2[i] as number, b2 = e2[j] as number;
        m += -g.cos * a2 * b2 + g.sin * (a1 * b2 + a2 * b1);
      }
      out.data[i * k + j] = (i === j ? alpha : 0) + beta * m;
    }
  }
  return out;
}

/**
 * `M_{x̂↔ŷ}` as a dense k × k row-major matrix: M = R^T [[cos θ, sin θ, 0], [sin θ, −cos θ, 0], [0, 0, 0]] R,
 * i.e. cos θ (e₁e₁ᵀ − e₂e₂ᵀ) + sin θ (e₁e₂ᵀ + e₂e₁ᵀ); x̂x̂ᵀ at θ = 0 and −x̂x̂ᵀ at θ = π.
 * @see PAPER.md, "Weight Distribution Condition"; the paper, footnote 3.
 * @example
 * ```ts
 * const M = swapMatrix(new Float64Array([1, 0]), new Float64Array([0, 1]));
 * M.data; // [0, 1, 1, 0]
 * ```
 */
export function swapMatrix(x: Vec, y: Vec): Mat {
  return dense(pairGeometry(x, y), 0, 1);
}

/**
 * `Q_{x,y} = (π − θ)/(2π) I_k + sin θ/(2π) M_{x̂↔ŷ}`, dense k × k: the expectation of
 * W_{+,x}ᵀ W_{+,y} for W iid N(0, 1/n).
 * @see PAPER.md, "Weight Distribution Condition (WDC)".
 * @example
 * ```ts
 * qMatrix(new Float64Array([1, 0]), new Float64Array([1, 0])).data; // [0.5, 0, 0, 0.5]
 * ```
 */
export function qMatrix(x: Vec, y: Vec): Mat {
  const g = pairGeometry(x, y);
  const { identity, swap } = qCoefficients(g.theta);
  return dense(g, identity, g.e2 === null ? 0 : swap);
}

/**
 * `Φ_{z,w} = (π − 2θ)/π I_n + 2 sin θ/π M_{ẑ↔ŵ}`, dense n × n: the expectation of A_zᵀ A_w for
 * A iid N(0, 1/m). Forms n² entries: prefer {@link applyPhi} for large n.
 * @see PAPER.md, "Range Restricted Concentration Property (RRCP)".
 * @example
 * ```ts
 * phiMatrix(new Float64Array([1, 0]), new Float64Array([-1, 0])).data; // [-1, 0, 0, -1]
 * ```
 */
export function phiMatrix(z: Vec, w: Vec): Mat {
  const g = pairGeometry(z, w);
  const { identity, swap } = phiCoefficients(g.theta);
  return dense(g, identity, g.e2 === null ? 0 : swap);
}
