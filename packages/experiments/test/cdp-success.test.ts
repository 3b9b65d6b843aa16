/** The CDP success-rate figure (issue 16): registered, deterministic, success rises with L. */
import { describe, expect, it } from 'vitest';
import { cdpSuccessConfig, cdpSuccessPoints, getFigure, type CdpSuccessConfig } from '../src/index.js';

describe('cdp-success figure', () => {
  it('is registered and its quick tier covers the five gradient methods on a 64x64 image', () => {
    expect(getFigure('cdp-success').id).toBe('cdp-success');
    const q = cdpSuccessConfig(true);
    expect(q.shape).toEqual([64, 64]);
    expect(q.methods).toEqual(['wirtinger-flow', 'twf', 'rwf', 'taf', 'raf']);
    expect(cdpSuccessConfig(false).trials).toBeGreaterThan(q.trials);
  });

  it('points are deterministic; one mask fails and six masks succeed on a small image', () => {
    const config: CdpSuccessConfig = { ...cdpSuccessConfig(true), shape: [8, 8], Ls: [1, 6], methods: ['wirtinger-flow', 'taf'], trials: 2, maxIters: 300 };
    const a = cdpSuccessPoints(config), b = cdpSuccessPoints(config);
    expect(a.map((p) => p.medianRelError)).toEqual(b.map((p) => p.medianRelError));
    expect(a.map((p) => `${p.method}/${p.L}`)).toEqual(['wirtinger-flow/1', 'wirtinger-flow/6', 'taf/1', 'taf/6']);
    for (const p of a) {
      expect(p.trials).toBe(2);
      expect(p.rate).toBe(p.L === 1 ? 0 : 1);
    }
  }, 60_000);
});
