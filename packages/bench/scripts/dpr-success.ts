/**
 * Success rates of DPR on the Section 4.1 setup (k = 10, n = 500, 1000; W_i, A, x0 iid N(0,1)) over
 * seeded instances: success = ‖G(x*) − G(x0)‖/‖G(x0)‖ ≤ 1e-3. Prints a markdown table.
 * Run: node --conditions=source --import tsx packages/bench/scripts/dpr-success.ts [instances] [backend]
 */
import { createBackend, type BackendName } from '@dpr/linalg';
import { dpr, gaussianPriorInstance, relativeError, SUCCESS_THRESHOLD } from '@dpr/phase-retrieval';

const N = Number(process.argv[2] ?? 100);
const backend = await createBackend((process.argv[3] ?? 'wasm') as BackendName);
const rows: string[] = [];
for (const [m, R] of [[100, 1], [100, 5], [150, 1], [200, 1], [200, 5]] as const) {
  let ok = 0, iters = 0, ms = 0;
  for (let seed = 1; seed <= N; seed++) {
    const { problem } = gaussianPriorInstance({ m, seed, backend });
    const r = dpr.solve(problem, { seed, restarts: R });
    if (relativeError(r.estimate, problem.truth) <= SUCCESS_THRESHOLD) ok++;
    iters += r.iterations;
    ms += r.timeMs;
    problem.prior.dispose();
    problem.A.dispose();
  }
  rows.push(`| ${m} | ${R} | ${ok}/${N} (${((100 * ok) / N).toFixed(0)}%) | ${(iters / N).toFixed(1)} | ${(ms / N).toFixed(1)} |`);
  console.error(rows[rows.length - 1]);
}
console.log(`Backend: ${backend.name}. Instances: seeds 1..${N}; solver seed = instance seed.\n\n| m | restarts | success | mean iterations | mean ms/solve |\n| --- | --- | --- | --- | --- |\n${rows.join('\n')}`);
