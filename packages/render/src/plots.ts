/**
 * Rendering figures: a Vega-Lite (or Vega) spec → SVG (headless Vega view, no browser, no canvas)
 * → PNG (resvg). Returns the SVG text and the PNG bytes; writing them is the caller's (files go
 * through the one atomic write of `@dpr/datasets`). Fonts: resvg loads the system fonts; where
 * none are installed the PNG has no text but is otherwise complete (the SVG always has it).
 * Vega, Vega-Lite and resvg are loaded on the first {@link renderPlot} call, not on import: a
 * program that imports `@dpr/render` but never plots (the `dpr` CLI's `solve`, `help`) starts
 * without them.
 */
import { ArgumentError } from '@dpr/linalg';
import type * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';

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

type Compile = typeof import('vega-lite').compile;
interface PlottingStack {
  vega: typeof vega;
  compile: Compile;
  Resvg: typeof import('@resvg/resvg-js').Resvg;
}

let stack: Promise<PlottingStack> | undefined;
/** Vega, Vega-Lite and resvg, imported on the first call (a failed import is tried again next time). */
function plottingStack(): Promise<PlottingStack> {
  stack ??= Promise.all([import('vega'), import('vega-lite'), import('@resvg/resvg-js')]).then(
    ([v, vl, r]) => ({ vega: v, compile: vl.compile, Resvg: r.Resvg }),
    (e: unknown) => {
      stack = undefined;
      throw e;
    },
  );
  return stack;
}

function toVega(spec: PlotSpec, compile: Compile): vega.Spec {
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
  const { vega, compile, Resvg } = await plottingStack();
  const view = new vega.View(vega.parse(toVega(spec, compile)), { renderer: 'none' });
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

