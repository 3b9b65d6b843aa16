/**
 * What a cold `dpr solve` pays for starting in a fresh process, per instance, interleaved:
 *   node --conditions=source --import tsx packages/bench/scripts/cold-solve-probe.ts [COUNT]   (`pnpm build` first)
 * numpy writes COUNT (default 25) Section 4.1 instances (`dpr_instances.py`, as in
 * `dpr-vs-numpy.ts`); each is solved in three fresh Node processes that load the built packages
 * with the CLI's V8 settings (`apps/cli/dist/runtime-flags.js`) and no TypeScript loader, and call
 * `solve` of `@dpr/lab` as `dpr solve --instance F` does:
 * - `cold`: the instance's solve is the first of the process (what `dpr solve` times);
 * - `code-warm`: a small seeded problem (k = 3, n1 = 20, n = 40, m = 30) is solved first, so every
 *   JS function of the solve path has run (compiled, inline caches filled) on other data and
 *   shapes, then the instance;
 * - `warm`: the same instance is solved twice and the second is reported.
 * Prints the median `timeMs` of each, and numpy's first solve of a fresh process
 * (`dpr_numpy.py --repeat 1`) and its median of 3 on the same files.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchScript, lastJsonLine, numpyInstances, runNumpyScript } from '../src/numpy.js';
import { median } from '../src/suite.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const MODES = ['cold', 'code-warm', 'warm'] as const;
type Mode = (typeof MODES)[number];

/**
 * The child process's program (plain JS, run with `node --input-type=module -e`, so no TypeScript
 * loader runs beside the solve): the CLI's V8 settings before any kernel module is compiled, then
 * the built packages, then the solves of `mode`.
 */
function childProgram(mode: Mode, file: string): string {
  const url = (path: string) => JSON.stringify(pathToFileURL(join(root, path)).href);
  return `
    await import(${url('apps/cli/dist/runtime-flags.js')});
    const { readFileSync } = await import('node:fs');
    const { plainBytes, selectBackend } = await import(${url('packages/linalg/dist/index.js')});
    const { solve } = await import(${url('packages/lab/dist/index.js')});
    const backend = await selectBackend({ backend: 'auto' });
    const instance = plainBytes(readFileSync(${JSON.stringify(file)}));
    if (${JSON.stringify(mode)} === 'code-warm') solve({ prior: 'gaussian:3,20,40', m: 30, seed: 1 }, backend);
    if (${JSON.stringify(mode)} === 'warm') solve({ instance, seed: 0 }, backend);
    console.log(JSON.stringify({ timeMs: solve({ instance, seed: 0 }, backend).record.timeMs }));`;
}

function parent(count: number): void {
  const { files, remove } = numpyInstances(count, 'cold-solve-probe-');
  try {
    const times: Record<Mode | 'numpy-first' | 'numpy-median-of-3', number[]> = { cold: [], 'code-warm': [], warm: [], 'numpy-first': [], 'numpy-median-of-3': [] };
    for (const f of files) {
      for (const mode of MODES) {
        const res = spawnSync(process.execPath, ['--input-type=module', '-e', childProgram(mode, f)], { cwd: root, encoding: 'utf8' });
        if (res.status !== 0) throw new Error(`${mode} child failed on ${f}: ${res.stderr}`);
        times[mode].push(lastJsonLine<{ timeMs: number }>(res.stdout).timeMs);
      }
      const first = runNumpyScript<{ timeMs: number }>('dpr_numpy.py', ['--repeat', '1', f], (l) => console.error(l));
      const three = runNumpyScript<{ timeMs: number }>('dpr_numpy.py', ['--repeat', '3', f], (l) => console.error(l));
      if (!first || !three) throw new Error(`the numpy reference did not run (${benchScript('dpr_numpy.py')})`);
      times['numpy-first'].push(first[0]!.timeMs);
      times['numpy-median-of-3'].push(three[0]!.timeMs);
      console.error(`${f.split('/').pop()}: ${MODES.map((m) => `${m} ${times[m].at(-1)!.toFixed(2)}`).join(', ')}, numpy first ${times['numpy-first'].at(-1)!.toFixed(2)} ms`);
    }
    const ref = median(times['numpy-median-of-3']);
    console.log(`${files.length} instances, median timeMs (ratio to numpy's median of 3):`);
    for (const [name, xs] of Object.entries(times)) console.log(`  ${name.padEnd(18)} ${median(xs).toFixed(2)} ms  (${(median(xs) / ref).toFixed(2)})`);
  } finally {
    remove();
  }
}

const arg = process.argv[2];
const count = Number(arg ?? 25);
if (!Number.isSafeInteger(count) || count < 1) throw new Error(`COUNT: expected a positive integer, got ${JSON.stringify(arg)}`);
parent(count);
