/**
 * The landscape view (Figure 1, k = 2): the expected objective f̄ and the empirical f of one
 * instance as heat maps with contours, x0 and −ρ_d x0 marked; a click on either map starts DPR
 * there and draws its path (negation jumps dashed yellow).
 */
import { drawHeatmap, drawMarker, drawPath, type PlaneMap } from '../draw.js';
import type { LandscapeEvent } from '../protocol.js';
import type { LabView, ViewContext } from './view.js';
import { el, figure, request } from './view.js';

const SIZE = 61, EXTENT = 2;

export function landscapeView(ctx: ViewContext): LabView {
  let parts: { expected: HTMLCanvasElement; empirical: HTMLCanvasElement; info: HTMLElement; result: HTMLElement } | undefined;
  let grids: LandscapeEvent | undefined;
  let maps: PlaneMap[] = [];

  const redraw = () => {
    if (!parts || !grids) return;
    const g = grids;
    maps = [drawHeatmap(parts.expected, g.expected, g.size, g.extent), drawHeatmap(parts.empirical, g.empirical, g.size, g.extent)];
    [parts.expected, parts.empirical].forEach((c, i) => {
      drawMarker(c, maps[i]!, g.x0, 'x0', '#0f0');
      drawMarker(c, maps[i]!, g.negRho, '−ρ_d x0', '#f0f');
    });
  };

  const startPath = async (start: [number, number]) => {
    if (!parts || !grids) return;
    redraw();
    ctx.status(`DPR from (${start[0].toFixed(2)}, ${start[1].toFixed(2)})…`);
    const outcome = await request(ctx, { type: 'path', settings: ctx.settings(), start }, (e) => {
      if (e.type !== 'path') return;
      for (const [i, c] of [parts!.expected, parts!.empirical].entries()) drawPath(c, maps[i]!, e.points, e.jumps);
      const end = e.points[e.points.length - 1]!;
      parts!.info.textContent = `DPR from (${start.map((v) => v.toFixed(2)).join(', ')}): ${e.points.length - 1} iterations, ${e.jumps.length} negation jump(s), ends at (${end.map((v) => v.toFixed(3)).join(', ')}), relative error ${e.relError.toExponential(2)}`;
      parts!.result.textContent = JSON.stringify({ start, iterations: e.points.length - 1, jumps: e.jumps, end, relError: e.relError });
    });
    if (outcome === 'done') ctx.status('path done');
  };

  return {
    mount(root) {
      const a = figure('expected objective f̄ (closed form, m → ∞)', 360, 360), b = figure('empirical objective f of this instance (x0 = [1, 0])', 360, 360);
      const info = el('p', { 'data-testid': 'path-info' }, 'click a map to start DPR there');
      const result = el('pre', { 'data-testid': 'path-result' });
      for (const c of [a.canvas, b.canvas]) {
        c.addEventListener('click', (ev) => {
          const i = c === a.canvas ? 0 : 1;
          if (!maps[i]) return;
          const r = c.getBoundingClientRect();
          void startPath(maps[i]!.fromPx(((ev.clientX - r.left) * c.width) / r.width, ((ev.clientY - r.top) * c.height) / r.height));
        });
      }
      root.append(el('p', {}, 'k = 2: the prior is the settings’ gaussian:2,… network (else 2-250-500) with fan-in weights N(0, 1/n_i) and A ~ N(0, 1/m).'), el('div', { class: 'panels' }, a.fig, b.fig), info, result);
      parts = { expected: a.canvas, empirical: b.canvas, info, result };
      redraw();
    },
    run() {
      return request(ctx, { type: 'landscape', settings: ctx.settings(), size: SIZE, extent: EXTENT }, (e) => {
        if (e.type === 'landscape') {
          grids = e;
          redraw();
        }
      });
    },
  };
}
