import { describe, expect, it } from 'vitest';
import { ArgumentError } from '@dpr/linalg';
import { contourSegments } from '../src/index.js';

describe('contourSegments', () => {
  it('traces the level set {x² + y² = 1} with endpoints on the circle', () => {
    const xs = Array.from({ length: 81 }, (_, i) => -2 + i / 20);
    const values = new Float64Array(81 * 81);
    for (let j = 0; j < 81; j++) for (let i = 0; i < 81; i++) values[j * 81 + i] = xs[i]! ** 2 + xs[j]! ** 2;
    const segs = contourSegments(xs, xs, values, [1]);
    expect(segs.length).toBeGreaterThan(100);
    for (const s of segs) {
      expect(Math.hypot(s.x, s.y)).toBeCloseTo(1, 2);
      expect(Math.hypot(s.x2, s.y2)).toBeCloseTo(1, 2);
    }
    expect(contourSegments(xs, xs, values, [100])).toEqual([]);
    expect(() => contourSegments([0], [0, 1], [1, 2], [1])).toThrow(ArgumentError);
    expect(() => contourSegments([0, 1], [0, 1], [1, 2], [1])).toThrow(ArgumentError);
  });
});
