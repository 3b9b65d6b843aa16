/**
 * Contour lines of a function sampled on a rectangular grid (marching squares), as line segments
 * ready for a Vega-Lite `rule` layer.
 */
import { ArgumentError } from '@dpr/linalg';

/** One contour segment from (x, y) to (x2, y2) at `level`. */
export interface ContourSegment {
  level: number;
  x: number;
  y: number;
  x2: number;
  y2: number;
}

/**
 * Marching squares: segments of the level sets {f = level} of values sampled at (xs[i], ys[j]),
 * stored row-major by y (`values[j * xs.length + i]`), with linear interpolation along cell edges.
 * Saddle cells are split by the cell-centre average.
 */
export function contourSegments(xs: ArrayLike<number>, ys: ArrayLike<number>, values: ArrayLike<number>, levels: readonly number[]): ContourSegment[] {
  const nx = xs.length, ny = ys.length;
  if (nx < 2 || ny < 2) throw new ArgumentError('xs, ys', 'at least 2 grid points per axis', [nx, ny]);
  if (values.length !== nx * ny) throw new ArgumentError('values', `length ${nx * ny} (xs.length × ys.length)`, values.length);
  const out: ContourSegment[] = [];
  const at = (i: number, j: number) => values[j * nx + i] as number;
  for (const level of levels) {
    for (let j = 0; j < ny - 1; j++) {
      for (let i = 0; i < nx - 1; i++) {
        // corners: 0 = (i, j), 1 = (i+1, j), 2 = (i+1, j+1), 3 = (i, j+1)
        const v: number[] = [at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)];
        const px = [xs[i] as number, xs[i + 1] as number, xs[i + 1] as number, xs[i] as number];
        const py = [ys[j] as number, ys[j] as number, ys[j + 1] as number, ys[j + 1] as number];
        let code = 0;
        for (let c = 0; c < 4; c++) if ((v[c] as number) > level) code |= 1 << c;
        if (code === 0 || code === 15) continue;
        // the crossing point on edge e (between corners e and e+1)
        const cross = (e: number): [number, number] => {
          const a = e, b = (e + 1) % 4;
          const va = v[a] as number, vb = v[b] as number;
          const t = (level - va) / (vb - va);
          return [px[a]! + t * (px[b]! - px[a]!), py[a]! + t * (py[b]! - py[a]!)];
        };
        const edges: number[] = [];
        for (let e = 0; e < 4; e++) {
          const above = (code >> e) & 1, next = (code >> ((e + 1) % 4)) & 1;
          if (above !== next) edges.push(e);
        }
        const pairs: Array<[number, number]> = [];
        if (edges.length === 2) pairs.push([edges[0]!, edges[1]!]);
        else {
          // saddle: four crossings; connect according to the centre value
          const centreAbove = v.reduce((s, q) => s + q, 0) / 4 > level;
          const corner0Above = (code & 1) === 1;
          if (centreAbove === corner0Above) pairs.push([0, 1], [2, 3]);
          else pairs.push([3, 0], [1, 2]);
        }
        for (const [e1, e2] of pairs) {
          const [x, y] = cross(e1), [x2, y2] = cross(e2);
          out.push({ level, x, y, x2, y2 });
        }
      }
    }
  }
  return out;
}
