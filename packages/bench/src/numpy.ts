/**
 * The numpy references of the suites: the Python scripts under `scripts/` run with single-threaded
 * OpenBLAS (OPENBLAS_NUM_THREADS=1 and friends), one JSON record per output line.
 *
 * Two OpenBLAS settings: `default` keeps the environment as a user's `python3` sees it (this
 * machine's environment sets OPENBLAS_CORETYPE=Haswell, i.e. AVX2 kernels); `auto-core` removes
 * OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE so that OpenBLAS picks its kernels for the CPU it finds
 * (AVX-512 on this AMD EPYC, up to twice the float32 GEMM rate of AVX2).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of a script in packages/bench/scripts. */
export function benchScript(name: string): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../scripts', name);
}

/** Which OpenBLAS kernels numpy runs: the environment's (`default`) or the CPU's own (`auto-core`). */
export type OpenBlasCore = 'default' | 'auto-core';

/** The environment of a single-threaded numpy run. */
export function singleThreadEnv(core: OpenBlasCore = 'default'): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  if (core === 'auto-core') {
    delete env['OPENBLAS_CORETYPE'];
    delete env['OPENBLAS_L2_SIZE'];
  }
  return env;
}

/** How the environment sets OpenBLAS's kernels, for the reports. */
export function openBlasCoreNote(): string {
  const core = process.env['OPENBLAS_CORETYPE'];
  return core ? `OPENBLAS_CORETYPE=${core} from the environment` : 'OpenBLAS kernels auto-detected';
}

/**
 * Run `python3 scripts/<script> ...args` single-threaded and parse its JSON lines; `undefined`
 * (with the reason logged) when python3 with numpy is missing or the script fails.
 */
export function runNumpyScript<T>(script: string, args: readonly string[], log: (line: string) => void, core: OpenBlasCore = 'default'): T[] | undefined {
  const probe = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' });
  if (probe.status !== 0) {
    log('  numpy reference skipped: python3 with numpy not found');
    return undefined;
  }
  const res = spawnSync('python3', [benchScript(script), ...args], { env: singleThreadEnv(core), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (res.status !== 0) {
    log(`  numpy reference failed: ${(res.stderr ?? '').trim().split('\n').pop()}`);
    return undefined;
  }
  return res.stdout.trim().split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as T);
}

/** The JSON record on the last line of a child process's output (the `--json` line of `dpr`, of a script). */
export function lastJsonLine<T>(stdout: string): T {
  return JSON.parse(stdout.trim().split('\n').pop()!) as T;
}

/**
 * numpy writes `count` seeded Section 4.1 instances (`scripts/dpr_instances.py`, seeds 1..count:
 * k = 10, n1 = 500, n = 1000, m = 200) into a new temporary folder: the files in seed order, and
 * `remove` to delete the folder.
 */
export function numpyInstances(count: number, prefix: string): { files: string[]; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const gen = spawnSync('python3', [benchScript('dpr_instances.py'), dir, '--count', String(count)], { encoding: 'utf8' });
  if (gen.status !== 0) {
    remove();
    throw new Error(`dpr_instances.py failed: ${gen.stderr}`);
  }
  return { files: readdirSync(dir).filter((f) => f.endsWith('.safetensors')).sort().map((f) => join(dir, f)), remove };
}
