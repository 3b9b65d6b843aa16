/**
 * PPower (generative spectral initialisation): on small seeded prior instances its start is far
 * better aligned with the truth than DPR's random start, DPR from it succeeds at least as often,
 * it is deterministic for a seed, and bad options are typed errors.
 */
import { describe, expect, it } from 'vitest';
import { ArgumentError, Rng, deriveSeed, nrm2 } from '@dpr/linalg';
import { dpr, gaussianPriorInstance, operatorRowNorms2, ppowerInit, relativeError } from '../src/index.js';

const cosine = (a: Float64Array, b: Float64Array) => a.reduce((s, v, i) => s + v * b[i]!, 0) / (nrm2(a) * nrm2(b));

describe('ppowerInit', () => {
  it('on Section 4.1 instances (k = 10, n = 1000, m = 100) starts closer to the truth than a random start, and DPR from it succeeds more often', () => {
    const m = 100, seeds = [0, 1, 2, 3];
    let cosPP = 0, cosRandom = 0, okPP = 0, okRandom = 0;
    for (const seed of seeds) {
      const { problem } = gaussianPriorInstance({ m, seed });
      const G = problem.prior;
      const pp = ppowerInit(problem, { seed: deriveSeed(seed, 5) });
      cosPP += cosine(G.forward(pp.latent), problem.truth);
      cosRandom += cosine(G.forward(new Rng(seed).gaussianVec(10)), problem.truth);
      // scaled to the data's norm estimate λ = sqrt(n Σ b² / Σ ‖a_i‖²) (≈ sqrt(mean b²) for N(0, 1) entries)
      const lambda = Math.sqrt((1000 * problem.b.reduce((s, v) => s + v * v, 0)) / operatorRowNorms2(problem.A).reduce((s, v) => s + v, 0));
      expect(nrm2(G.forward(pp.latent)) / lambda).toBeCloseTo(1, 6);
      okPP += relativeError(dpr.solve(problem, { seed, init: pp.latent }).estimate, problem.truth) <= 1e-3 ? 1 : 0;
      okRandom += relativeError(dpr.solve(problem, { seed }).estimate, problem.truth) <= 1e-3 ? 1 : 0;
    }
    expect(cosPP).toBeGreaterThan(cosRandom);
    expect(okPP).toBeGreaterThanOrEqual(okRandom);
    expect(okPP).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('is deterministic for a seed and rejects bad options with typed errors', () => {
    const { problem } = gaussianPriorInstance({ dims: [3, 20, 40], m: 30, seed: 1 });
    const a = ppowerInit(problem, { seed: 2, iterations: 3 }), b = ppowerInit(problem, { seed: 2, iterations: 3 });
    expect(Array.from(a.latent)).toEqual(Array.from(b.latent));
    expect(a.iterations).toBeLessThanOrEqual(3);
    expect(() => ppowerInit(problem, { iterations: 0 })).toThrow(ArgumentError);
    expect(() => ppowerInit(problem, { learningRate: -1 })).toThrow(/learningRate/);
    expect(() => ppowerInit({ A: problem.A, b: problem.b })).toThrow(/prior/);
  });
});
