/**
 * The element-wise activations of generator layers live in `@dpr/linalg` (its fused products apply
 * them inside the kernels); re-exported here for the generators' users.
 */
export { activation, ACTIVATION_NAMES, logistic, softplus, type Activation, type ActivationName } from '@dpr/linalg';
