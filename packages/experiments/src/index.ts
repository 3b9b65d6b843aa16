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
export { renderPlot, writePlot, type PlotSpec, type RenderOptions, type RenderedPlot } from './plots.js';
export { contourSegments, type ContourSegment } from './contours.js';
export { figure1Spec, writeFigure1, type Figure1Options } from './figures/fig1.js';
