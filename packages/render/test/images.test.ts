import { deflateSync } from 'node:zlib';
import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { composeGrid, decodePng, encodePng, PngFormatError, toGrayscale01, type RasterImage } from '../src/index.js';

/** The 8-byte PNG signature (W3C PNG, 5.2). */
const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** CRC-32 as PNG uses it (W3C PNG, annex D), an independent check of the encoder's chunks. */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return ~c >>> 0;
}

function chunks(bytes: Uint8Array): Array<{ type: string; ok: boolean }> {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Array<{ type: string; ok: boolean }> = [];
  for (let o = 8; o < bytes.length; ) {
    const len = v.getUint32(o);
    out.push({ type: String.fromCharCode(...bytes.subarray(o + 4, o + 8)), ok: crc32(bytes.subarray(o + 4, o + 8 + len)) === v.getUint32(o + 8 + len) });
    o += 12 + len;
  }
  return out;
}

describe('PNG', () => {
  it('crc32 matches the reference value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  for (const channels of [1, 3, 4] as const) {
    it(`encode -> decode round trip (${channels} channel(s)), signature and CRCs`, () => {
      const img: RasterImage = { width: 28, height: 28, channels, data: Uint8Array.from({ length: 28 * 28 * channels }, (_, i) => (i * 37) & 0xff) };
      const bytes = encodePng(img);
      expect([...bytes.subarray(0, 8)]).toEqual([...PNG_SIGNATURE]);
      const cs = chunks(bytes);
      expect(cs.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
      expect(cs.every((c) => c.ok)).toBe(true);
      expect(decodePng(bytes)).toEqual(img);
    });
  }

  it('decodes every filter type (rows written with filters 1-4 by hand)', () => {
    const w = 3, h = 4, ch = 1;
    const px = Uint8Array.from({ length: w * h }, (_, i) => (i * 29 + 7) & 0xff);
    const raw: number[] = [];
    for (let r = 0; r < h; r++) {
      const f = r + 1; // 1 sub, 2 up, 3 average, 4 paeth
      raw.push(f);
      for (let i = 0; i < w; i++) {
        const x = px[r * w + i]!, a = i > 0 ? px[r * w + i - 1]! : 0, b = r > 0 ? px[(r - 1) * w + i]! : 0, c = r > 0 && i > 0 ? px[(r - 1) * w + i - 1]! : 0;
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        const pred = f === 1 ? a : f === 2 ? b : f === 3 ? (a + b) >> 1 : pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        raw.push((x - pred) & 0xff);
      }
    }
    const base = encodePng({ width: w, height: h, channels: ch, data: px });
    // swap the IDAT for the hand-filtered one
    const idat = new Uint8Array(deflateSync(Uint8Array.from(raw)));
    const head = base.subarray(0, 8 + 25);
    const body = new Uint8Array(12 + idat.length);
    new DataView(body.buffer).setUint32(0, idat.length);
    body.set(new TextEncoder().encode('IDAT'), 4);
    body.set(idat, 8);
    new DataView(body.buffer).setUint32(8 + idat.length, crc32(body.subarray(4, 8 + idat.length)));
    const file = new Uint8Array([...head, ...body, ...base.subarray(base.length - 12)]);
    expect(decodePng(file).data).toEqual(px);
  });

  it('rejects bad signatures, bad CRCs and truncated files with typed errors', () => {
    const good = encodePng({ width: 2, height: 2, channels: 1, data: new Uint8Array(4) });
    expect(() => decodePng(new Uint8Array(10))).toThrow(PngFormatError);
    const badCrc = good.slice();
    badCrc[30] = badCrc[30]! ^ 0xff;
    expect(() => decodePng(badCrc)).toThrow(/CRC/i);
    expect(() => decodePng(good.subarray(0, 40))).toThrow(PngFormatError);
  });

  it('reads 16-bit and gray+alpha files as 8-bit samples', () => {
    const g16 = encode({ width: 2, height: 1, channels: 1, depth: 16, data: Uint16Array.of(0, 65535) });
    expect(decodePng(g16)).toEqual({ width: 2, height: 1, channels: 1, data: Uint8Array.of(0, 255) });
    const ga = encode({ width: 1, height: 1, channels: 2, depth: 8, data: Uint8Array.of(200, 100) });
    expect(decodePng(ga)).toEqual({ width: 1, height: 1, channels: 4, data: Uint8Array.of(200, 200, 200, 100) });
  });

  it('grayscale conversion composites alpha on black', () => {
    expect([...toGrayscale01({ width: 2, height: 1, channels: 4, data: Uint8Array.of(255, 255, 255, 255, 255, 255, 255, 0) })]).toEqual([1, 0]);
  });
});

describe('composeGrid', () => {
  it('places upscaled images in rows with gaps', () => {
    const a = [0, 1, 1, 0], b = [1, 1, 1, 1];
    const g = composeGrid([[a, b], [b]], { width: 2, height: 2, gap: 1, scale: 2 });
    expect(g.width).toBe(1 + 2 * (4 + 1));
    expect(g.height).toBe(1 + 2 * (4 + 1));
    const at = (x: number, y: number) => g.data[y * g.width + x];
    expect(at(0, 0)).toBe(255); // gap (white)
    expect(at(1, 1)).toBe(0); // a[0], upscaled
    expect(at(2, 2)).toBe(0);
    expect(at(3, 1)).toBe(255); // a[1]
    expect(at(6, 6)).toBe(255); // b
    expect(at(6, 1 + 5 + 1)).toBe(255); // row 2, b
    expect(at(1 + 5 + 1, 1 + 5 + 1)).toBe(255); // row 2, missing cell: background
    expect(() => composeGrid([[a]], { width: 3, height: 3 })).toThrow();
  });
});
