import { describe, expect, it } from 'vitest';
import { plainBytes } from '../src/index.js';

describe('plainBytes', () => {
  it('returns a plain Uint8Array as it is', () => {
    const u = new Uint8Array([1, 2, 3]);
    expect(plainBytes(u)).toBe(u);
  });

  it('views a Node Buffer (pooled, at an offset) as a plain Uint8Array without copying', () => {
    const buf = Buffer.from([7, 8, 9, 10]);
    const u = plainBytes(buf);
    expect(Object.getPrototypeOf(u)).toBe(Uint8Array.prototype);
    expect(u.buffer).toBe(buf.buffer);
    expect([u.byteOffset, u.byteLength]).toEqual([buf.byteOffset, 4]);
    expect(Array.from(u)).toEqual([7, 8, 9, 10]);
    // slice of the view copies (a Buffer's slice would share the bytes)
    const s = u.slice(1, 3);
    s[0] = 99;
    expect(buf[1]).toBe(8);
  });

  it('views a subclass of Uint8Array the same way', () => {
    class Bytes extends Uint8Array {}
    const b = new Bytes([4, 5]);
    const u = plainBytes(b);
    expect(u).not.toBe(b);
    expect(u.constructor).toBe(Uint8Array);
    expect(Array.from(u)).toEqual([4, 5]);
  });
});
