/**
 * `@dpr/linalg`: vectors, seeded random numbers, resident dense matrices and GEMV/GEMM on
 * interchangeable backends (`js`, `wasm`, `gpujs`), and linear operators.
 *
 * @example
 * ```ts
 * import { selectBackend, DenseOperator, Rng } from '@dpr/linalg';
 * const backend = await selectBackend({ backend: 'js' });
 * const rng = new Rng(1);
 * const A = DenseOperator.fromArray(backend, rng.gaussianVec(6), 2, 3);
 * const y = A.apply(new Float64Array([1, 0, 0])); // first column of A
 * ```
 * @packageDocumentation
 */
export * from './bytes.js';
export * from './errors.js';
export * from './types.js';
export * from './random.js';
export * from './blas/level1.js';
export type { Backend, BackendName, DenseMatrix, ResidentBatch } from './backends/backend.js';
export * from './activations.js';
export * from './epilogues.js';
export { BaseBackend, BaseBatch, BaseMatrix, HostBatch } from './backends/base-backend.js';
export { JsBackend } from './backends/js.js';
export * from './select-backend.js';
export * from './operator.js';
export * from './complex.js';
export * from './complex-operator.js';
export * from './fft/plan.js';
export * from './fft/naive-dft.js';
export * from './solvers/lsqr.js';
export * from './optim/adam.js';
export * from './timing.js';
