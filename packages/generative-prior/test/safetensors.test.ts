import { describe, expect, it } from 'vitest';
import { Rng } from '@dpr/linalg';
import { floatToHalf, readSafetensors, requireTensor, SafetensorsError, writeSafetensors } from '../src/index.js';

function raw(header: object | string, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const json = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

describe('safetensors', () => {
  it('reads a hand-built file byte for byte (F32 and F64, little-endian)', () => {
    const data = new Uint8Array(8 + 8);
    const dv = new DataView(data.buffer);
    dv.setFloat32(0, 1.5, true);
    dv.setFloat32(4, -2, true);
    dv.setFloat64(8, Math.PI, true);
    const f = readSafetensors(raw({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F64', shape: [1, 1], data_offsets: [8, 16] }, __metadata__: { format: 'pt' } }, data));
    expect(Array.from(f.tensors.get('a')!.data)).toEqual([1.5, -2]);
    expect(f.tensors.get('b')!.data[0]).toBe(Math.PI);
    expect(f.tensors.get('b')!.shape).toEqual([1, 1]);
    expect(f.metadata).toEqual({ format: 'pt' });
  });

  it('reads tensors at any byte offset, also from a view into a larger buffer', () => {
    // F64 at data offset 3 and F32 at 1 (a header whose length is not a multiple of 8 moves both off
    // their element alignment), read from a Uint8Array that starts 5 bytes into its buffer
    const values64 = [Math.PI, -1e300, 5e-324], values32 = [1.5, -0.25];
    const data = new Uint8Array(3 + 24 + 8 + 1);
    const dv = new DataView(data.buffer);
    values64.forEach((v, i) => dv.setFloat64(3 + 8 * i, v, true));
    values32.forEach((v, i) => dv.setFloat32(27 + 4 * i, v, true));
    for (const pad of ['', ' ', '  ', '   ']) {
      const file = raw(`{"d":{"dtype":"F64","shape":[3],"data_offsets":[3,27]},"s":{"dtype":"F32","shape":[2],"data_offsets":[27,35]}}${pad}`, data);
      const big = new Uint8Array(file.length + 9);
      big.set(file, 5);
      // a small Node Buffer comes from a shared pool, at an offset into it
      for (const bytes of [file, big.subarray(5, 5 + file.length), Buffer.from(file)]) {
        const f = readSafetensors(bytes);
        expect(Array.from(f.tensors.get('d')!.data)).toEqual(values64);
        expect(Array.from(f.tensors.get('s')!.data)).toEqual(values32);
      }
    }
  });

  it('rejects an infinite F32 or F64 entry wherever it sits', () => {
    for (const [dtype, size] of [['F32', 4], ['F64', 8]] as const) {
      for (const at of [0, 2, 4]) {
        const data = new Uint8Array(5 * size);
        const dv = new DataView(data.buffer);
        for (let i = 0; i < 5; i++) (size === 4 ? dv.setFloat32(4 * i, i, true) : dv.setFloat64(8 * i, i, true));
        if (size === 4) dv.setFloat32(4 * at, -Infinity, true);
        else dv.setFloat64(8 * at, Infinity, true);
        expect(() => readSafetensors(raw({ t: { dtype, shape: [5], data_offsets: [0, 5 * size] } }, data))).toThrow(new RegExp(`tensor 't': entry ${at} is not finite`));
      }
    }
  });

  it('reads F16 and BF16', () => {
    const data = new Uint8Array(4);
    const dv = new DataView(data.buffer);
    dv.setUint16(0, 0x3c00, true); // F16 1.0
    dv.setUint16(2, 0xc040, true); // BF16 -3.0
    const f = readSafetensors(raw({ h: { dtype: 'F16', shape: [1], data_offsets: [0, 2] }, g: { dtype: 'BF16', shape: [1], data_offsets: [2, 4] } }, data));
    expect(f.tensors.get('h')!.data[0]).toBe(1);
    expect(f.tensors.get('g')!.data[0]).toBe(-3);
  });

  it('round-trips through writeSafetensors with 8-byte aligned data', () => {
    const bytes = writeSafetensors({ W1: { dtype: 'F64', shape: [2, 3], data: Float64Array.from([1, 2, 3, 4, 5, 6]) }, x0: { dtype: 'F32', shape: [2], data: Float64Array.from([0.5, -0.25]) } }, { note: 'hi' });
    const headerLen = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + headerLen) % 8).toBe(0);
    const f = readSafetensors(bytes);
    expect(Array.from(requireTensor(f, 'W1', [2, 3]).data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(requireTensor(f, 'x0', [-1]).data)).toEqual([0.5, -0.25]);
    expect(f.metadata['note']).toBe('hi');
  });

  it('never trusts the header', () => {
    const ok = { dtype: 'F32', shape: [2], data_offsets: [0, 8] };
    const d8 = new Uint8Array(8);
    const cases: Array<[Uint8Array, RegExp]> = [
      [new Uint8Array(4), /too short/],
      [(() => { const b = raw({ a: ok }, d8); new DataView(b.buffer).setBigUint64(0, 10n ** 12n, true); return b; })(), /header length/],
      [raw('{"a": ', d8), /JSON/],
      [raw('[1,2]', d8), /JSON object/],
      [raw({ a: { ...ok, dtype: 'I8' } }, d8), /tensor 'a'.*dtype/],
      [raw({ a: { ...ok, shape: [2, -1] } }, d8), /tensor 'a'.*shape/],
      [raw({ a: { ...ok, data_offsets: [0, 16] } }, d8), /tensor 'a'.*outside/],
      [raw({ a: { ...ok, shape: [3] } }, d8), /tensor 'a'.*needs 12/],
      [raw({ a: ok, b: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } }, d8), /overlaps/],
      [raw({ a: ok, __metadata__: { v: 1 } }, d8), /__metadata__/],
      [raw({ a: ok }, new Uint8Array([0, 0, 0xc0, 0x7f, 0, 0, 0, 0])), /tensor 'a'.*not finite/],
    ];
    for (const [bytes, msg] of cases) {
      expect(() => readSafetensors(bytes)).toThrow(SafetensorsError);
      expect(() => readSafetensors(bytes)).toThrow(msg);
    }
    const f = readSafetensors(raw({ a: ok }, d8));
    expect(() => requireTensor(f, 'W1')).toThrow(/tensor 'W1': missing/);
    expect(() => requireTensor(f, 'a', [2, 1])).toThrow(/expected shape/);
  });
});

describe('F16 tensors', () => {
  /** The F16 bit patterns of a written file's only tensor. */
  const bitsOf = (file: Uint8Array): number[] => {
    const view = new DataView(file.buffer, file.byteOffset);
    const start = 8 + Number(view.getBigUint64(0, true));
    return Array.from({ length: (file.length - start) / 2 }, (_, i) => view.getUint16(start + 2 * i, true));
  };

  it('writes every finite half exactly, and rounds floats to the nearest half (ties to even)', () => {
    const halves: number[] = [];
    for (let h = 0; h < 0x10000; h++) if (((h >> 10) & 0x1f) !== 31) halves.push(h);
    const bytes = new Uint8Array(2 * halves.length);
    halves.forEach((h, i) => new DataView(bytes.buffer).setUint16(2 * i, h, true));
    const decoded = requireTensor(readSafetensors(raw({ h: { dtype: 'F16', shape: [halves.length], data_offsets: [0, bytes.length] } }, bytes)), 'h').data;
    const back = bitsOf(writeSafetensors({ h: { dtype: 'F16', shape: [halves.length], data: decoded } }));
    expect(back.filter((b, i) => b !== halves[i]).length).toBe(0);
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00); // tie → even (1.0)
    expect(floatToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie → even (1 + 2^-9)
    expect(floatToHalf(1 + 2 ** -11 + 2 ** -20)).toBe(0x3c01); // above the tie → up
    expect(floatToHalf(70000)).toBe(0x7c00);
    expect(floatToHalf(-(2 ** -26))).toBe(0x8000); // below half the smallest subnormal → -0
    expect(floatToHalf(2 ** -24)).toBe(0x0001);
    const x = new Rng(3).gaussianVec(1000);
    const y = requireTensor(readSafetensors(writeSafetensors({ x: { dtype: 'F16', shape: [1000], data: x } })), 'x').data;
    for (let i = 0; i < 1000; i++) expect(Math.abs(y[i]! - x[i]!)).toBeLessThanOrEqual(Math.max(Math.abs(x[i]!) * 2 ** -11, 2 ** -25));
  });
});
