/**
 * Least-squares fits for scaling tables (e.g. ε ~ C n^slope for the WDC, ~ C m^slope for the RRCP).
 */
import { ArgumentError } from '@dpr/linalg';

/** The least-squares line log y = log C + slope · log x through the points (x_i, y_i), all > 0. */
export function logLogSlope(x: readonly number[], y: readonly number[]): { slope: number; constant: number } {
  if (x.length !== y.length || x.length < 2) throw new ArgumentError('x, y', 'two arrays of equal length ≥ 2', x.length);
  const lx = x.map((v, i) => {
    if (!(v > 0) || !((y[i] as number) > 0)) throw new ArgumentError(`x[${i}], y[${i}]`, 'positive numbers', [v, y[i]]);
    return Math.log(v);
  });
  const ly = y.map((v) => Math.log(v));
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length, my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < lx.length; i++) {
    sxy += ((lx[i] as number) - mx) * ((ly[i] as number) - my);
    sxx += ((lx[i] as number) - mx) ** 2;
  }
  if (sxx === 0) throw new ArgumentError('x', 'at least two distinct values', x);
  const slope = sxy / sxx;
  return { slope, constant: Math.exp(my - slope * mx) };
}
