/**
 * SPARTA success rate on seeded K-sparse instances (n = 1000, non-zeros iid N(0,1), A iid N(0,1)):
 * success = relative error ≤ 1e-3 up to sign, with SPARTA's own stopping (no oracle).
 *
 *   node --conditions=source --import tsx packages/bench/scripts/sparta-success.ts [trials]
 */
import { isSuccess, relativeErrorUpToSign, sparseInstance, sparta } from '@dpr/phase-retrieval';

const trials = Number(process.argv[2] ?? 25);
const n = 1000;
const cases = [
  { K: 3, m: 250 },
  { K: 5, m: 400 },
  { K: 10, m: 600 },
];

for (const { K, m } of cases) {
  let ok = 0, iters = 0, ms = 0, initMs = 0;
  const fails: string[] = [];
  for (let seed = 1; seed <= trials; seed++) {
    const { problem } = sparseInstance({ n, m, sparsity: K, seed });
    initMs += sparta.solve(problem, { sparsity: K, seed, maxIters: 0 }).timeMs;
    const r = sparta.solve(problem, { sparsity: K, seed });
    const err = relativeErrorUpToSign(r.estimate, problem.truth);
    iters += r.iterations;
    ms += r.timeMs;
    if (isSuccess(err)) ok++;
    else fails.push(`seed ${seed}: err ${err.toExponential(2)} (${r.stopReason}, ${r.iterations} it)`);
  }
  console.log(
    `K=${K} m=${m} n=${n}: success ${ok}/${trials} = ${((100 * ok) / trials).toFixed(0)}%, ` +
      `mean ${(iters / trials).toFixed(0)} iterations, ${(ms / trials).toFixed(1)} ms per solve ` +
      `(initialization ${(initMs / trials).toFixed(1)} ms, ${((ms - initMs) / Math.max(iters, 1)).toFixed(3)} ms per iteration)`,
  );
  for (const f of fails) console.log(`  ${f}`);
}
