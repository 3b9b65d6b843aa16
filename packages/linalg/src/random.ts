/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna, 2018) seeded through
 * splitmix32. Only 32-bit integer arithmetic (`Math.imul`, shifts) is used, so the integer
 * stream is bit-identical on every JavaScript engine. Uniform doubles take 53 random bits;
 * Gaussians use the Box–Muller transform (both variates are used), which depends on
 * `Math.log`/`Math.cos`/`Math.sin` and so is identical across V8-based runtimes (Node, Chromium)
 * and may differ in the last ulp on other engines.
 */
import { ArgumentError } from './errors.js';

function splitmix32(state: number): () => number {
  let s = state | 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Hash a seed and any number of integer labels into one 32-bit seed (for independent streams). */
export function deriveSeed(seed: number, ...labels: number[]): number {
  let h = splitmix32(seed >>> 0)();
  for (const l of labels) h = splitmix32((h ^ Math.imul(l | 0, 0x27d4eb2d)) >>> 0)();
  return h >>> 0;
}

/** A seeded random generator. Same seed, same numbers. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = Number.NaN;

  /** @param seed any safe integer; different seeds give independent-looking streams. */
  constructor(seed: number) {
    if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) throw new ArgumentError('seed', 'a safe integer', seed);
    const next = splitmix32((seed >>> 0) ^ Math.floor(seed / 4294967296));
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 1;
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    if (!Number.isSafeInteger(n) || n <= 0) throw new ArgumentError('n', 'a positive integer', n);
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal N(0, 1) draw (Box–Muller, both variates used). */
  gaussian(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = Number.NaN;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /**
   * A new vector of iid N(0, sigma^2) entries: the same numbers as n calls of {@link gaussian}
   * (scaled by sigma), drawn by one loop with the generator's state in locals (several times
   * faster for the large matrices of the experiments).
   */
  gaussianVec(n: number, sigma = 1): Float64Array {
    const out = new Float64Array(n);
    let i = 0;
    if (n > 0 && !Number.isNaN(this.spare)) out[i++] = sigma * this.gaussian();
    let a = this.a, b = this.b, c = this.c, d = this.d;
    const words = new Uint32Array(4); // four xoshiro128** outputs: the two uniforms of a pair
    for (; i + 1 < n; i += 2) {
      let u = 0, v = 0;
      do {
        // u (rejected while 0, as in gaussian()), then v: two 53-bit uniforms from four words
        for (let w = 0; w < 4; w++) {
          words[w] = Math.imul(rotl(Math.imul(b, 5), 7), 9);
          const t = b << 9;
          c ^= a;
          d ^= b;
          b ^= c;
          a ^= d;
          c ^= t;
          d = rotl(d, 11);
          if (w === 1) {
            u = (((words[0] as number) >>> 5) * 67108864 + ((words[1] as number) >>> 6)) / 9007199254740992;
            if (u === 0) break;
          }
        }
      } while (u === 0);
      v = (((words[2] as number) >>> 5) * 67108864 + ((words[3] as number) >>> 6)) / 9007199254740992;
      const r = Math.sqrt(-2 * Math.log(u));
      out[i] = sigma * (r * Math.cos(2 * Math.PI * v));
      out[i + 1] = sigma * (r * Math.sin(2 * Math.PI * v));
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    if (i < n) out[i] = sigma * this.gaussian();
    return out;
  }

  /** A new vector of iid U[0, 1) entries. */
  uniformVec(n: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.uniform();
    return out;
  }

  /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i] as number;
      p[i] = p[j] as number;
      p[j] = t;
    }
    return p;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
