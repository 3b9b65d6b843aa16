/**
 * `@dpr/experiments` (private): the paper's figures, one definition each (the sweep, the plot,
 * summary.json and README), run by `@dpr/sweep` and drawn by `@dpr/render`, and where their files
 * reach the disk. The `dpr reproduce` and `dpr merge` commands are thin wrappers around it.
 *
 * @example
 * ```ts
 * import { getFigure } from '@dpr/experiments';
 * const fig2 = getFigure('fig2'); // the Figure 2 sweep definition: grid, trial function, plot
 * ```
 * @packageDocumentation
 */
export { writePlot, writePng, writeReport, findSummaries } from './output.js';
export { defaultFigureDir, reproduceFigure, mergeFigureResults, type ReproduceOptions } from './reproduce.js';
export { figureVersions } from './versions.js';
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
  FIG3_METHODS, FIG3_BASELINE_CAPS, PriorUnavailableError, type Fig3Config, type Fig3State, type Fig3Method,
} from './figures/fig3-experiment.js';
export { cdpSuccessFigure, cdpSuccessConfig, cdpSuccessPoints, runCdpSuccess, type CdpSuccessConfig, type CdpSuccessPoint } from './figures/cdp-success.js';
export { fig4Figure, fig4Config, fig4Trials, runFig4, dcganToRgb, type Fig4Config, type Fig4Trial, type Fig4Data } from './figures/fig4.js';
export { noiseFigure, noiseSeries, noisePlotSpec, noiseLevel, type NoiseSeries, type NoisePoint, type NoiseData } from './figures/noise.js';
export { noiseExperiment, noiseConfig, noiseSeed, NOISELESS, PHASEPACK_FAMILY, type NoiseConfig, type NoisePanel, type NoiseState } from './figures/noise-experiment.js';
