/**
 * Rendering figures: a Vega-Lite (or Vega) spec → SVG (headless Vega view, no browser, no canvas)
 * → PNG (resvg), and writing both atomically (temp file + rename) so a figure on disk is never half
 * written. Fonts: resvg loads the system fonts; where none are installed the PNG has no text but
 * is otherwise complete (the SVG always has it).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ArgumentError } from '@dpr/linalg';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** A spec accepted by {@link renderPlot}: Vega-Lite (default) or full Vega. */
export type PlotSpec = { vegaLite: TopLevelSpec } | { vega: vega.Spec };

/** Options of {@link renderPlot}. */
export interface RenderOptions {
  /** PNG pixels per SVG unit (default 2). */
  pixelRatio?: number;
  /** PNG background (default white; the SVG keeps the spec's). */
  background?: string;
}

/** A rendered figure. */
export interface RenderedPlot {
  svg: string;
  png: Uint8Array;
  /** PNG size in pixels. */
  width: number;
  height: number;
}

function toVega(spec: PlotSpec): vega.Spec {
  if ('vegaLite' in spec) return compile(spec.vegaLite).spec;
  if ('vega' in spec) return spec.vega;
  throw new ArgumentError('spec', '{ vegaLite } or { vega }', spec);
}

/**
 * Render a spec to SVG (Vega's headless SVG renderer) and PNG (resvg).
 * @example
 * ```ts
 * const { svg, png } = await renderPlot({ vegaLite: {
 *   data: { values: [{ x: 1, y: 2 }] }, mark: 'point',
 *   encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
 * } });
 * ```
 */
export async function renderPlot(spec: PlotSpec, options: RenderOptions = {}): Promise<RenderedPlot> {
  const pixelRatio = options.pixelRatio ?? 2;
  if (!(pixelRatio > 0) || !Number.isFinite(pixelRatio)) throw new ArgumentError('pixelRatio', 'a finite positive number', pixelRatio);
  const view = new vega.View(vega.parse(toVega(spec)), { renderer: 'none' });
  let svg: string;
  try {
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: pixelRatio },
    background: options.background ?? 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  const image = resvg.render();
  return { svg, png: new Uint8Array(image.asPng()), width: image.width, height: image.height };
}

let tmpCounter = 0;

/** Write a file atomically: a temp file in the same folder, then rename (parents created). */
function writeAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${tmpCounter++}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/**
 * Render `spec` and write `<dir>/<name>.svg` and `<dir>/<name>.png` atomically.
 * @returns the two paths and the PNG size.
 */
export async function writePlot(spec: PlotSpec, dir: string, name: string, options: RenderOptions = {}): Promise<{ svg: string; png: string; width: number; height: number }> {
  if (!/^[\w.-]+$/.test(name)) throw new ArgumentError('name', 'a plain file name (letters, digits, ., _, -)', name);
  const r = await renderPlot(spec, options);
  const svg = join(dir, `${name}.svg`), png = join(dir, `${name}.png`);
  writeAtomic(svg, r.svg);
  writeAtomic(png, r.png);
  return { svg, png, width: r.width, height: r.height };
}

/**
 * The shared look of the paper's figures: white background, serif text, light grid. Spread it into
 * a vega-lite spec and add data, marks and encodings.
 */
export function paperStyle(title: string, size: { width?: number; height?: number } = {}) {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: size.width ?? 520,
    height: size.height ?? 320,
    background: 'white',
    padding: 8,
    title: { text: title, fontSize: 14, font: 'DejaVu Serif' },
    config: { font: 'DejaVu Serif', axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridOpacity: 0.35 }, legend: { labelFontSize: 11, symbolSize: 60 } },
  } as const;
}

