/**
 * `@dpr/theory-checks`: numerical checks of the theory of "Phase Retrieval Under a Generative Prior":
 * the matrices M_{x̂↔ŷ}, Q_{x,y}, Φ_{z,w}; estimates of the WDC constant of weight matrices and of
 * the RRCP quantity of a measurement matrix over a generator's range; an exact certificate that the
 * DPR descent direction descends away from x0, −ρ_d x0 and 0 (Theorem 2); the closed-form expected
 * landscape (Figure 1) and ρ_d.
 *
 * @example
 * ```ts
 * import { rho, qMatrix, wdcNetwork } from '@dpr/theory-checks';
 * import { ReluNetwork } from '@dpr/generative-prior';
 * rho(2); // 0.6692
 * qMatrix(new Float64Array([1, 0]), new Float64Array([0, 1])); // (1/4) I + (1/2π) M
 * wdcNetwork(ReluNetwork.random({ dims: [5, 100, 200], seed: 1, scale: 'fan-in' })).value;
 * ```
 * @packageDocumentation
 */
export * from './matrices.js';
export * from './symmetric-norm.js';
export * from './weight-scale.js';
export { wdc, wdcDeviation, wdcNetwork, WdcEvaluator, type WdcOptions, type WdcResult, type WdcMethod, type WdcNetworkResult } from './wdc.js';
export type { LayeredGenerator, ReluGenerator } from './layered-generator.js';
export * from './rrcp.js';
export { ReluPasses, isReluGenerator, type BatchDerivatives } from './relu-pass.js';
export * from './descent.js';
export * from './expected-landscape.js';
export * from './rho.js';
export * from './scaling.js';
export * from './runs.js';
