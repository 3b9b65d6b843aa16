/**
 * The one view of a generator the theory checks need beyond `Generator`: its layer widths and
 * weights (`ReluNetwork` / `MlpGenerator` of @dpr/generative-prior). The WDC reads the weights;
 * the exact ReLU passes of the descent certificate also need the backend and the activations.
 */
import type { Backend } from '@dpr/linalg';
import type { Generator } from '@dpr/generative-prior';

/** A generator whose layer weights can be read. */
export interface LayeredGenerator {
  /** Layer widths [k = n_0, n_1, …, n_d]. */
  readonly dims: readonly number[];
  /** Row-major W_i (n_i × n_{i−1}), i = 1..d. */
  weights(i: number): Float64Array;
}

/** A layered generator with its backend and activations (a bias-free ReLU MLP such as `ReluNetwork`). */
export interface ReluGenerator extends Generator, LayeredGenerator {
  readonly backend: Backend;
  activationOf(i: number): string;
}
