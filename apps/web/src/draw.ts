/** Canvas drawing of the lab: images, signals, curves, heat maps with contours and paths. */
import { contourSegments } from '@dpr/render';

function ctx2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const c = canvas.getContext('2d');
  if (!c) throw new Error('no 2D canvas context');
  return c;
}

/** A w × h gray image with intensities in [0, 1] (clamped), scaled to the canvas. */
export function drawImage(canvas: HTMLCanvasElement, values: ArrayLike<number>, w: number, h: number): void {
  const c = ctx2d(canvas);
  const img = c.createImageData(w, h);
  for (let i = 0; i < w * h; i++) {
    const v = Math.round(255 * Math.min(1, Math.max(0, values[i] ?? 0)));
    img.data.set([v, v, v, 255], 4 * i);
  }
  const tmp = document.createElement('canvas');
  tmp.width = w;
  tmp.height = h;
  ctx2d(tmp).putImageData(img, 0, 0);
  c.imageSmoothingEnabled = false;
  c.clearRect(0, 0, canvas.width, canvas.height);
  c.drawImage(tmp, 0, 0, canvas.width, canvas.height);
}

/** Signals as lines over their index (the first one as the reference, drawn lighter). */
export function drawSignals(canvas: HTMLCanvasElement, series: Array<{ values: ArrayLike<number>; color: string }>): void {
  const c = ctx2d(canvas);
  const W = canvas.width, H = canvas.height;
  c.clearRect(0, 0, W, H);
  let lo = Infinity, hi = -Infinity, n = 0;
  for (const s of series) {
    n = Math.max(n, s.values.length);
    for (let i = 0; i < s.values.length; i++) {
      lo = Math.min(lo, s.values[i]!);
      hi = Math.max(hi, s.values[i]!);
    }
  }
  if (!(hi > lo)) hi = lo + 1;
  for (const s of series) {
    c.strokeStyle = s.color;
    c.lineWidth = 1;
    c.beginPath();
    for (let i = 0; i < s.values.length; i++) {
      const x = (i / Math.max(1, n - 1)) * (W - 4) + 2, y = H - 2 - ((s.values[i]! - lo) / (hi - lo)) * (H - 4);
      if (i === 0) c.moveTo(x, y);
      else c.lineTo(x, y);
    }
    c.stroke();
  }
}

/** One curve of a chart. */
export interface Curve { label: string; color: string; points: Array<[number, number]> }

/** Curves on shared axes (y on a log10 scale when `logY`), with a legend and the y range. */
export function drawCurves(canvas: HTMLCanvasElement, curves: Curve[], options: { logY?: boolean; yRange?: [number, number]; xLabel?: string } = {}): void {
  const c = ctx2d(canvas);
  const W = canvas.width, H = canvas.height, pad = 34;
  c.clearRect(0, 0, W, H);
  const tf = (v: number) => (options.logY ? Math.log10(Math.max(v, 1e-16)) : v);
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const cv of curves) for (const [x, y] of cv.points) {
    if (!Number.isFinite(y)) continue;
    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, tf(y)); y1 = Math.max(y1, tf(y));
  }
  if (options.yRange) [y0, y1] = options.yRange.map(tf) as [number, number];
  if (!(x1 > x0)) x1 = x0 + 1;
  if (!(y1 > y0)) y1 = y0 + 1;
  const px = (x: number) => pad + ((x - x0) / (x1 - x0)) * (W - pad - 8);
  const py = (y: number) => H - 18 - ((tf(y) - y0) / (y1 - y0)) * (H - 28);
  c.strokeStyle = '#999';
  c.strokeRect(pad, 10, W - pad - 8, H - 28);
  c.fillStyle = '#444';
  c.font = '10px sans-serif';
  const fmt = (v: number) => (options.logY ? `1e${v.toFixed(0)}` : v.toPrecision(2));
  c.fillText(fmt(y1), 2, 16);
  c.fillText(fmt(y0), 2, H - 18);
  c.fillText(`${options.xLabel ?? ''} ${x0.toPrecision(3)} … ${x1.toPrecision(3)}`, pad, H - 4);
  curves.forEach((cv, k) => {
    c.strokeStyle = cv.color;
    c.fillStyle = cv.color;
    c.lineWidth = 1.5;
    c.beginPath();
    let started = false;
    for (const [x, y] of cv.points) {
      if (!Number.isFinite(y)) continue;
      if (!started) c.moveTo(px(x), py(y));
      else c.lineTo(px(x), py(y));
      started = true;
    }
    c.stroke();
    if (cv.points.length < 30) for (const [x, y] of cv.points) if (Number.isFinite(y)) c.fillRect(px(x) - 2, py(y) - 2, 4, 4);
    c.fillText(cv.label, W - 110, 22 + 12 * k);
  });
}

/** Maps a latent point to canvas pixels and back, for a square [−extent, extent]². */
export interface PlaneMap { toPx(x: number, y: number): [number, number]; fromPx(px: number, py: number): [number, number] }

/** A heat map of size × size values (row-major by y, y up) over [−extent, extent]², with contours. */
export function drawHeatmap(canvas: HTMLCanvasElement, values: Float64Array, size: number, extent: number, levels = 12): PlaneMap {
  const c = ctx2d(canvas);
  const W = canvas.width, H = canvas.height;
  let lo = Infinity, hi = -Infinity;
  for (const v of values) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  const img = c.createImageData(size, size);
  for (let j = 0; j < size; j++) for (let i = 0; i < size; i++) {
    const t = Math.sqrt((values[j * size + i]! - lo) / (hi - lo || 1)); // sqrt: more contrast near the minima
    img.data.set([Math.round(255 * t), Math.round(80 + 100 * t), Math.round(255 * (1 - t)), 255], 4 * ((size - 1 - j) * size + i));
  }
  const tmp = document.createElement('canvas');
  tmp.width = size;
  tmp.height = size;
  ctx2d(tmp).putImageData(img, 0, 0);
  c.imageSmoothingEnabled = true;
  c.drawImage(tmp, 0, 0, W, H);
  const map: PlaneMap = {
    toPx: (x, y) => [((x + extent) / (2 * extent)) * W, H - ((y + extent) / (2 * extent)) * H],
    fromPx: (px, py) => [(px / W) * 2 * extent - extent, ((H - py) / H) * 2 * extent - extent],
  };
  const axis = Float64Array.from({ length: size }, (_, i) => -extent + (2 * extent * i) / (size - 1));
  const lv = Array.from({ length: levels }, (_, i) => lo + (hi - lo) * ((i + 1) / (levels + 1)) ** 2);
  c.strokeStyle = 'rgba(255,255,255,0.7)';
  c.lineWidth = 1;
  c.beginPath();
  for (const seg of contourSegments(axis, axis, values, lv)) {
    const [ax, ay] = map.toPx(seg.x, seg.y), [bx, by] = map.toPx(seg.x2, seg.y2);
    c.moveTo(ax, ay);
    c.lineTo(bx, by);
  }
  c.stroke();
  return map;
}

/** A labelled marker at a latent point. */
export function drawMarker(canvas: HTMLCanvasElement, map: PlaneMap, p: readonly [number, number], label: string, color: string): void {
  const c = ctx2d(canvas);
  const [x, y] = map.toPx(p[0], p[1]);
  c.fillStyle = color;
  c.beginPath();
  c.arc(x, y, 5, 0, 2 * Math.PI);
  c.fill();
  c.font = 'bold 12px sans-serif';
  c.fillText(label, x + 7, y - 7);
}

/** A path of latent points; the steps listed in `jumps` (negations) dashed in another color. */
export function drawPath(canvas: HTMLCanvasElement, map: PlaneMap, points: ReadonlyArray<readonly [number, number]>, jumps: readonly number[]): void {
  const c = ctx2d(canvas);
  const jumpSet = new Set(jumps);
  for (let t = 1; t < points.length; t++) {
    const [ax, ay] = map.toPx(points[t - 1]![0], points[t - 1]![1]), [bx, by] = map.toPx(points[t]![0], points[t]![1]);
    const jump = jumpSet.has(t);
    c.strokeStyle = jump ? '#ff2' : '#fff';
    c.setLineDash(jump ? [5, 4] : []);
    c.lineWidth = jump ? 2 : 1.5;
    c.beginPath();
    c.moveTo(ax, ay);
    c.lineTo(bx, by);
    c.stroke();
  }
  c.setLineDash([]);
  if (points.length > 0) drawMarker(canvas, map, points[0]!, 'start', '#fff');
}
