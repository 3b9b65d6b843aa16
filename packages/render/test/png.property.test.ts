/**
 * Property-based tests of the PNG reader (fast-check, a small fixed budget): random images
 * round-trip; truncated, mutated and random files, and headers that lie about the size (with a
 * valid CRC), give a PngFormatError or an image whose size matches its data; nothing else, and no
 * allocation sized by a lying header.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PngFormatError, decodePng, encodePng, type RasterImage } from '../src/index.js';

const RUNS = { numRuns: 150, seed: 17 };

const imageArb: fc.Arbitrary<RasterImage> = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.constantFrom(1 as const, 3 as const, 4 as const))
  .chain(([width, height, channels]) => fc.uint8Array({ minLength: width * height * channels, maxLength: width * height * channels }).map((data) => ({ width, height, channels, data })));

function decodeOrTypedError(bytes: Uint8Array): void {
  try {
    const img = decodePng(bytes);
    expect(img.data.length).toBe(img.width * img.height * img.channels);
  } catch (e) {
    if (!(e instanceof PngFormatError)) throw e;
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** `png` with IHDR's width and height replaced, and the chunk's CRC made valid again. */
function withSize(png: Uint8Array, width: number, height: number): Uint8Array {
  const out = png.slice();
  const view = new DataView(out.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  view.setUint32(29, crc32(out.subarray(12, 29)));
  return out;
}

describe('PNG reader (property-based)', () => {
  it('round-trips random 8-bit images', () => {
    fc.assert(fc.property(imageArb, (img) => void expect(decodePng(encodePng(img))).toEqual(img)), RUNS);
  });

  it('truncated, mutated and random files: an image matching its data, or a PngFormatError', () => {
    fc.assert(
      fc.property(imageArb, fc.nat(), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), (img, cut, edits) => {
        const bytes = encodePng(img);
        expect(() => decodePng(bytes.subarray(0, cut % bytes.length))).toThrow(PngFormatError);
        const mutated = bytes.slice();
        for (const [at, v] of edits) mutated[at % mutated.length] = v;
        decodeOrTypedError(mutated);
      }),
      RUNS,
    );
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), decodeOrTypedError), RUNS);
  });

  it('a header that lies about the size (valid CRC) is a PngFormatError, whatever the size', () => {
    const side = fc.oneof(fc.integer({ min: 0, max: 64 }), fc.constantFrom(2 ** 16, 2 ** 24, 2 ** 31 - 1, 2 ** 32 - 1));
    fc.assert(
      fc.property(imageArb, side, side, (img, width, height) => {
        fc.pre(width !== img.width || height !== img.height);
        decodeOrTypedError(withSize(encodePng(img), width, height));
      }),
      RUNS,
    );
  });
});
