/**
 * The acceptance measurement of issue 12, in one command:
 *   node --conditions=source --import tsx packages/bench/scripts/dpr-vs-numpy.ts [COUNT] [--write BENCHMARKS.md]
 * 1. numpy writes COUNT (default 25) seeded Section 4.1 instances (`dpr_instances.py`: k = 10,
 *    n1 = 500, n = 1000, m = 200; seeds 1..COUNT) into a temporary folder;
 * 2. each instance is solved by the built `dpr` (`node apps/cli/dist/bin.js solve --instance FILE
 *    --json`, as an installed `dpr` runs; `pnpm build` first) in its own process (timeMs from the
 *    JSON: the solve as a user runs it, cold process included), once with R = 1 and once with
 *    `--restarts 5`;
 * 3. the numpy reference (`dpr_numpy.py`, float64, OPENBLAS_NUM_THREADS=1, median of 3 timings
 *    per instance) solves the same files, to its float64 exact fit (the issue's reference) and,
 *    for a comparison at equal accuracy, with `--fit 2^-40`: stopped where the float32 solver
 *    stops (‖|AG(x)| − b‖ ≤ 2⁻²⁰‖b‖).
 * Beside the solve times, the wall time of each whole process (start-up, reading the instance, the
 * solve, exit): `dpr solve` with R = 1, and `python3 dpr_numpy.py --repeat 1 FILE`, whose one solve
 * (the first of a fresh process, like each `dpr solve`) is also reported.
 * Prints (and with --write stores in the `dpr-vs-numpy` section of BENCHMARKS.md) the medians, the
 * ratios and the success counts. All rows are measured in the same run, interleaved per instance.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchSection } from '../src/benchmarks-file.js';
import { machineDescription } from '../src/machine.js';
import { benchScript, lastJsonLine, numpyInstances, runNumpyScript, singleThreadEnv } from '../src/numpy.js';
import { median, table } from '../src/suite.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const args = process.argv.slice(2);
const writeAt = args.indexOf('--write');
const write = writeAt >= 0 ? args[writeAt + 1] : undefined;
const count = Number(args.find((a, i) => /^\d+$/.test(a) && !(writeAt >= 0 && i === writeAt + 1)) ?? 25);

interface SolveJson {
  timeMs: number;
  iterations: number;
  success: boolean;
  /** Wall time of the whole process (ms), measured here. */
  processMs: number;
}

const bin = join(root, 'apps/cli/dist/bin.js');
if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`pnpm build\` first (this measures the built dpr, as installed)`);

function dprSolve(file: string, extra: string[]): SolveJson {
  const t0 = performance.now();
  const res = spawnSync(process.execPath, [bin, 'solve', '--instance', file, '--json', ...extra], { cwd: root, encoding: 'utf8' });
  const processMs = performance.now() - t0;
  if (res.status !== 0) throw new Error(`dpr solve failed on ${file}: ${res.stderr}`);
  return { ...lastJsonLine<Omit<SolveJson, 'processMs'>>(res.stdout), processMs };
}

/** One `python3 dpr_numpy.py --repeat 1 FILE` process: its wall time and its one (first, cold) solve's timeMs. */
function numpyProcess(file: string): { processMs: number; firstMs: number } {
  const t0 = performance.now();
  const res = spawnSync('python3', [benchScript('dpr_numpy.py'), '--repeat', '1', file], { env: singleThreadEnv(), encoding: 'utf8' });
  const processMs = performance.now() - t0;
  if (res.status !== 0) throw new Error(`dpr_numpy.py failed on ${file}: ${res.stderr}`);
  return { processMs, firstMs: lastJsonLine<{ timeMs: number }>(res.stdout).timeMs };
}

const { files, remove } = numpyInstances(count, 'dpr-vs-numpy-');
try {
  type NumpyJson = { timeMs: number; relError: number; iterations: number };
  const one: SolveJson[] = [], five: SolveJson[] = [], np: Array<NumpyJson & { processMs: number; firstMs: number }> = [], np32: NumpyJson[] = [];
  for (const f of files) {
    one.push(dprSolve(f, []));
    five.push(dprSolve(f, ['--restarts', '5']));
    const r = runNumpyScript<NumpyJson>('dpr_numpy.py', ['--repeat', '3', f], (l) => console.error(l));
    const r32 = runNumpyScript<NumpyJson>('dpr_numpy.py', ['--repeat', '3', '--fit', String(2 ** -40), f], (l) => console.error(l));
    if (!r || !r32) throw new Error('the numpy reference did not run');
    np.push({ ...r[0]!, ...numpyProcess(f) });
    np32.push(r32[0]!);
    console.error(`${f.split('/').pop()}: dpr ${one.at(-1)!.timeMs.toFixed(1)} ms (${one.at(-1)!.iterations} it), R=5 ${five.at(-1)!.timeMs.toFixed(1)} ms, numpy ${np.at(-1)!.timeMs.toFixed(1)} ms (${np.at(-1)!.iterations} it)`);
  }
  const m1 = median(one.map((r) => r.timeMs)), m5 = median(five.map((r) => r.timeMs)), mn = median(np.map((r) => r.timeMs)), mn32 = median(np32.map((r) => r.timeMs)), mnFirst = median(np.map((r) => r.firstMs));
  const it = (xs: Array<{ iterations: number }>) => median(xs.map((r) => r.iterations)).toFixed(0);
  const ok = (n: number) => `${n}/${files.length}`;
  const wall = (xs: Array<{ processMs: number }>) => median(xs.map((r) => r.processMs)).toFixed(0);
  const rows = [
    ['`dpr solve --instance F --json`', '1', m1.toFixed(1), it(one), (m1 / mn).toFixed(2), ok(one.filter((r) => r.success).length), wall(one)],
    ['`dpr solve --instance F --json --restarts 5`', '5', m5.toFixed(1), it(five), (m5 / mn).toFixed(2), ok(five.filter((r) => r.success).length), wall(five)],
    ['numpy `dpr_numpy.py` (float64, 1 thread, median of 3)', '1', mn.toFixed(1), it(np), '1.00', ok(np.filter((r) => r.relError <= 1e-3).length), `${wall(np)} (--repeat 1)`],
    ['numpy `dpr_numpy.py --fit 2^-40` (stops at the float32 fit level)', '1', mn32.toFixed(1), it(np32), (mn32 / mn).toFixed(2), ok(np32.filter((r) => r.relError <= 1e-3).length), '-'],
    ['numpy `dpr_numpy.py --repeat 1` (the first solve of a fresh process)', '1', mnFirst.toFixed(1), it(np), (mnFirst / mn).toFixed(2), '-', '-'],
  ];
  const command = `node --conditions=source --import tsx packages/bench/scripts/dpr-vs-numpy.ts ${count}${write ? ` --write ${write}` : ''}`;
  const markdown = `## DPR vs numpy on numpy-written instances (issue 12 acceptance)\n\nCommand: \`${command}\`. Machine: ${machineDescription()}. Date: ${new Date().toISOString().slice(0, 10)}.\n${files.length} instances written by numpy (\`packages/bench/scripts/dpr_instances.py\`, seeds 1..${files.length}: k = 10, n1 = 500, n = 1000, m = 200, W_i, A, x0 iid N(0,1)); each \`dpr solve\` is the built CLI (\`node apps/cli/dist/bin.js\`) in its own process (default backend, timeMs of the JSON: from init — the resident workspace is allocated before it — to the last iteration, cold process); numpy solves the same files from its own random start. Medians over the instances; "/ numpy" is the row's median over numpy's. "process ms": wall time of the whole process (start-up, reading the file, solve, exit). R = 5 costs ${(m5 / m1).toFixed(2)}x R = 1. At equal accuracy (numpy stopped where the float32 solver stops, relative residual ≤ 2⁻²⁰) \`dpr solve\` R = 1 takes ${(m1 / mn32).toFixed(2)}x numpy's time. The numpy reference row is the median of 3 solves in one process (the 2nd and 3rd warm); against numpy's first solve of a fresh process (last row), cold against cold, \`dpr solve\` R = 1 takes ${(m1 / mnFirst).toFixed(2)}x.\n\n${table(['run', 'R', 'median ms', 'median iterations', '/ numpy', 'success', 'process ms'], rows)}`;
  console.log(markdown);
  if (write) writeBenchSection(resolve(process.cwd(), write), 'dpr-vs-numpy', markdown);
} finally {
  remove();
}
