/**
 * PNG files through `fast-png` (pure JavaScript, runs in browsers too): 8-bit grayscale, RGB or
 * RGBA images out, and any PNG in (grayscale, gray+alpha, RGB, RGBA, palette; 8 or 16 bits,
 * interlaced or not) as 8-bit samples. A file fast-png cannot read is a {@link PngFormatError}
 * saying why.
 */
import { decode, encode } from 'fast-png';
import { DprError } from '@dpr/linalg';

/** An image as 8-bit samples, row-major, `channels` samples a pixel (1 = gray, 3 = RGB, 4 = RGBA). */
export interface RasterImage {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  /** width · height · channels bytes. */
  data: Uint8Array;
}

/** A PNG file that cannot be read, or an image that cannot be written. */
export class PngFormatError extends DprError {
  constructor(detail: string) {
    super('E_PNG_FORMAT', `PNG: ${detail}`);
  }
}

function checkRaster(img: RasterImage): void {
  const { width, height, channels, data } = img;
  if (!Number.isSafeInteger(width) || width < 1 || !Number.isSafeInteger(height) || height < 1) throw new PngFormatError(`bad size ${width} × ${height}`);
  if (channels !== 1 && channels !== 3 && channels !== 4) throw new PngFormatError(`channels must be 1, 3 or 4, got ${String(channels)}`);
  if (!(data instanceof Uint8Array) || data.length !== width * height * channels) throw new PngFormatError(`data has ${data?.length} bytes, expected ${width * height * channels}`);
}

/** Encode an 8-bit image as PNG bytes. */
export function encodePng(img: RasterImage): Uint8Array {
  checkRaster(img);
  return encode({ width: img.width, height: img.height, data: img.data, channels: img.channels, depth: 8 });
}

/** The most pixels a decoded image may have (8192 × 8192). */
export const MAX_PNG_PIXELS = 2 ** 26;

/** Deflate expands at most 1032-fold: bytes of raw scanlines a file of `n` bytes can hold. */
const inflatedBound = (n: number) => 1032 * n + 1024;

/**
 * Check the size IHDR claims before anything is decoded: at least 1 × 1, at most
 * {@link MAX_PNG_PIXELS}, and no more scanline bytes (at one bit a pixel, the least) than the
 * file's compressed bytes can inflate to — so a lying header cannot make the decoder allocate.
 */
function checkHeaderSize(bytes: Uint8Array): void {
  const view = bytes.length >= 24 ? new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength) : undefined;
  if (!view || view.getUint32(12) !== 0x49484452) return; // no IHDR where it belongs: the decoder says why
  const width = view.getUint32(16), height = view.getUint32(20);
  if (width < 1 || height < 1) throw new PngFormatError(`bad size ${width} × ${height} in IHDR`);
  if (width * height > MAX_PNG_PIXELS) throw new PngFormatError(`image too large: ${width} × ${height} pixels (at most ${MAX_PNG_PIXELS})`);
  if (height * (1 + Math.ceil(width / 8)) > inflatedBound(bytes.length)) {
    throw new PngFormatError(`IHDR claims ${width} × ${height} pixels, more than a ${bytes.length}-byte file can hold`);
  }
}

/** Decode a PNG into 8-bit samples (gray+alpha and palettes come back as RGBA, 16-bit samples are rounded to 8). */
export function decodePng(bytes: Uint8Array): RasterImage {
  checkHeaderSize(bytes);
  let png: ReturnType<typeof decode>;
  try {
    png = decode(bytes, { checkCrc: true });
  } catch (e) {
    throw new PngFormatError(`cannot decode (${(e as Error).message})`);
  }
  const { width, height } = png;
  const n = width * height;
  const to8 = (v: number) => (png.depth === 16 ? Math.round(v / 257) : v);
  if (png.palette) {
    const rgba = new Uint8Array(4 * n);
    for (let i = 0; i < n; i++) {
      const c = png.palette[png.data[i] as number];
      if (!c) throw new PngFormatError(`palette index ${png.data[i]} at pixel ${i} is out of range`);
      rgba.set([c[0]!, c[1]!, c[2]!, c[3] ?? 255], 4 * i);
    }
    return { width, height, channels: 4, data: rgba };
  }
  if (png.depth !== 8 && png.depth !== 16) throw new PngFormatError(`bit depth ${png.depth} is not supported (8 or 16)`);
  if (png.channels === 2) {
    const rgba = new Uint8Array(4 * n);
    for (let i = 0; i < n; i++) {
      const g = to8(png.data[2 * i] as number);
      rgba.set([g, g, g, to8(png.data[2 * i + 1] as number)], 4 * i);
    }
    return { width, height, channels: 4, data: rgba };
  }
  const data = png.depth === 8 ? Uint8Array.from(png.data) : Uint8Array.from(png.data, to8);
  return { width, height, channels: png.channels as 1 | 3 | 4, data };
}

/**
 * A decoded image as grayscale intensities in [0, 1] (row-major): RGB by the Rec. 601 luma
 * 0.299 R + 0.587 G + 0.114 B, alpha composited on black (so a transparent background is 0, like
 * MNIST's).
 */
export function toGrayscale01(img: RasterImage): Float64Array {
  const n = img.width * img.height, out = new Float64Array(n), ch = img.channels;
  for (let i = 0; i < n; i++) {
    const r = img.data[ch * i]!;
    let v = ch === 1 ? r : 0.299 * r + 0.587 * img.data[ch * i + 1]! + 0.114 * img.data[ch * i + 2]!;
    if (ch === 4) v *= img.data[ch * i + 3]! / 255;
    out[i] = v / 255;
  }
  return out;
}
