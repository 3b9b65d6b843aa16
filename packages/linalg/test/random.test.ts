import { describe, expect, it } from 'vitest';
import { Rng } from '../src/index.js';

/** n scalar draws: the reference gaussianVec must reproduce. */
function scalarDraws(rng: Rng, n: number, sigma: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = sigma * rng.gaussian();
  return out;
}

describe('Rng.gaussianVec', () => {
  it.each([0, 1, 2, 3, 10, 1001])('gives the same numbers as %i scalar gaussian() calls, and leaves the same state', (n) => {
    for (const sigma of [1, 0.37]) {
      const a = new Rng(12345 + n), b = new Rng(12345 + n);
      expect(Array.from(a.gaussianVec(n, sigma))).toEqual(Array.from(scalarDraws(b, n, sigma)));
      // the stream continues identically (the Box–Muller spare and the integer state)
      expect(Array.from(a.gaussianVec(5))).toEqual(Array.from(scalarDraws(b, 5, 1)));
      expect(a.nextUint32()).toBe(b.nextUint32());
    }
  });

  it('uses a pending Box–Muller spare first', () => {
    const a = new Rng(7), b = new Rng(7);
    expect(a.gaussian()).toBe(b.gaussian());
    expect(Array.from(a.gaussianVec(6, 2))).toEqual(Array.from(scalarDraws(b, 6, 2)));
    expect(a.uniform()).toBe(b.uniform());
  });
});
