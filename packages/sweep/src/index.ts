/**
 * `@dpr/sweep` (Node only): an experiment is a grid of pure trials (parameters × seeds); a sweep
 * runs the trials a results folder does not hold yet on a worker pool (`tinypool`), appends one
 * line per trial to `trials.jsonl` (single whole-line appends; a torn last line is repaired on
 * resume), pins the configuration in `config.json`, runs one shard of the grid (`--shard i/N`),
 * and merges shard folders into one. One run writes a folder at a time (`lockResultsDir`).
 *
 * @example
 * ```ts
 * import { runSweep, type Experiment } from '@dpr/sweep';
 * declare const experiment: Experiment<{ n: number }>;
 * const result = await runSweep(experiment, { outDir: 'results/x', config: { n: 3 }, workers: 2 });
 * ```
 * @packageDocumentation
 */
export * from './experiment.js';
export * from './errors.js';
export * from './shard.js';
export * from './store.js';
export * from './lock.js';
export { runSweep, configHashOf, gridOf, type SweepOptions, type SweepResult, type SweepProgress } from './sweep.js';
export { mergeResults, type MergeResult } from './merge.js';
export { runTrials, type RunTrialsOptions, type TrialOutcome } from './worker-pool.js';
export type { TrialTask } from './worker.js';
export { packageVersions } from './versions.js';
export { canonicalJson, contentHash } from './canonical-json.js';
