/**
 * `@dpr/experiments` (private): the paper's figures as resumable, shardable sweeps on worker
 * threads, plots (vega-lite → SVG → PNG), the HTML report, the MNIST / Fashion-MNIST datasets and
 * the VAE trained in this repository. The `dpr reproduce`, `dpr merge` and `dpr train` commands
 * are thin wrappers around it.
 *
 * @example
 * ```ts
 * import { getFigure } from '@dpr/experiments';
 * const fig2 = getFigure('fig2'); // the Figure 2 sweep definition: grid, trial function, plot
 * ```
 * @packageDocumentation
 */
export * from './experiment.js';
export * from './errors.js';
export * from './shard.js';
export * from './store.js';
export { runSweep, configHashOf, gridOf, type SweepOptions, type SweepResult, type SweepProgress } from './sweep.js';
export { mergeResults, type MergeResult } from './merge.js';
export { runTrials, type RunTrialsOptions, type TrialOutcome } from './worker-pool.js';
export { packageVersions } from './versions.js';
export { canonicalJson, contentHash } from './canonical-json.js';
export { renderPlot, writePlot, paperStyle, type PlotSpec, type RenderOptions, type RenderedPlot } from './plots.js';
export { contourSegments, type ContourSegment } from './contours.js';
export { figure1Spec, writeFigure1, type Figure1Options } from './figures/fig1.js';
export type { FigureDefinition, FigureRunOptions, FigureRunResult, FigureSummary, FigureRunFacts, SummaryTable } from './figures/figure.js';
export { sweepFigure, type SweepFigureSpec, type SweepRenderInput } from './figures/sweep-figure.js';
export { FIGURES, getFigure, figureForExperiment } from './figures/registry.js';
export { fig1Figure } from './figures/fig1-figure.js';
export { fig2Figure, fig2Series, fig2PlotSpec, compareSeries, type Fig2Series, type Fig2Point, type Fig2Comparison, type Fig2Data } from './figures/fig2.js';
export { fig2Experiment, fig2Config, fig2Seed, type Fig2Config, type Fig2State } from './figures/fig2-experiment.js';
export { fig3Figure, fig3FashionFigure, fig3Series, fig3PlotSpec, FIG3_LABELS, type Fig3Point, type Fig3Series, type Fig3Data } from './figures/fig3.js';
export {
  fig3Experiment, fig3FashionExperiment, fig3Config, fig3Seed, fig3Trial, fig3State, fig3PriorName, encodeImage8, decodeImage8,
  FIG3_METHODS, PriorUnavailableError, type Fig3Config, type Fig3State, type Fig3Method,
} from './figures/fig3-experiment.js';
export { fig4Figure, fig4Config, fig4Trials, runFig4, dcganToRgb, type Fig4Config, type Fig4Trial, type Fig4Data } from './figures/fig4.js';
export * from './images/png.js';
export * from './images/grid.js';
export * from './recovery/image-recovery.js';
export { writeReport, reportHtml, findSummaries } from './report.js';
export * from './data/idx.js';
export * from './data/datasets.js';
export * from './vae/vae.js';
export * from './vae/train.js';
export * from './vae/checkpoint.js';
export * from './vae/manifest.js';
