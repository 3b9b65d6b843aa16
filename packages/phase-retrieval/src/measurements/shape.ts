/**
 * The signal shape of a measurement model: n entries, optionally an H × W image (H·W = n).
 */
import { ArgumentError } from '@dpr/linalg';

/** [n] or [H, W], validated against n. */
export function signalShape(n: number, shape: readonly number[] | undefined): readonly number[] {
  if (!Number.isSafeInteger(n) || n < 1) throw new ArgumentError('n', 'a positive integer signal dimension', n);
  if (shape === undefined) return [n];
  const ok = Array.isArray(shape) && (shape.length === 1 || shape.length === 2) && shape.every((d) => Number.isSafeInteger(d) && d >= 1);
  if (!ok || shape.reduce((a, d) => a * d, 1) !== n) throw new ArgumentError('shape', `[n] or [H, W] with H·W = n = ${n}`, shape);
  return [...shape];
}

/** Parse `N` or `HxW` (e.g. `64x64`) into n and its shape. */
export function parseSignalSize(text: string): { n: number; shape: readonly number[] } {
  const m = /^(\d+)(?:x(\d+))?$/.exec(text.trim());
  if (!m) throw new ArgumentError('n', 'N or HxW (e.g. 1000 or 64x64)', text);
  const dims = m[2] === undefined ? [Number(m[1])] : [Number(m[1]), Number(m[2])];
  if (dims.some((d) => !Number.isSafeInteger(d) || d < 1)) throw new ArgumentError('n', 'positive integer sizes', text);
  const n = dims.reduce((a, d) => a * d, 1);
  return { n, shape: dims };
}

/** The measurement count a model derives (CDP: L·n, Fourier: the padded size); a given m must agree. */
export function derivedMeasurementCount(model: string, derived: number, m: number | undefined): number {
  if (m !== undefined && m !== derived) throw new ArgumentError('m', `${derived} (fixed by '${model}' and the signal size) or omitted`, m);
  return derived;
}
