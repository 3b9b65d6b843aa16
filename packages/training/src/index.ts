/**
 * `@dpr/training`: training the generative priors of this repository. Today the MNIST VAE of Bora
 * et al. (the paper's Section 4.2 prior; 784-500-500-(20, 20) encoder, 20-500-500-784 decoder):
 * its model on `DenseLayer`s of `@dpr/generative-prior`, seeded and resumable training with linalg's
 * `Adam`, checkpoints, exported float32 weights in the tensor layout `@dpr/generative-prior` reads,
 * and the manifest shipped next to them.
 *
 * @example
 * ```ts
 * import { JsBackend } from '@dpr/linalg';
 * import { loadDataset } from '@dpr/datasets';
 * import { trainVae } from '@dpr/training';
 * const state = trainVae({ backend: new JsBackend(), data: loadDataset('mnist'), config: { epochs: 1, trainCount: 1000 } });
 * ```
 * @packageDocumentation
 */
export * from './vae-model.js';
export * from './train.js';
export * from './checkpoint.js';
export * from './manifest.js';
export * from './train-to-files.js';
