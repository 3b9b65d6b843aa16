/**
 * Property-based tests of the safetensors reader and writer (fast-check, a small fixed budget): a
 * round trip of random tensors, and files that are truncated, have random header bytes, or lie
 * about their header length, shapes and offsets. The reader must either return tensors whose size
 * the file's bytes bound, or throw a SafetensorsError; nothing else, never a huge allocation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SafetensorsError, readSafetensors, writeSafetensors, type SafetensorsFile, type Tensor } from '../src/safetensors.js';

const RUNS = { numRuns: 150, seed: 17 };

/** Read `bytes`; a SafetensorsError is fine, any other throw fails the property. */
function readOrTypedError(bytes: Uint8Array): SafetensorsFile | undefined {
  try {
    const file = readSafetensors(bytes);
    let entries = 0;
    for (const t of file.tensors.values()) {
      expect(t.data.length).toBe(t.shape.reduce((a, b) => a * b, 1));
      entries += t.data.length;
    }
    expect(2 * entries).toBeLessThanOrEqual(bytes.length); // every entry took at least 2 bytes of the file
    return file;
  } catch (e) {
    if (!(e instanceof SafetensorsError)) throw e;
    return undefined;
  }
}

const shapeArb = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 });
const tensorArb: fc.Arbitrary<Tensor> = fc.oneof(
  shapeArb.chain((shape) => {
    const n = shape.reduce((a, b) => a * b, 1);
    return fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: n, maxLength: n }).map((d) => ({ dtype: 'F64' as const, shape, data: Float64Array.from(d) }));
  }),
  shapeArb.chain((shape) => {
    const n = shape.reduce((a, b) => a * b, 1);
    return fc.array(fc.float({ noNaN: true, noDefaultInfinity: true }), { minLength: n, maxLength: n }).map((d) => ({ dtype: 'F32' as const, shape, data: Float64Array.from(d) }));
  }),
);
const nameArb = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s !== '__metadata__');
const filesArb = fc.tuple(fc.dictionary(nameArb, tensorArb, { maxKeys: 4 }), fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 10 }), { maxKeys: 2 }));

describe('safetensors (property-based)', () => {
  it('round-trips random tensors and metadata', () => {
    fc.assert(
      fc.property(filesArb, ([tensors, metadata]) => {
        const back = readSafetensors(writeSafetensors(tensors, metadata));
        expect(back.metadata).toEqual(metadata);
        expect([...back.tensors.keys()].sort()).toEqual(Object.keys(tensors).sort());
        for (const [name, t] of Object.entries(tensors)) expect(back.tensors.get(name)).toEqual(t);
      }),
      RUNS,
    );
  });

  it('a truncated file is always a SafetensorsError', () => {
    fc.assert(
      fc.property(filesArb, fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), ([tensors, metadata], cut) => {
        const bytes = writeSafetensors(tensors, metadata);
        expect(() => readSafetensors(bytes.subarray(0, Math.floor(cut * bytes.length)))).toThrow(SafetensorsError);
      }),
      RUNS,
    );
  });

  it('random bytes in the header (or anywhere) give tensors the file bounds, or a SafetensorsError', () => {
    fc.assert(
      fc.property(filesArb, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.boolean(), ([tensors, metadata], edits, headerOnly) => {
        const bytes = writeSafetensors(tensors, metadata).slice();
        const headerEnd = 8 + Number(new DataView(bytes.buffer).getBigUint64(0, true));
        for (const [at, v] of edits) bytes[at % (headerOnly ? headerEnd : bytes.length)] = v;
        readOrTypedError(bytes);
      }),
      RUNS,
    );
  });

  it('lying header lengths, dtypes, shapes and offsets never crash or allocate beyond the file', () => {
    const big = fc.oneof(fc.integer({ min: -3, max: 64 }), fc.constantFrom(2 ** 31, 2 ** 32, 2 ** 40, 2 ** 53 - 1, 2 ** 53, 1e300, 0.5, -0));
    const entry = fc.record({
      dtype: fc.constantFrom('F64', 'F32', 'F16', 'BF16', 'I8', 'f32', 7),
      shape: fc.oneof(fc.array(big, { maxLength: 4 }), fc.constant('3x3')),
      data_offsets: fc.oneof(fc.tuple(big, big), fc.array(big, { maxLength: 3 })),
    });
    fc.assert(
      fc.property(fc.dictionary(nameArb, entry, { maxKeys: 4 }), fc.uint8Array({ maxLength: 96 }), fc.option(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })), (header, data, lyingLength) => {
        const json = new TextEncoder().encode(JSON.stringify(header));
        const bytes = new Uint8Array(8 + json.length + data.length);
        new DataView(bytes.buffer).setBigUint64(0, lyingLength ?? BigInt(json.length), true);
        bytes.set(json, 8);
        bytes.set(data, 8 + json.length);
        readOrTypedError(bytes);
      }),
      RUNS,
    );
  });

  it('random bytes are a SafetensorsError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => void readOrTypedError(bytes)), RUNS);
  });
});
