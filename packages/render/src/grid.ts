/**
 * Image grids for the figures: rows of equally sized images (intensities in [0, 1], clipped) with a
 * gap between them, optionally upscaled by an integer factor (nearest neighbour), as an 8-bit
 * {@link RasterImage} ready for {@link encodePng}.
 */
import { ArgumentError } from '@dpr/linalg';
import type { RasterImage } from './png.js';

/** Options of {@link composeGrid}. */
export interface GridOptions {
  /** Image width in pixels. */
  width: number;
  /** Image height in pixels. */
  height: number;
  /** 1 = grayscale (one value a pixel), 3 = RGB (interleaved r, g, b a pixel). Default 1. */
  channels?: 1 | 3;
  /** Gap between images and around the grid, in output pixels (default 2). */
  gap?: number;
  /** Integer upscaling factor (default 1). */
  scale?: number;
  /** Gap colour in [0, 1] (default 1: white). */
  background?: number;
}

/**
 * Compose rows of images into one picture. Rows may have different lengths (the grid is as wide as
 * the longest row); a missing image (undefined) leaves its cell blank.
 */
export function composeGrid(rows: ReadonlyArray<ReadonlyArray<ArrayLike<number> | undefined>>, options: GridOptions): RasterImage {
  const { width: w, height: h } = options;
  const ch = options.channels ?? 1, gap = options.gap ?? 2, s = options.scale ?? 1, bg = options.background ?? 1;
  if (!Number.isSafeInteger(s) || s < 1) throw new ArgumentError('scale', 'a positive integer', s);
  if (!Number.isSafeInteger(gap) || gap < 0) throw new ArgumentError('gap', 'a non-negative integer', gap);
  const cols = Math.max(1, ...rows.map((r) => r.length));
  const W = gap + cols * (w * s + gap), H = gap + Math.max(rows.length, 1) * (h * s + gap);
  const data = new Uint8Array(W * H * ch).fill(Math.round(255 * Math.min(1, Math.max(0, bg))));
  rows.forEach((row, ri) => {
    row.forEach((img, ci) => {
      if (!img) return;
      if (img.length !== w * h * ch) throw new ArgumentError(`rows[${ri}][${ci}]`, `${w * h * ch} values`, img.length);
      const x0 = gap + ci * (w * s + gap), y0 = gap + ri * (h * s + gap);
      for (let y = 0; y < h * s; y++) {
        for (let x = 0; x < w * s; x++) {
          const src = (Math.floor(y / s) * w + Math.floor(x / s)) * ch, dst = ((y0 + y) * W + x0 + x) * ch;
          for (let c = 0; c < ch; c++) {
            const v = img[src + c]!;
            data[dst + c] = Math.round(255 * Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0)));
          }
        }
      }
    });
  });
  return { width: W, height: H, channels: ch, data };
}
