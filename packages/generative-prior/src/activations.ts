/**
 * Element-wise activations σ and their derivatives σ', expressed through the pre-activation z and
 * the output a = σ(z) (whichever is cheaper).
 */
import { ArgumentError } from '@dpr/linalg';

/** Names of the supported activations. */
export type ActivationName = 'relu' | 'leaky-relu' | 'softplus' | 'sigmoid' | 'tanh' | 'identity';

/** An activation with its derivative. */
export interface Activation {
  readonly name: ActivationName;
  /** σ(z). */
  apply(z: number): number;
  /** σ'(z) given z and a = σ(z). For ReLU, σ'(0) = 0 (the paper's mask convention). */
  derivative(z: number, a: number): number;
  /** σ(cz) = cσ(z) for c ≥ 0. */
  readonly positivelyHomogeneous: boolean;
}

/** Build an activation by name (`leakySlope` for leaky-relu, default 0.01). */
export function activation(name: ActivationName, leakySlope = 0.01): Activation {
  switch (name) {
    case 'relu':
      return { name, apply: (z) => (z > 0 ? z : 0), derivative: (z) => (z > 0 ? 1 : 0), positivelyHomogeneous: true };
    case 'leaky-relu':
      return { name, apply: (z) => (z > 0 ? z : leakySlope * z), derivative: (z) => (z > 0 ? 1 : leakySlope), positivelyHomogeneous: true };
    case 'softplus':
      // log(1 + e^z), stable for large |z|; σ' = logistic(z)
      return {
        name,
        apply: (z) => (z > 30 ? z : z < -30 ? Math.exp(z) : Math.log1p(Math.exp(z))),
        derivative: (z) => 1 / (1 + Math.exp(-z)),
        positivelyHomogeneous: false,
      };
    case 'sigmoid':
      return { name, apply: (z) => 1 / (1 + Math.exp(-z)), derivative: (_z, a) => a * (1 - a), positivelyHomogeneous: false };
    case 'tanh':
      return { name, apply: Math.tanh, derivative: (_z, a) => 1 - a * a, positivelyHomogeneous: false };
    case 'identity':
      return { name, apply: (z) => z, derivative: () => 1, positivelyHomogeneous: true };
    default:
      throw new ArgumentError('activation', "one of 'relu', 'leaky-relu', 'softplus', 'sigmoid', 'tanh', 'identity'", name);
  }
}
