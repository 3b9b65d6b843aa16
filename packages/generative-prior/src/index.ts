/**
 * `@dpr/generative-prior`: generators G : R^k → R^n (bias-free ReLU nets, MLP decoders) with
 * forward passes that remember their activation pattern, vector-Jacobian products, batched
 * evaluation for many latent codes at once, and safetensors weights I/O.
 *
 * @example
 * ```ts
 * import { ReluNetwork } from '@dpr/generative-prior';
 * const G = ReluNetwork.random({ dims: [10, 500, 1000], seed: 1 });
 * const lin = G.linearize(new Float64Array(10).fill(1));
 * const g = lin.vjp(lin.value); // Jᵀ G(x)
 * ```
 * @packageDocumentation
 */
export type { Generator, Linearization, BatchLinearization } from './generator.js';
export * from './activations.js';
export * from './conv-transpose.js';
export * from './dcgan/index.js';
export * from './mlp-generator.js';
export { DenseLayer, type DenseLayerSpec } from './layers/dense.js';
export * from './relu-network.js';
export type { ResidentPass, ResidentPoint } from './resident-pass.js';
export { denseResidentPass } from './resident-pass.js';
export * from './safetensors.js';
export * from './pretrained/vae-weights.js';
export * from './priors.js';
