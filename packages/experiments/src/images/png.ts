/**
 * A small PNG encoder (8-bit grayscale or RGB, filter 0, one zlib stream from `node:zlib`) and a
 * decoder for the small 8-bit images `dpr solve --target FILE.png` reads (grayscale, gray+alpha,
 * RGB, RGBA; non-interlaced; every filter type). Anything else is a {@link PngFormatError} saying
 * what was found. Node-only.
 * @see https://www.w3.org/TR/png/ (chunk layout, CRC-32, filters).
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { DprError } from '@dpr/linalg';
import { writeFileAtomic } from '../write-atomic.js';

/** The 8-byte PNG signature. */
export const PNG_SIGNATURE: Uint8Array = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** An image as 8-bit samples, row-major, `channels` samples a pixel (1 = gray, 3 = RGB, 4 = RGBA). */
export interface RasterImage {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  /** width · height · channels bytes. */
  data: Uint8Array;
}

/** A PNG file the decoder cannot read (bad signature or CRC, unsupported bit depth, interlacing…). */
export class PngFormatError extends DprError {
  constructor(detail: string) {
    super('E_PNG_FORMAT', `PNG: ${detail}`);
  }
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (ISO-HDLC, as PNG uses it) of the bytes. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = (CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8)) >>> 0;
  return ~c >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function checkRaster(img: RasterImage): void {
  const { width, height, channels, data } = img;
  if (!Number.isSafeInteger(width) || width < 1 || !Number.isSafeInteger(height) || height < 1) throw new PngFormatError(`bad size ${width} × ${height}`);
  if (channels !== 1 && channels !== 3 && channels !== 4) throw new PngFormatError(`channels must be 1, 3 or 4, got ${String(channels)}`);
  if (data.length !== width * height * channels) throw new PngFormatError(`data has ${data.length} bytes, expected ${width * height * channels}`);
}

/** Encode an 8-bit image as PNG bytes (colour type 0, 2 or 6; filter 0 on every row). */
export function encodePng(img: RasterImage): Uint8Array {
  checkRaster(img);
  const { width, height, channels, data } = img;
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr[8] = 8;
  ihdr[9] = channels === 1 ? 0 : channels === 3 ? 2 : 6;
  const stride = width * channels;
  const raw = new Uint8Array(height * (stride + 1));
  for (let r = 0; r < height; r++) raw.set(data.subarray(r * stride, (r + 1) * stride), r * (stride + 1) + 1);
  const idat = new Uint8Array(deflateSync(raw, { level: 9 }));
  const parts = [PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Encode and write atomically (temporary file + rename). */
export function writePng(path: string, img: RasterImage): void {
  writeFileAtomic(path, encodePng(img));
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Decode an 8-bit, non-interlaced PNG (grayscale, gray+alpha, RGB or RGBA). Gray+alpha is returned
 * as RGBA. CRCs are checked.
 */
export function decodePng(bytes: Uint8Array): RasterImage {
  if (bytes.length < 8 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) throw new PngFormatError('not a PNG file (bad signature)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = 8;
  let width = 0, height = 0, colorType = -1;
  const idat: Uint8Array[] = [];
  let ended = false;
  while (o + 12 <= bytes.length) {
    const len = view.getUint32(o);
    if (o + 12 + len > bytes.length) throw new PngFormatError(`chunk at byte ${o} runs past the end of the file`);
    const type = String.fromCharCode(...bytes.subarray(o + 4, o + 8));
    const data = bytes.subarray(o + 8, o + 8 + len);
    if (crc32(bytes.subarray(o + 4, o + 8 + len)) !== view.getUint32(o + 8 + len)) throw new PngFormatError(`bad CRC in chunk ${type}`);
    if (type === 'IHDR') {
      const d = new DataView(data.buffer, data.byteOffset, data.byteLength);
      width = d.getUint32(0);
      height = d.getUint32(4);
      const depth = data[8]!;
      colorType = data[9]!;
      if (depth !== 8) throw new PngFormatError(`bit depth ${depth} is not supported (8 only)`);
      if (![0, 2, 4, 6].includes(colorType)) throw new PngFormatError(`colour type ${colorType} is not supported (grayscale, RGB, gray+alpha or RGBA; no palettes)`);
      if (data[12] !== 0) throw new PngFormatError('interlaced PNGs are not supported');
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    o += 12 + len;
  }
  if (colorType < 0) throw new PngFormatError('no IHDR chunk');
  if (!ended) throw new PngFormatError('no IEND chunk (truncated file?)');
  const inCh = colorType === 0 ? 1 : colorType === 2 ? 3 : colorType === 4 ? 2 : 4;
  const joined = new Uint8Array(idat.reduce((s, p) => s + p.length, 0));
  let p = 0;
  for (const d of idat) {
    joined.set(d, p);
    p += d.length;
  }
  let raw: Uint8Array;
  try {
    raw = new Uint8Array(inflateSync(joined));
  } catch (e) {
    throw new PngFormatError(`cannot inflate the image data (${(e as Error).message})`);
  }
  const stride = width * inCh;
  if (raw.length < height * (stride + 1)) throw new PngFormatError(`image data has ${raw.length} bytes, expected ${height * (stride + 1)}`);
  const px = new Uint8Array(height * stride);
  for (let r = 0; r < height; r++) {
    const filter = raw[r * (stride + 1)]!;
    const src = raw.subarray(r * (stride + 1) + 1, (r + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= inCh ? px[r * stride + i - inCh]! : 0;
      const b = r > 0 ? px[(r - 1) * stride + i]! : 0;
      const c = r > 0 && i >= inCh ? px[(r - 1) * stride + i - inCh]! : 0;
      const x = src[i]!;
      let value: number;
      if (filter === 0) value = x;
      else if (filter === 1) value = x + a;
      else if (filter === 2) value = x + b;
      else if (filter === 3) value = x + ((a + b) >> 1);
      else if (filter === 4) value = x + paeth(a, b, c);
      else throw new PngFormatError(`unknown filter type ${filter} on row ${r}`);
      px[r * stride + i] = value & 0xff;
    }
  }
  if (inCh !== 2) return { width, height, channels: inCh as 1 | 3 | 4, data: px };
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const g = px[2 * i]!;
    rgba.set([g, g, g, px[2 * i + 1]!], 4 * i);
  }
  return { width, height, channels: 4, data: rgba };
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
