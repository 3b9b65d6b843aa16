/**
 * `@dpr/render`: pictures of results, as strings and bytes (no file system): Vega-Lite plots
 * rendered to SVG (headless Vega) and PNG (resvg), PNG files (`fast-png`), grids of images,
 * contour lines (`d3-contour`) and the HTML report page of the reproduced figures.
 *
 * @example
 * ```ts
 * import { composeGrid, encodePng } from '@dpr/render';
 * const png = encodePng(composeGrid([[new Float64Array(4).fill(0.5)]], { width: 2, height: 2 }));
 * ```
 * @packageDocumentation
 */
export { renderPlot, paperStyle, type PlotSpec, type RenderOptions, type RenderedPlot } from './plots.js';
// the pure parts, which are also the browser entry
export * from './browser.js';
