/**
 * Element-wise activations σ and their derivatives σ', expressed through the pre-activation z and
 * the output a = σ(z) (whichever is cheaper): the float64 reference of the activations that the
 * fused products (`Backend.product`) apply inside the kernels, and what generator layers use.
 */
import { ArgumentError } from './errors.js';

/** Names of the supported activations. */
export const ACTIVATION_NAMES = ['relu', 'leaky-relu', 'softplus', 'sigmoid', 'tanh', 'identity'] as const;

/** Names of the supported activations. */
export type ActivationName = (typeof ACTIVATION_NAMES)[number];

/** An activation with its derivative. */
export interface Activation {
  readonly name: ActivationName;
  /** σ(z). */
  apply(z: number): number;
  /** σ'(z) given z and a = σ(z). For ReLU, σ'(0) = 0 (the paper's mask convention). */
  derivative(z: number, a: number): number;
  /** σ(cz) = cσ(z) for c ≥ 0. */
  readonly positivelyHomogeneous: boolean;
  /** The slope of leaky-relu for z < 0 (0 for the others). */
  readonly slope: number;
  /**
   * In place on a row-major rows × R block: z ← σ(z + bias[row]) and, when `d` is given,
   * d ← σ'(z + bias[row]). One call per layer, so the loop is not a closure call per entry.
   */
  applyInPlace(z: Float64Array, R: number, bias: Float64Array | undefined, d: Float64Array | undefined): void;
}

type Elementwise = Omit<Activation, 'applyInPlace' | 'slope'> & { slope?: number };

/** The generic in-place loop over an element-wise activation. */
function withArrayForm(a: Elementwise): Activation {
  return {
    ...a,
    slope: a.slope ?? 0,
    applyInPlace(z, R, bias, d) {
      for (let i = 0; i < z.length; i++) {
        const zi = (z[i] as number) + (bias ? (bias[Math.floor(i / R)] as number) : 0);
        const v = a.apply(zi);
        if (d) d[i] = a.derivative(zi, v);
        z[i] = v;
      }
    },
  };
}

/** ReLU with its mask (0 at exactly 0), specialised: the hot loop of the paper's generators. */
const RELU: Activation = {
  name: 'relu',
  apply: (z) => (z > 0 ? z : 0),
  derivative: (z) => (z > 0 ? 1 : 0),
  positivelyHomogeneous: true,
  slope: 0,
  applyInPlace(z, R, bias, d) {
    for (let i = 0; i < z.length; i++) {
      const zi = bias ? (z[i] as number) + (bias[Math.floor(i / R)] as number) : (z[i] as number);
      const on = zi > 0;
      z[i] = on ? zi : 0;
      if (d) d[i] = on ? 1 : 0;
    }
  },
};

/** log(1 + eᶻ), stable for large |z| (the softplus activation and the Bernoulli log-partition). */
export function softplus(z: number): number {
  return z > 30 ? z : z < -30 ? Math.exp(z) : Math.log1p(Math.exp(z));
}

/** The logistic function 1 / (1 + e⁻ᶻ) (sigmoid; softplus' derivative). */
export function logistic(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Build an activation by name (`leakySlope` for leaky-relu, default 0.01). */
export function activation(name: ActivationName, leakySlope = 0.01): Activation {
  switch (name) {
    case 'relu':
      return RELU;
    case 'leaky-relu':
      return withArrayForm({ name, apply: (z) => (z > 0 ? z : leakySlope * z), derivative: (z) => (z > 0 ? 1 : leakySlope), positivelyHomogeneous: true, slope: leakySlope });
    case 'softplus':
      // log(1 + e^z), stable for large |z|; σ' = logistic(z)
      return withArrayForm({ name, apply: softplus, derivative: logistic, positivelyHomogeneous: false });
    case 'sigmoid':
      return withArrayForm({ name, apply: logistic, derivative: (_z, a) => a * (1 - a), positivelyHomogeneous: false });
    case 'tanh':
      return withArrayForm({ name, apply: Math.tanh, derivative: (_z, a) => 1 - a * a, positivelyHomogeneous: false });
    case 'identity':
      return withArrayForm({ name, apply: (z) => z, derivative: () => 1, positivelyHomogeneous: true });
    default:
      throw new ArgumentError('activation', "one of 'relu', 'leaky-relu', 'softplus', 'sigmoid', 'tanh', 'identity'", name);
  }
}
