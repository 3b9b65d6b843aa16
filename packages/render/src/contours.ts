/**
 * Contour lines of a function sampled on a rectangular grid, as line segments ready for a
 * Vega-Lite `rule` layer. The level sets come from `d3-contour` (marching squares with linear
 * interpolation); its rings also run along the grid's border (it closes every region), and those
 * border pieces are dropped, so only true level lines remain.
 */
import { contours } from 'd3-contour';
import { ArgumentError } from '@dpr/linalg';

/** One contour segment from (x, y) to (x2, y2) at `level`. */
export interface ContourSegment {
  level: number;
  x: number;
  y: number;
  x2: number;
  y2: number;
}

/** The coordinate of d3's grid position `c` (sample i sits at i + 0.5) on the axis `axis`. */
function toAxis(axis: ArrayLike<number>, c: number): number {
  const t = Math.min(Math.max(c - 0.5, 0), axis.length - 1);
  const i = Math.min(Math.floor(t), axis.length - 2);
  const f = t - i;
  return (axis[i] as number) + f * ((axis[i + 1] as number) - (axis[i] as number));
}

/**
 * Segments of the level sets {f = level} of values sampled at (xs[i], ys[j]), stored row-major by
 * y (`values[j * xs.length + i]`).
 */
export function contourSegments(xs: ArrayLike<number>, ys: ArrayLike<number>, values: ArrayLike<number>, levels: readonly number[]): ContourSegment[] {
  const nx = xs.length, ny = ys.length;
  if (nx < 2 || ny < 2) throw new ArgumentError('xs, ys', 'at least 2 grid points per axis', [nx, ny]);
  if (values.length !== nx * ny) throw new ArgumentError('values', `length ${nx * ny} (xs.length × ys.length)`, values.length);
  const onBorder = (p: readonly number[]) => p[0] === 0 || p[0] === nx || p[1] === 0 || p[1] === ny;
  const generator = contours().size([nx, ny]).smooth(true);
  const out: ContourSegment[] = [];
  const grid = Array.from(values, Number);
  for (const level of levels) {
    for (const polygon of generator.contour(grid, level).coordinates) {
      for (const ring of polygon) {
        for (let p = 0; p + 1 < ring.length; p++) {
          const a = ring[p]!, b = ring[p + 1]!;
          if (onBorder(a) || onBorder(b)) continue;
          out.push({ level, x: toAxis(xs, a[0]!), y: toAxis(ys, a[1]!), x2: toAxis(xs, b[0]!), y2: toAxis(ys, b[1]!) });
        }
      }
    }
  }
  return out;
}
