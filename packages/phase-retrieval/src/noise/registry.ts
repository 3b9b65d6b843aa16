/**
 * Measurement noise, by spec: `gaussian:SNR_DB` or `poisson:PHOTONS` (one table, like the
 * measurement models; the CLI's `--noise`, the sweeps and the lab read it). Every model is seeded
 * and maps clean magnitudes b = |A y0| to noisy non-negative magnitudes b̃.
 *
 * - `gaussian:SNR_DB` (on magnitudes): b̃_i = max(0, b_i + σ g_i), g_i iid N(0, 1), with
 *   σ² = (‖b‖²/m) · 10^(−SNR_DB/10), i.e. SNR_DB is the expected SNR relative to the mean
 *   squared magnitude ‖b‖²/m. The clamp at 0 keeps magnitudes valid (it only ever moves b̃ toward
 *   b, so the realized SNR is at least the unclamped one).
 * - `poisson:PHOTONS` (on intensities): with the intensities I_i = b_i² and the scale
 *   s = PHOTONS / mean(I), the photon counts are c_i ~ Poisson(s · I_i) (so the mean count per
 *   measurement is PHOTONS in expectation), and b̃_i = sqrt(c_i / s) (same units as b).
 *
 * The realized SNR reported with a noisy solve is always on magnitudes:
 * snrDb = 10 log10(‖b‖² / ‖b̃ − b‖²) (∞ when b̃ = b).
 */
import { ArgumentError, Rng, type Vec } from '@dpr/linalg';
import { poissonSample } from './poisson.js';

/** A parsed noise spec. */
export type NoiseSpec = { readonly model: 'gaussian'; readonly snrDb: number } | { readonly model: 'poisson'; readonly photons: number };

/** One noise model. */
export interface NoiseModel {
  readonly id: NoiseSpec['model'];
  readonly summary: string;
  /** Parse the text after `id:`, or throw naming the parameter. */
  parse(params: string | undefined): NoiseSpec;
  /** Noisy magnitudes of the clean ones (b is not modified). */
  apply(b: Vec, spec: NoiseSpec, rng: Rng): Vec;
}

function numberParam(id: string, what: string, params: string | undefined, ok: (v: number) => boolean): number {
  const v = params === undefined || params.trim() === '' ? Number.NaN : Number(params);
  if (!Number.isFinite(v) || !ok(v)) throw new ArgumentError('noise', `${id}:${what}`, params === undefined ? id : `${id}:${params}`);
  return v;
}

function meanSquare(b: Vec): number {
  let s = 0;
  for (const v of b) s += v * v;
  return b.length > 0 ? s / b.length : 0;
}

export const gaussianNoise: NoiseModel = {
  id: 'gaussian',
  summary: 'gaussian:SNR_DB, additive N(0, sigma^2) on the magnitudes, sigma^2 = (||b||^2/m) 10^(-SNR/10), clamped at 0',
  parse: (params) => ({ model: 'gaussian', snrDb: numberParam('gaussian', 'SNR_DB with a finite SNR in dB (e.g. gaussian:20)', params, () => true) }),
  apply(b, spec, rng) {
    if (spec.model !== 'gaussian') throw new ArgumentError('spec.model', "'gaussian'", spec.model);
    const sigma = Math.sqrt(meanSquare(b) * 10 ** (-spec.snrDb / 10));
    return b.map((v) => Math.max(0, v + sigma * rng.gaussian()));
  },
};

export const poissonNoise: NoiseModel = {
  id: 'poisson',
  summary: 'poisson:PHOTONS, counts ~ Poisson(s |Ay|^2) with s set so the mean count per measurement is PHOTONS; b = sqrt(counts/s)',
  parse: (params) => ({ model: 'poisson', photons: numberParam('poisson', 'PHOTONS with a positive mean photon count per measurement (e.g. poisson:1000)', params, (v) => v > 0) }),
  apply(b, spec, rng) {
    if (spec.model !== 'poisson') throw new ArgumentError('spec.model', "'poisson'", spec.model);
    const mean = meanSquare(b);
    if (mean === 0) return b.slice();
    const s = spec.photons / mean;
    return b.map((v) => Math.sqrt(poissonSample(rng, s * v * v) / s));
  },
};

/** Every noise model, by id. */
export const NOISE_MODELS: Readonly<Record<string, NoiseModel>> = { gaussian: gaussianNoise, poisson: poissonNoise };

/** Parse `gaussian:SNR_DB` or `poisson:PHOTONS`. */
export function parseNoiseSpec(spec: string): NoiseSpec {
  if (typeof spec !== 'string') throw new ArgumentError('noise', 'gaussian:SNR_DB or poisson:PHOTONS', spec);
  const colon = spec.indexOf(':');
  const id = colon < 0 ? spec : spec.slice(0, colon);
  const model = NOISE_MODELS[id];
  if (!model) throw new ArgumentError('noise', `one of ${Object.keys(NOISE_MODELS).map((k) => `${k}:...`).join(', ')} (gaussian:SNR_DB, poisson:PHOTONS)`, spec);
  return model.parse(colon < 0 ? undefined : spec.slice(colon + 1));
}

/** The spec text of a parsed spec (e.g. for a sweep parameter). */
export function noiseSpecText(spec: NoiseSpec): string {
  return spec.model === 'gaussian' ? `gaussian:${spec.snrDb}` : `poisson:${spec.photons}`;
}

/** 10 log10(‖b‖² / ‖b̃ − b‖²) on magnitudes (∞ when equal). */
export function realizedSnrDb(clean: Vec, noisy: Vec): number {
  if (clean.length !== noisy.length) throw new ArgumentError('noisy', `length ${clean.length}`, noisy.length);
  let s = 0, e = 0;
  for (let i = 0; i < clean.length; i++) {
    s += (clean[i] as number) ** 2;
    e += ((noisy[i] as number) - (clean[i] as number)) ** 2;
  }
  return e === 0 ? Number.POSITIVE_INFINITY : 10 * Math.log10(s / e);
}

/** Noisy magnitudes for a spec (text or parsed) with a seed, and the realized SNR in dB. */
export function addNoise(b: Vec, spec: string | NoiseSpec, seed: number): { b: Vec; snrDb: number; spec: NoiseSpec } {
  const parsed = typeof spec === 'string' ? parseNoiseSpec(spec) : spec;
  if (!Number.isSafeInteger(seed)) throw new ArgumentError('seed', 'a safe integer', seed);
  const noisy = NOISE_MODELS[parsed.model]!.apply(b, parsed, new Rng(seed));
  return { b: noisy, snrDb: realizedSnrDb(b, noisy), spec: parsed };
}
