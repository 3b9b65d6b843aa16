/**
 * The recovery view: truth | measurements | reconstruction side by side, residual and error
 * curves while the solver runs, a drop zone for the user's own image (target `image`), and when
 * the run ends the record of `dpr solve --json` in `[data-testid=result]`.
 */
import { encodePng } from '@dpr/render';
import { drawCurves, drawImage, drawSignals, type Curve } from '../draw.js';
import type { LabView, ViewContext } from './view.js';
import { el, figure, request } from './view.js';

const SIDE = 28;

/** A dropped image file as a 28 × 28 grayscale PNG (the VAE's size). */
async function imageToPng(file: Blob): Promise<Uint8Array> {
  const bitmap = await createImageBitmap(file);
  const canvas = el('canvas', { width: SIDE, height: SIDE });
  const c = canvas.getContext('2d')!;
  c.drawImage(bitmap, 0, 0, SIDE, SIDE);
  const rgba = c.getImageData(0, 0, SIDE, SIDE).data;
  const gray = new Uint8Array(SIDE * SIDE);
  for (let i = 0; i < gray.length; i++) gray[i] = Math.round(0.299 * rgba[4 * i]! + 0.587 * rgba[4 * i + 1]! + 0.114 * rgba[4 * i + 2]!);
  return encodePng({ width: SIDE, height: SIDE, channels: 1, data: gray });
}

export function recoveryView(ctx: ViewContext): LabView {
  let image: Uint8Array | undefined;
  let parts: { truth: HTMLCanvasElement; meas: HTMLCanvasElement; recon: HTMLCanvasElement; curves: HTMLCanvasElement; progress: HTMLElement; result: HTMLElement } | undefined;

  return {
    mount(root) {
      const truth = figure('truth y0 = G(x0)', 224, 224), meas = figure('measurements b = |A y0|', 224, 224), recon = figure('reconstruction', 224, 224);
      const curves = figure('residual ‖|Ay| − b‖/‖b‖ and relative error, per iteration', 680, 220);
      const picker = el('input', { type: 'file', accept: 'image/*', 'data-testid': 'image-file' });
      const drop = el('div', { class: 'drop', 'data-testid': 'drop' }, 'drop an image here or pick one (target = image, image priors) ', picker);
      const take = (file: File) => {
        void imageToPng(file).then((png) => {
          image = png;
          drop.firstChild!.textContent = `${file.name}: 28 × 28 gray; target = image `;
          ctx.useImage();
        }, (err: unknown) => ctx.status(`cannot read ${file.name}: ${String(err)}`, true));
      };
      picker.addEventListener('change', () => {
        if (picker.files?.[0]) take(picker.files[0]);
      });
      drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
      drop.addEventListener('dragleave', () => drop.classList.remove('over'));
      drop.addEventListener('drop', (e) => {
        e.preventDefault();
        drop.classList.remove('over');
        const file = e.dataTransfer?.files[0];
        if (file) take(file);
      });
      const progress = el('p', { 'data-testid': 'progress' });
      const result = el('pre', { 'data-testid': 'result-box' });
      root.append(el('div', { class: 'panels' }, truth.fig, meas.fig, recon.fig, drop), curves.fig, progress, result);
      parts = { truth: truth.canvas, meas: meas.canvas, recon: recon.canvas, curves: curves.canvas, progress, result };
    },

    async run() {
      const p = parts!;
      const s = ctx.settings();
      p.result.textContent = '';
      p.result.removeAttribute('data-testid');
      p.result.setAttribute('data-testid', 'result-box');
      const residual: Curve = { label: 'residual', color: '#2d6cdf', points: [] };
      const error: Curve = { label: 'relative error', color: '#d0402b', points: [] };
      let truth: Float64Array | null = null;
      let isImage = false;
      const show = (y: Float64Array) => {
        if (isImage) drawImage(p.recon, y, SIDE, SIDE);
        else drawSignals(p.recon, truth ? [{ values: truth, color: '#ccc' }, { values: y, color: '#d0402b' }] : [{ values: y, color: '#d0402b' }]);
      };
      const t0 = performance.now();
      return request(ctx, { type: 'solve', settings: s, assets: ctx.assets, ...(image ? { image } : {}) }, (e) => {
        if (e.type === 'problem') {
          truth = e.truth;
          isImage = e.image;
          if (truth) {
            if (isImage) drawImage(p.truth, truth, SIDE, SIDE);
            else drawSignals(p.truth, [{ values: truth, color: '#222' }]);
          }
          drawSignals(p.meas, [{ values: e.b, color: '#2a8a3a' }]);
        } else if (e.type === 'progress') {
          residual.points.push([e.iteration, e.residual]);
          if (e.error !== null) error.points.push([e.iteration, e.error]);
          drawCurves(p.curves, [residual, error], { logY: true, xLabel: 'iteration' });
          show(e.estimate);
          p.progress.textContent = `iteration ${e.iteration} / ${e.maxIters}: f = ${e.objective.toExponential(3)}, residual ${e.residual.toExponential(3)}${e.error === null ? '' : `, relative error ${e.error.toExponential(3)}`} (${((performance.now() - t0) / 1000).toFixed(1)} s)`;
        } else if (e.type === 'result') {
          const r = e.record;
          show(e.estimate);
          if (r.residual !== null) residual.points.push([r.iterations, r.residual]);
          if (r.relError !== null) error.points.push([r.iterations, r.relError]);
          drawCurves(p.curves, [residual, error], { logY: true, xLabel: 'iteration' });
          p.progress.textContent = `${r.algorithm} on ${r.backend}: ${r.iterations} iterations (${r.stopReason}), ${r.timeMs.toFixed(0)} ms; relative error ${r.relError?.toExponential(3) ?? 'n/a'}${r.perPixelError === null ? '' : `, per-pixel error ${r.perPixelError.toExponential(3)}`}`;
          p.result.textContent = JSON.stringify(r);
          p.result.setAttribute('data-testid', 'result');
        }
      });
    },
  };
}
