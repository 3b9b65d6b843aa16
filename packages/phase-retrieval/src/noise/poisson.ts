/**
 * Seeded Poisson draws: Knuth's product-of-uniforms method for λ < 10, and Hörmann's transformed
 * rejection with squeeze (PTRS; "The transformed rejection method for generating Poisson random
 * variables", 1993) for λ ≥ 10, exact for every λ and O(1) expected uniforms per draw.
 */
import { ArgumentError, type Rng } from '@dpr/linalg';

const LOG_FACTORIAL_TABLE = (() => {
  const t = new Float64Array(10);
  for (let k = 1; k < 10; k++) t[k] = (t[k - 1] as number) + Math.log(k);
  return t;
})();

/** log k! (table below 10, Stirling's series with three correction terms above: error < 1e-12). */
export function logFactorial(k: number): number {
  if (k < 10) return LOG_FACTORIAL_TABLE[k] as number;
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3) + 1 / (1260 * x ** 5);
}

/** One Poisson(λ) draw from `rng` (λ ≥ 0 finite). */
export function poissonSample(rng: Rng, lambda: number): number {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new ArgumentError('lambda', 'a finite non-negative rate', lambda);
  if (lambda === 0) return 0;
  if (lambda < 10) {
    const L = Math.exp(-lambda);
    let k = 0, p = rng.uniform();
    while (p > L) {
      k++;
      p *= rng.uniform();
    }
    return k;
  }
  const slam = Math.sqrt(lambda), loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const U = rng.uniform() - 0.5, V = rng.uniform();
    const us = 0.5 - Math.abs(U);
    const k = Math.floor(((2 * a) / us + b) * U + lambda + 0.43);
    if (us >= 0.07 && V <= vr) return k;
    if (k < 0 || (us < 0.013 && V > us)) continue;
    if (Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k)) return k;
  }
}
