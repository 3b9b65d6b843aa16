/**
 * `@dpr/render/image`: PNG files and image grids only, without the plotting stack (Vega,
 * Vega-Lite, resvg) or `d3-contour`, for callers that write pictures but never plot (`@dpr/lab`,
 * hence `dpr solve`). Pure, the same in Node and browsers; also part of the package's main entry.
 *
 * @example
 * ```ts
 * import { composeGrid, encodePng } from '@dpr/render/image';
 * const png = encodePng(composeGrid([[new Float64Array(4).fill(0.5)]], { width: 2, height: 2 }));
 * ```
 * @module
 */
export * from './png.js';
export * from './grid.js';
