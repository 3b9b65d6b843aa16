/**
 * Figure 1 of the paper: the expected objective f̄ (m → ∞, wide Gaussian layers) for k = 2 and
 * x0 = [1, 0]: a heat map with contour lines (left) and the profile along the x0 axis (right),
 * showing the global minimum at x0, the second minimum at −ρ_d x0 and the local maximum at 0.
 * @see PAPER.md, "Landscape (Figure 1, Theorem 1)".
 */
import { ArgumentError } from '@dpr/linalg';
import { expectedLandscapeGrid, expectedObjective, rho as rhoOf, type LandscapeGrid } from '@dpr/theory-checks';
import type { TopLevelSpec } from 'vega-lite';
import { contourSegments } from '@dpr/render';
import { writePlot } from '../output.js';

/** Options of {@link figure1Spec} / {@link writeFigure1}. */
export interface Figure1Options {
  /** Network depth d (default 2, the Section 4.1 network). */
  d?: number;
  /** Half-width of the square [−extent, extent]² (default 2). */
  extent?: number;
  /** Grid points per axis for the contours (default 201). */
  size?: number;
  /** Cells per axis of the heat map (default 101; the SVG has one rect per cell). */
  heatmapSize?: number;
  /** Number of contour levels (default 14). */
  levels?: number;
}

/**
 * Contour levels denser near the minima, max f̄ · (i/(L+1))², i = 1..L, plus two levels just above
 * f̄(−ρ_d x0) that outline the flat valley around the second critical point.
 */
function levelsFor(grid: LandscapeGrid, L: number, fNeg: number): number[] {
  let max = 0;
  for (const v of grid.values) max = Math.max(max, v);
  const levels = Array.from({ length: L }, (_, i) => max * ((i + 1) / (L + 1)) ** 2);
  return [...levels, fNeg * 1.003, fNeg * 1.03].sort((a, b) => a - b);
}

/**
 * The Vega-Lite spec of Figure 1 for depth d (x0 = [1, 0]).
 * @example
 * ```ts
 * const spec = figure1Spec({ d: 2 });
 * const { svg, png } = await renderPlot({ vegaLite: spec });
 * ```
 */
export function figure1Spec(options: Figure1Options = {}): TopLevelSpec {
  const d = options.d ?? 2, extent = options.extent ?? 2, size = options.size ?? 201, cells = options.heatmapSize ?? 101, L = options.levels ?? 14;
  if (!Number.isSafeInteger(cells) || cells < 2) throw new ArgumentError('heatmapSize', 'an integer ≥ 2', cells);
  if (!Number.isSafeInteger(L) || L < 1) throw new ArgumentError('levels', 'a positive integer', L);
  const grid = expectedLandscapeGrid({ d, extent, size });
  const rho = rhoOf(d);
  const x0 = Float64Array.from([1, 0]);
  // heat map: cell centres of a cells × cells partition of the square
  const h = (2 * extent) / cells;
  const heat: Array<{ x: number; x2: number; y: number; y2: number; f: number }> = [];
  for (let j = 0; j < cells; j++) {
    for (let i = 0; i < cells; i++) {
      const x = -extent + i * h, y = -extent + j * h;
      const f = expectedObjective(Float64Array.from([x + h / 2, y + h / 2]), x0, d);
      heat.push({ x: round(x), x2: round(x + 1.5 * h), y: round(y), y2: round(y + 1.5 * h), f: round(f) }); // overlap: no anti-aliasing seams
    }
  }
  const fNeg = expectedObjective(Float64Array.from([-rho, 0]), x0, d);
  const segs = contourSegments(grid.xs, grid.ys, grid.values, levelsFor(grid, L, fNeg)).map((s) => ({ x: round(s.x), y: round(s.y), x2: round(s.x2), y2: round(s.y2), level: round(s.level) }));
  const marks = [
    { x: 1, y: 0, label: 'x₀ (global min)', dy: -12 },
    { x: -rho, y: 0, label: `−ρ${sub(d)}x₀ (ρ${sub(d)} = ${rho.toPrecision(4)})`, dy: -12 },
    { x: 0, y: 0, label: '0 (local max)', dy: 16 },
  ];
  const profile = Array.from({ length: 401 }, (_, i) => {
    const t = -extent + (2 * extent * i) / 400;
    return { t: round(t), f: round(expectedObjective(Float64Array.from([t, 0]), x0, d)) };
  });
  const axis = (field: string, title: string) => ({ field, type: 'quantitative' as const, title, scale: { domain: [-extent, extent], nice: false, zero: false } });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `Expected DPR objective f̄(x), depth d = ${d}, x₀ = [1, 0], m → ∞`, subtitle: ['closed form: 2^−d [½(‖x‖² + ‖x₀‖²) − (2/π)‖x‖‖x₀‖ ψ(θ̄_d)]; wide Gaussian layers', `−ρ${sub(d)}x₀ is the critical point on the far side of the valley (minimum along its ray; along the circle f̄ falls off like δ³, so the second basin is very flat)`] },
    background: 'white',
    hconcat: [
      {
        width: 420,
        height: 420,
        layer: [
          {
            data: { values: heat },
            mark: { type: 'rect', strokeWidth: 0, clip: true },
            encoding: {
              x: axis('x', 'x₁'),
              x2: { field: 'x2' },
              y: axis('y', 'x₂'),
              y2: { field: 'y2' },
              color: { field: 'f', type: 'quantitative', title: 'f̄', scale: { scheme: 'viridis' } },
            },
          },
          {
            data: { values: segs },
            mark: { type: 'rule', color: 'white', strokeWidth: 0.8, opacity: 0.85 },
            encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, x2: { field: 'x2' }, y2: { field: 'y2' } },
          },
          {
            data: { values: marks },
            mark: { type: 'point', shape: 'cross', filled: true, size: 90, color: '#e4572e' },
            encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
          },
          ...[
            { filter: 'datum.dy < 0', dy: -12 },
            { filter: 'datum.dy > 0', dy: 16 },
          ].map((t) => ({
            data: { values: marks },
            transform: [{ filter: t.filter }],
            mark: { type: 'text' as const, color: 'white', fontSize: 11, fontWeight: 'bold' as const, dy: t.dy },
            encoding: { x: { field: 'x', type: 'quantitative' as const }, y: { field: 'y', type: 'quantitative' as const }, text: { field: 'label' } },
          })),
        ],
      },
      {
        width: 300,
        height: 420,
        title: 'profile along the x₀ axis (x₂ = 0)',
        layer: [
          {
            data: { values: profile },
            mark: { type: 'line', color: '#31688e', strokeWidth: 2 },
            encoding: { x: { field: 't', type: 'quantitative', title: 'x₁', scale: { domain: [-extent, extent], nice: false } }, y: { field: 'f', type: 'quantitative', title: 'f̄(x₁, 0)' } },
          },
          {
            data: { values: marks.map((m) => ({ ...m, f: round(expectedObjective(Float64Array.from([m.x, 0]), x0, d)) })) },
            mark: { type: 'point', filled: true, size: 60, color: '#e4572e' },
            encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'f', type: 'quantitative' } },
          },
        ],
      },
    ],
    resolve: { scale: { color: 'independent' } },
    config: { font: 'DejaVu Sans', view: { stroke: null } },
  } as TopLevelSpec;
}

/** Unicode subscript digits. */
function sub(d: number): string {
  return String(d).replace(/\d/g, (c) => '₀₁₂₃₄₅₆₇₈₉'[Number(c)]!);
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/**
 * Render Figure 1 into `<dir>/fig1.svg` and `<dir>/fig1.png` (atomic writes).
 * @returns the written paths and ρ_d.
 */
export async function writeFigure1(dir: string, options: Figure1Options = {}): Promise<{ svg: string; png: string; width: number; height: number; rho: number; d: number }> {
  const d = options.d ?? 2;
  const r = await writePlot({ vegaLite: figure1Spec(options) }, dir, 'fig1');
  return { ...r, rho: rhoOf(d), d };
}
