/**
 * `@dpr/phase-retrieval`: measurement operators, the amplitude objective, DPR (Algorithm 1 of
 * "Phase Retrieval Under a Generative Prior") and baselines behind one solver signature, metrics.
 *
 * @example
 * ```ts
 * import { gaussianPriorInstance, dpr, relativeError } from '@dpr/phase-retrieval';
 * const { problem } = gaussianPriorInstance({ m: 200, seed: 7 });
 * const result = dpr.solve(problem, { restarts: 2, seed: 1 });
 * const error = relativeError(result.estimate, problem.truth); // ≤ 1e-3 on success
 * ```
 * @packageDocumentation
 */
export * from './problem.js';
export * from './metrics.js';
export * from './instances.js';
export { InstanceCache, type Disposable } from './instance-cache.js';
export { buildOwning } from './owned-parts.js';
export * from './measured-instance.js';
export * from './measurements/gaussian.js';
export * from './measurements/registry.js';
export * from './measurements/operator.js';
export * from './measurements/moduli.js';
export * from './measurements/shape.js';
export { complexGaussianMeasurements, type ComplexGaussianOptions } from './measurements/complex-gaussian.js';
export { CodedDiffractionOperator, octanaryMasks, parseMaskCount } from './measurements/cdp.js';
export { OversampledFourierOperator, parseOversampling, fftForShape } from './measurements/fourier.js';
export { readMeasurementMatrix, exampleMatrixFile } from './measurements/matrix-file.js';
export * from './objectives/amplitude.js';
export * from './objectives/generative-amplitude.js';
export * from './objectives/complex-amplitude.js';
export * from './solvers/types.js';
export { runSolver, defineSolver, mergeOptions, SHARED_DEFAULTS } from './solvers/run-solver.js';
export { dpr, type DprOptions } from './solvers/dpr.js';
export { dprAdam, type DprAdamOptions } from './solvers/dpr-adam.js';
export { gerchbergSaxton, type GerchbergSaxtonOptions } from './solvers/gerchberg-saxton.js';
export { fienup, type FienupOptions } from './solvers/fienup.js';
export { wirtingerFlow, type WirtingerFlowOptions } from './solvers/wirtinger-flow.js';
export { amplitudeFlow, type AmplitudeFlowOptions } from './solvers/amplitude-flow.js';
export { taf, type TafOptions } from './solvers/taf.js';
export { raf, type RafOptions } from './solvers/raf.js';
export { twf, type TwfOptions } from './solvers/twf.js';
export { rwf, type RwfOptions } from './solvers/rwf.js';
export { gradientDescentSolver, requirePeriod, requirePositive, type GradientDescentOptions, type GradientDescentSpec, type GradientDescentState, type MeasurementObjective } from './solvers/gradient-descent.js';
export { SEARCH_METHODS, BETA_CHOICES, type SearchMethod, type BetaChoice, type SearchMemory } from './solvers/search-direction.js';
export { alternatingProjectionSolver, type AlternatingProjectionSpec, type AlternatingProjectionOptions, type AlternatingProjectionState, type ObjectUpdate } from './solvers/alternating-projections.js';
export { measurementGeometry, projectMagnitudes, phaseOf, PRODUCT_PRECISIONS, type MeasurementGeometry, type PlainSignalOptions, type ProductPrecision } from './solvers/plain-signal.js';
export { SOLVERS, getSolver, solversWith, type CapabilityFilter } from './solvers/registry.js';
export { CapabilityError, requireCapability, isComplexOperator } from './solvers/capability-error.js';
export { sparta, spartaInit, type SpartaOptions } from './solvers/sparta.js';
export { dct2, idct2, dct2Operator, dctMatrix } from './transforms/dct.js';
export { composeOperators } from './transforms/compose.js';
export {
  initialize, INITIALIZERS, INITIALIZER_NAMES, type InitializerName, type InitializeOptions, type InitializerOptions,
  spectralInit, truncatedSpectralInit, optimalInit, optimalPreprocessing, weightedInit, orthogonalInit, amplitudeInit, randomInit, customInit, extremeEigenvector, tridiagonalExtremeEigenpair,
  leadingEigenvector, weightedCovariance, signalNormEstimate, operatorEntries, operatorRowNorms2, largestIndices, hardThreshold,
  ppowerInit, type PPowerOptions, type PPowerResult,
  type Eigenpair, type PowerIterationOptions, type LanczosOptions, type AmplitudeInitOptions, type OrthogonalInitOptions, type TruncatedSpectralOptions, type WeightedInitOptions,
} from './initializers/index.js';
export * from './instance-file.js';
export { REFERENCE_CURVES, type ReferencePoint } from './reference-curves.js';
export * from './recovery/image-recovery.js';
export * from './noise/registry.js';
export { poissonSample, logFactorial } from './noise/poisson.js';
