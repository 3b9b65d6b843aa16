/**
 * Adam (Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1), the one
 * implementation used by DPR-Adam (on latent codes) and by VAE training (on network weights):
 *
 *   m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²,   θ ← θ − η m̂ / (√v̂ + ε),
 *   m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ).
 */
import { ArgumentError } from '../errors.js';

/** Adam's hyper-parameters. */
export interface AdamHyperParameters {
  /** η (default 1e-3). */
  learningRate: number;
  /** β₁ (default 0.9). */
  beta1: number;
  /** β₂ (default 0.999). */
  beta2: number;
  /** ε (default 1e-8). */
  epsilon: number;
}

/** The defaults of the paper. */
export const ADAM_DEFAULTS: Readonly<AdamHyperParameters> = Object.freeze({ learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });

/**
 * One Adam update of θ in place, at step t (1, 2, …), with moments m and v updated in place. When
 * `step` is given, the change applied to θ_j is written to step_j (θ_new = θ_old − step).
 */
export function adamUpdate(theta: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, t: number, h: AdamHyperParameters, step?: Float64Array): void {
  if (g.length !== theta.length || m.length !== theta.length || v.length !== theta.length) {
    throw new ArgumentError('adamUpdate', `gradient and moments of length ${theta.length}`, [g.length, m.length, v.length]);
  }
  const { learningRate: lr, beta1: b1, beta2: b2, epsilon: eps } = h;
  const c1 = 1 - b1 ** t, c2 = 1 - b2 ** t;
  for (let j = 0; j < theta.length; j++) {
    const gj = g[j] as number;
    const mj = (m[j] = b1 * (m[j] as number) + (1 - b1) * gj);
    const vj = (v[j] = b2 * (v[j] as number) + (1 - b2) * gj * gj);
    const d = (lr * (mj / c1)) / (Math.sqrt(vj / c2) + eps);
    theta[j] = (theta[j] as number) - d;
    if (step) step[j] = d;
  }
}

/** Adam over a list of parameter arrays (e.g. every weight and bias of a network), with its state. */
export class Adam {
  /** First moments, one array per parameter array. */
  readonly m: Float64Array[];
  /** Second moments. */
  readonly v: Float64Array[];
  /** Steps taken so far. */
  t: number;
  readonly hyper: AdamHyperParameters;

  /** Fresh (zero) moments for parameters of these sizes, or the given state (to resume). */
  constructor(sizes: readonly number[], hyper: Partial<AdamHyperParameters> = {}, state?: { m: Float64Array[]; v: Float64Array[]; t: number }) {
    this.hyper = { ...ADAM_DEFAULTS, ...hyper };
    this.m = state?.m ?? sizes.map((n) => new Float64Array(n));
    this.v = state?.v ?? sizes.map((n) => new Float64Array(n));
    this.t = state?.t ?? 0;
    if (this.m.length !== sizes.length || this.v.length !== sizes.length) throw new ArgumentError('state', `${sizes.length} moment arrays`, this.m.length);
  }

  /** One update of every parameter array (in place) with its gradient. */
  step(params: readonly Float64Array[], grads: readonly Float64Array[]): void {
    if (params.length !== this.m.length || grads.length !== this.m.length) throw new ArgumentError('params', `${this.m.length} arrays`, params.length);
    this.t++;
    params.forEach((p, i) => adamUpdate(p, grads[i]!, this.m[i]!, this.v[i]!, this.t, this.hyper));
  }
}
