/**
 * The success-rate view (Figure 2 style): the settings' prior and algorithm at m = n/20 … n/2
 * (10 values), `trials` seeded recoveries each; the progress bar and the curve fill in as trials end.
 */
import { drawCurves, type Curve } from '../draw.js';
import type { LabView, ViewContext } from './view.js';
import { el, figure, request } from './view.js';

/** The m values of a sweep for signal dimension n: n/20, 2n/20, …, 10n/20. */
export function sweepMs(n: number): number[] {
  return Array.from({ length: 10 }, (_, i) => Math.max(1, Math.round(((i + 1) * n) / 20)));
}

/** Signal dimension of a prior spec (784 for the image priors). */
export function signalDim(prior: string): number {
  const dims = /^gaussian:(\d+(?:,\d+)+)$/.exec(prior)?.[1]?.split(',').map(Number);
  return dims ? dims[dims.length - 1]! : 784;
}

export function sweepView(ctx: ViewContext): LabView {
  let parts: { bar: HTMLProgressElement; chart: HTMLCanvasElement; result: HTMLElement } | undefined;
  return {
    mount(root) {
      const bar = el('progress', { max: 1, value: 0, 'data-testid': 'sweep-progress' });
      const chart = figure('empirical success rate (relative error ≤ 1e-3) against m/n', 560, 260);
      const result = el('pre', { 'data-testid': 'sweep-result' });
      root.append(el('p', {}, 'Recoveries at m = n/20 … n/2 with the settings’ prior, algorithm and backend; seeds seed … seed + trials − 1.'), bar, chart.fig, result);
      parts = { bar, chart: chart.canvas, result };
    },
    run() {
      const p = parts!;
      const s = ctx.settings();
      const n = signalDim(s.prior);
      const ms = sweepMs(n);
      const rates = new Map<number, number>();
      const curve: Curve = { label: s.algorithm, color: '#2d6cdf', points: [] };
      p.result.textContent = '';
      return request(ctx, { type: 'sweep', settings: s, ms }, (e) => {
        if (e.type !== 'sweep-point') return;
        p.bar.value = e.done / e.total;
        rates.set(e.m, e.successes / e.trials);
        curve.points = [...rates].map(([m, r]) => [m / n, r]);
        drawCurves(p.chart, [curve], { yRange: [0, 1], xLabel: 'm/n' });
        ctx.status(`sweep: ${e.done} / ${e.total} recoveries`);
        if (e.done === e.total) p.result.textContent = JSON.stringify({ n, points: curve.points.map(([x, r]) => ({ mOverN: x, rate: r })) });
      });
    },
  };
}
