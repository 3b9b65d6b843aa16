/**
 * @packageDocumentation
 */
export const PACKAGE_NAME = "@dpr/experiments";
export * from './experiment.js';
export * from './errors.js';
export * from './shard.js';
export * from './store.js';
export { runSweep, configHashOf, gridOf, type SweepOptions, type SweepResult, type SweepProgress } from './sweep.js';
export { mergeResults, type MergeResult } from './merge.js';
export { runTrials, type RunTrialsOptions, type TrialOutcome } from './worker-pool.js';
export { packageVersions } from './versions.js';
export { canonicalJson, contentHash } from './canonical-json.js';
