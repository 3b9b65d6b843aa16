/**
 * Noise models: statistics with a seed (Gaussian σ from the SNR, realized SNR near the requested
 * one; Poisson mean and variance, mean photon count), determinism, parsing errors.
 */
import { describe, expect, it } from 'vitest';
import { ArgumentError, Rng, deriveSeed } from '@dpr/linalg';
import { NOISE_MODELS, addNoise, dpr, gaussianPriorInstance, logFactorial, parseNoiseSpec, poissonSample, realizedSnrDb, relativeError, relativeErrorUpToPhase } from '../src/index.js';

describe('noise', () => {
  const b = new Rng(1).gaussianVec(20000).map(Math.abs);

  it('gaussian:SNR_DB has the requested SNR on magnitudes (seeded, deterministic)', () => {
    for (const snr of [0, 10, 20, 40]) {
      const r = addNoise(b, `gaussian:${snr}`, 3);
      expect(r.spec).toEqual({ model: 'gaussian', snrDb: snr });
      expect(r.b.every((v) => v >= 0)).toBe(true);
      // the clamp at 0 can only raise the SNR; at 20 dB and above it hardly acts
      expect(r.snrDb).toBeGreaterThan(snr - 0.1);
      if (snr >= 20) expect(r.snrDb).toBeLessThan(snr + 0.2);
      expect(Array.from(addNoise(b, `gaussian:${snr}`, 3).b)).toEqual(Array.from(r.b));
      expect(Array.from(addNoise(b, `gaussian:${snr}`, 4).b)).not.toEqual(Array.from(r.b));
    }
    // σ² = (‖b‖²/m) 10^(−SNR/10): the residual variance at 30 dB
    const r = addNoise(b, 'gaussian:30', 5);
    let e = 0, s = 0;
    for (let i = 0; i < b.length; i++) {
      e += (r.b[i]! - b[i]!) ** 2;
      s += b[i]! ** 2;
    }
    expect(e / b.length / ((s / b.length) * 1e-3)).toBeGreaterThan(0.97);
    expect(e / b.length / ((s / b.length) * 1e-3)).toBeLessThan(1.03);
  });

  it('poisson:PHOTONS: counts have mean PHOTONS per measurement and b~ = sqrt(counts/s)', () => {
    for (const photons of [3, 100, 1e4]) {
      const r = addNoise(b, `poisson:${photons}`, 7);
      let ms = 0, counts = 0;
      for (const v of b) ms += v * v;
      ms /= b.length;
      const s = photons / ms;
      for (let i = 0; i < b.length; i++) {
        const c = s * r.b[i]! ** 2;
        expect(Math.abs(c - Math.round(c))).toBeLessThan(1e-6 * Math.max(1, c)); // integer counts
        counts += c;
      }
      expect(Math.abs(counts / b.length / photons - 1)).toBeLessThan(0.03);
    }
    // more photons, less noise (≈ 10 dB per decade)
    const snr = [10, 1000, 100000].map((p) => addNoise(b, `poisson:${p}`, 1).snrDb);
    expect(snr[1]! - snr[0]!).toBeGreaterThan(15);
    expect(snr[2]! - snr[1]!).toBeGreaterThan(15);
  });

  it('poissonSample: mean and variance λ on both branches; logFactorial', () => {
    for (const lambda of [0.5, 4, 12, 80, 5000]) {
      const rng = new Rng(Math.round(lambda * 10));
      const N = 40000;
      let s = 0, s2 = 0;
      for (let i = 0; i < N; i++) {
        const k = poissonSample(rng, lambda);
        expect(Number.isInteger(k) && k >= 0).toBe(true);
        s += k;
        s2 += k * k;
      }
      const mean = s / N, variance = s2 / N - mean * mean;
      expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / N));
      expect(Math.abs(variance / lambda - 1)).toBeLessThan(0.05);
    }
    let lf = 0;
    for (let k = 1; k <= 40; k++) {
      lf += Math.log(k);
      expect(Math.abs(logFactorial(k) - lf)).toBeLessThan(1e-10 * Math.max(1, lf));
    }
    expect(() => poissonSample(new Rng(1), -1)).toThrow(/lambda/);
  });

  it('parses specs and rejects bad ones with typed errors naming --noise', () => {
    expect(parseNoiseSpec('gaussian:20')).toEqual({ model: 'gaussian', snrDb: 20 });
    expect(parseNoiseSpec('poisson:1e3')).toEqual({ model: 'poisson', photons: 1000 });
    for (const bad of ['gaussian', 'gaussian:', 'gaussian:abc', 'poisson:0', 'poisson:-1', 'laplace:3', '']) {
      expect(() => parseNoiseSpec(bad)).toThrow(ArgumentError);
      expect(() => parseNoiseSpec(bad)).toThrow(/noise/);
    }
    expect(Object.keys(NOISE_MODELS)).toEqual(['gaussian', 'poisson']);
    expect(realizedSnrDb(b, b)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('noisy recovery and complex error', () => {
  it('DPR degrades gracefully with noise: relError <= 0.3 at 20 dB, smaller at 40 dB (Section 4.1, m = 200, seed 7)', () => {
    const { problem } = gaussianPriorInstance({ m: 200, seed: 7 });
    const errorAt = (snr: number) => {
      const b = addNoise(problem.b, `gaussian:${snr}`, deriveSeed(7, 4)).b;
      return relativeError(dpr.solve({ ...problem, b }, { seed: 7 }).estimate, problem.truth);
    };
    const e20 = errorAt(20), e40 = errorAt(40);
    expect(e20).toBeLessThanOrEqual(0.3);
    expect(e40).toBeLessThan(e20);
  });

  it('relativeErrorUpToPhase is invariant to a global phase and equals the brute-force minimum', () => {
    const rng = new Rng(4);
    const y0 = { re: rng.gaussianVec(20), im: rng.gaussianVec(20) };
    const theta = 0.7;
    const rotated = { re: y0.re.map((v, i) => Math.cos(theta) * v - Math.sin(theta) * y0.im[i]!), im: y0.re.map((v, i) => Math.sin(theta) * v + Math.cos(theta) * y0.im[i]!) };
    expect(relativeErrorUpToPhase(rotated, y0)).toBeLessThan(1e-12);
    const y = { re: rng.gaussianVec(20), im: rng.gaussianVec(20) };
    let best = Infinity;
    for (let k = 0; k < 20000; k++) {
      const t = (2 * Math.PI * k) / 20000;
      let d = 0, n0 = 0;
      for (let j = 0; j < 20; j++) {
        const r = y.re[j]! - (Math.cos(t) * y0.re[j]! - Math.sin(t) * y0.im[j]!), i = y.im[j]! - (Math.sin(t) * y0.re[j]! + Math.cos(t) * y0.im[j]!);
        d += r * r + i * i;
        n0 += y0.re[j]! ** 2 + y0.im[j]! ** 2;
      }
      best = Math.min(best, Math.sqrt(d / n0));
    }
    expect(relativeErrorUpToPhase(y, y0)).toBeCloseTo(best, 6);
  });
});
