/**
 * Splitting a matrix into tiles that WebGL can hold: each tile is one texture, at most
 * MAX_TEXTURE_SIZE along each side and at most 2^24 entries (gpu.js maps thread and texel
 * indices through float32 texture coordinates, exact only below 2^24).
 */

/** Largest number of entries in one tile (and in one kernel output). */
export const MAX_TILE_ELEMENTS = 2 ** 24;

/** A block of rows/columns `[start, start + size)`. */
export interface Span {
  readonly start: number;
  readonly size: number;
}

/** Cut `[0, n)` into consecutive spans of at most `step` (none when n = 0). */
export function spans(n: number, step: number): Span[] {
  const out: Span[] = [];
  for (let start = 0; start < n; start += step) out.push({ start, size: Math.min(step, n - start) });
  return out;
}

/**
 * Tile sides for a `rows × cols` matrix: full rows when they fit (so that GEMV needs no partial
 * sums across column tiles), as many rows per tile as the limits allow.
 */
export function tileShape(rows: number, cols: number, maxTextureSize: number, maxElements = MAX_TILE_ELEMENTS): { rows: number; cols: number } {
  const c = Math.max(1, Math.min(cols, maxTextureSize, maxElements));
  const r = Math.max(1, Math.min(rows, maxTextureSize, Math.floor(maxElements / c)));
  return { rows: r, cols: c };
}
