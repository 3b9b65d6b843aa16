/**
 * `@dpr/render` in browsers (the `browser` export condition): everything but {@link renderPlot},
 * whose PNG step is resvg, a native Node module. PNG files, grids, contour lines, summaries and
 * the report page are pure and the same as in Node.
 */
export * from './image.js';
export * from './contours.js';
export * from './summary.js';
export { reportHtml, type ReportEntry } from './report.js';
