/**
 * Accuracy and per-iteration cost of the plain-signal baselines on seeded real Gaussian instances
 * (y0 ~ N(0, I_n), A iid Gaussian, b = |A y0|, noiseless), each from its paper's default start with
 * its own stopping: success = relative error ≤ 1e-6 up to sign. Prints a markdown table.
 *
 *   node --conditions=source --import tsx packages/phase-retrieval/bench/baselines-accuracy.ts [seeds] [n] [m] [unit|inverse-m]
 */
import {
  amplitudeFlow, fienup, gaussianSignalInstance, gerchbergSaxton, raf, relativeErrorUpToSign, rwf, taf, twf, wirtingerFlow,
  type MeasurementScale, type Solver,
} from '../src/index.js';

const seeds = Number(process.argv[2] ?? 10);
const n = Number(process.argv[3] ?? 100);
const m = Number(process.argv[4] ?? 600);
const measurementScale = (process.argv[5] ?? 'unit') as MeasurementScale;
const THRESHOLD = 1e-6;
const solvers: Solver<any>[] = [gerchbergSaxton, fienup, wirtingerFlow, amplitudeFlow, taf, raf, twf, rwf];

const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length === 0 ? Number.NaN : s.length % 2 ? (s[h] as number) : ((s[h - 1] as number) + (s[h] as number)) / 2;
};

const instances = Array.from({ length: seeds }, (_, i) => gaussianSignalInstance({ n, m, seed: i + 1, measurementScale }).problem);
// warm up the JIT once per solver so the first seed's timing is not an outlier
for (const s of solvers) s.solve(instances[0]!, { maxIters: 20 });

console.log(`Baselines, n = ${n}, m = ${m}, A entries ${measurementScale === 'unit' ? 'N(0,1)' : 'N(0,1/m)'}, ${seeds} seeds, success = rel. error ≤ ${THRESHOLD.toExponential(0)} up to sign\n`);
console.log('| solver | initializer | success | median error | max error | median iterations | init ms (median) | ms/iter (median) | total ms (median) |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const solver of solvers) {
  const errors: number[] = [], iterations: number[] = [], perIter: number[] = [], initMs: number[] = [], total: number[] = [];
  const fails: string[] = [];
  instances.forEach((problem, i) => {
    const r = solver.solve(problem, { seed: i + 1, record: { time: true, objective: false } });
    const t = r.history.timeMs!;
    const err = relativeErrorUpToSign(r.estimate, problem.truth!);
    errors.push(err);
    iterations.push(r.iterations);
    initMs.push(t[0]!);
    total.push(r.timeMs);
    for (let k = 1; k < t.length; k++) perIter.push(t[k]! - t[k - 1]!);
    if (!(err <= THRESHOLD)) fails.push(`seed ${i + 1}: error ${err.toExponential(2)} (${r.stopReason}, ${r.iterations} iterations)`);
  });
  const ok = errors.filter((e) => e <= THRESHOLD).length;
  console.log(
    `| ${solver.id} | ${(solver.defaults as { initializer: string }).initializer} | ${ok}/${seeds} | ${median(errors).toExponential(1)} | ${Math.max(...errors).toExponential(1)} | ` +
      `${median(iterations)} | ${median(initMs).toFixed(2)} | ${median(perIter).toFixed(3)} | ${median(total).toFixed(1)} |`,
  );
  for (const f of fails) console.log(`<!-- ${solver.id} ${f} -->`);
}
