/**
 * Property-based tests of the IDX reader (fast-check, a small fixed budget): random files round-trip,
 * and truncated, mutated or random bytes give an IdxFormatError or a tensor whose data is exactly
 * the rest of the file (a view, nothing allocated); nothing else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdxFormatError, encodeIdx, parseIdx } from '../src/idx.js';

const RUNS = { numRuns: 200, seed: 17 };

function parseOrTypedError(bytes: Uint8Array): void {
  try {
    const t = parseIdx(bytes, 'fuzz.idx');
    expect(t.data.length).toBe(t.dims.reduce((a, b) => a * b, 1));
    expect(t.data.buffer).toBe(bytes.buffer); // a view of the input
    expect(t.data.length).toBeLessThanOrEqual(bytes.length);
  } catch (e) {
    if (!(e instanceof IdxFormatError)) throw e;
    expect(e.message.startsWith('fuzz.idx: ')).toBe(true);
  }
}

const fileArb = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 }).chain((dims) => {
  const n = dims.reduce((a, b) => a * b, 1);
  return fc.tuple(fc.constant(dims), fc.uint8Array({ minLength: n, maxLength: n }));
});

describe('IDX reader (property-based)', () => {
  it('round-trips random dims and bytes, and checks the expected dims', () => {
    fc.assert(
      fc.property(fileArb, ([dims, data]) => {
        const t = parseIdx(encodeIdx(dims, data), 'x.idx', dims);
        expect(t.dims).toEqual(dims);
        expect(Array.from(t.data)).toEqual(Array.from(data));
        expect(() => parseIdx(encodeIdx(dims, data), 'x.idx', [...dims, 1])).toThrow(IdxFormatError);
      }),
      RUNS,
    );
  });

  it('truncated or extended files are an IdxFormatError', () => {
    fc.assert(
      fc.property(fileArb, fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 }), ([dims, data], cut, extra) => {
        const bytes = encodeIdx(dims, data);
        expect(() => parseIdx(bytes.subarray(0, cut % bytes.length), 'x.idx')).toThrow(IdxFormatError);
        const longer = new Uint8Array(bytes.length + extra.length);
        longer.set(bytes);
        longer.set(extra, bytes.length);
        expect(() => parseIdx(longer, 'x.idx')).toThrow(IdxFormatError);
      }),
      RUNS,
    );
  });

  it('mutated headers (lying dimensions, rank, type) and random bytes: a tensor the file bounds, or an IdxFormatError', () => {
    fc.assert(
      fc.property(fileArb, fc.array(fc.tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), ([dims, data], edits) => {
        const bytes = encodeIdx(dims, data).slice();
        for (const [at, v] of edits) if (at < bytes.length) bytes[at] = v;
        parseOrTypedError(bytes);
      }),
      RUNS,
    );
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), parseOrTypedError), RUNS);
  });
});
