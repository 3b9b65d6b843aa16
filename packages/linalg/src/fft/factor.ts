/**
 * Planning the mixed-radix FFT: the radices of a length, the choice between them and Bluestein's
 * algorithm (pocketfft's cost model), and the twiddle factors of each Stockham pass.
 */

/** Radices of n in pass order: 4s, at most one 2, then 3s, 5s and the other primes ascending. */
export function radices(n: number): number[] {
  const out: number[] = [];
  let rest = n;
  while (rest % 4 === 0) {
    out.push(4);
    rest /= 4;
  }
  if (rest % 2 === 0) {
    out.push(2);
    rest /= 2;
  }
  for (let p = 3; p * p <= rest; p += 2) {
    while (rest % p === 0) {
      out.push(p);
      rest /= p;
    }
  }
  if (rest > 1) out.push(rest);
  return out;
}

/** pocketfft's operation-count guess for a direct mixed-radix transform of length n. */
export function costGuess(n: number): number {
  let cost = 0;
  for (const r of radices(n)) cost += r === 4 ? 4 : r <= 5 ? r : 1.1 * r; // larger odd radices pay a penalty
  return cost * n;
}

/** The smallest 2^a·3^b·5^c ≥ n (the lengths the hard-coded radices transform). */
export function goodSize(n: number): number {
  let best = 2 ** Math.ceil(Math.log2(Math.max(n, 1)));
  for (let f5 = 1; f5 < best; f5 *= 5) {
    for (let f35 = f5; f35 < best; f35 *= 3) {
      let v = f35;
      while (v < n) v *= 2;
      if (v < best) best = v;
    }
  }
  return best;
}

/** Whether Bluestein's algorithm (three transforms of length goodSize(2n − 1)) beats the direct one, as pocketfft decides. */
export function prefersBluestein(n: number): boolean {
  return n > 5 && 1.5 * 2 * costGuess(goodSize(2 * n - 1)) < costGuess(n);
}

/** One Stockham pass: radix r on a current length r·m, after passes whose radices multiply to s. */
export interface Pass {
  r: number;
  m: number;
  s: number;
  /** w_p^j = e^{−2πi pj/(r·m)} at (j − 1)·m + p, real and imaginary parts. */
  twRe: Float64Array;
  twIm: Float64Array;
}

/** The passes of the length-n forward DFT. */
export function passes(n: number): Pass[] {
  const out: Pass[] = [];
  let len = n, s = 1;
  for (const r of radices(n)) {
    const m = len / r;
    const twRe = new Float64Array((r - 1) * m), twIm = new Float64Array((r - 1) * m);
    for (let j = 1; j < r; j++) {
      for (let p = 0; p < m; p++) {
        const t = (-2 * Math.PI * ((p * j) % len)) / len;
        twRe[(j - 1) * m + p] = Math.cos(t);
        twIm[(j - 1) * m + p] = Math.sin(t);
      }
    }
    out.push({ r, m, s, twRe, twIm });
    len = m;
    s *= r;
  }
  return out;
}

/** cos(2πq/r) at q and sin(2πq/r) at r + q, q < r: the roots of an odd radix above 5. */
export function rootTable(r: number): Float64Array {
  const out = new Float64Array(2 * r);
  for (let q = 0; q < r; q++) {
    out[q] = Math.cos((2 * Math.PI * q) / r);
    out[r + q] = Math.sin((2 * Math.PI * q) / r);
  }
  return out;
}

/** The chirp w_j = e^{−πi j²/n} of Bluestein's algorithm (j² mod 2n keeps the angle exact). */
export function chirp(n: number): { re: Float64Array; im: Float64Array } {
  const re = new Float64Array(n), im = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const t = (-Math.PI * ((j * j) % (2 * n))) / n;
    re[j] = Math.cos(t);
    im[j] = Math.sin(t);
  }
  return { re, im };
}
