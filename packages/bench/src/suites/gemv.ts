/**
 * The GEMV/GEMM kernel suite of `dpr bench`: GFLOP/s per backend, each case followed at once by
 * numpy/OpenBLAS on one thread (`scripts/numpy_kernels.py`, float32 and float64, same timing
 * rule), so that every backend is compared with numpy as a ratio measured in the same run.
 */
import { loadavg } from 'node:os';
import { ArgumentError, createBackend, type Backend } from '@dpr/linalg';
import { availableBackends, BENCH_BACKENDS } from '../backends.js';
import { benchKernel, DEFAULT_KERNEL_CASES, type KernelBenchRecord, type KernelCase } from '../kernels.js';
import { machineDescription } from '../machine.js';
import { openBlasCoreNote, runNumpyScript } from '../numpy.js';
import { table, type Suite } from '../suite.js';

export const gemvSuite: Suite = {
  options: ['backend', 'size'],
  async run(options, log) {
    const size = options.size;
    if (size !== undefined && (size.length < 2 || size.length > 3)) throw new ArgumentError('size', 'MxN or MxNxK', size);
    const cases: KernelCase[] = size
      ? size.length === 3
        ? [{ op: 'gemm', m: size[0]!, n: size[1]!, k: size[2]! }]
        : [{ op: 'gemv', m: size[0]!, n: size[1]!, k: 1 }, { op: 'gemvT', m: size[0]!, n: size[1]!, k: 1 }]
      : [...DEFAULT_KERNEL_CASES];
    const backends = await availableBackends(options.backend ? [options.backend] : BENCH_BACKENDS, log);
    const runs = await withOneThreadWasm(backends);
    const records: KernelBenchRecord[] = [];
    const label = (c: KernelCase) => `${c.op} ${c.m}x${c.n}${c.op === 'gemm' ? `x${c.k}` : ''}`;
    const load = () => Math.round(loadavg()[0]! * 10) / 10;
    for (const c of cases) {
      for (const { name, backend } of runs) {
        const r = { ...benchKernel(backend, c), backend: name, load1: load() };
        records.push(r);
        log(`  ${label(c)} on ${name}: ${r.gflops.toFixed(2)} GFLOP/s (${r.medianMs.toFixed(3)} ms), 1-min load ${r.load1}`);
      }
      for (const core of ['default', 'auto-core'] as const) {
        const np = runNumpyScript<{ dtype: string; medianMs: number; gflops: number }>('numpy_kernels.py', [`${c.op}:${c.m}:${c.n}:${c.k}`], log, core) ?? [];
        for (const r of np) {
          if (core === 'auto-core' && r.dtype !== 'float32') continue;
          const name = `numpy-${r.dtype}${core === 'auto-core' ? '-autocore' : ''}`;
          const load1 = load();
          records.push({ op: c.op, backend: name, m: c.m, n: c.n, k: c.k, gflops: r.gflops, medianMs: r.medianMs, load1 });
          log(`  ${label(c)} on ${name} (1 thread): ${r.gflops.toFixed(2)} GFLOP/s (${r.medianMs.toFixed(3)} ms), 1-min load ${load1}`);
        }
      }
    }
    const same = (c: KernelBenchRecord, backend: string) => records.find((r) => r.backend === backend && r.op === c.op && r.m === c.m && r.n === c.n && r.k === c.k);
    const ratio = (r: KernelBenchRecord, backend: string) => (same(r, backend) ? (r.gflops / same(r, backend)!.gflops).toFixed(2) : '-');
    const rows = records.map((r) => [r.op, `${r.m}x${r.n}${r.op === 'gemm' ? `x${r.k}` : ''}`, r.backend, r.gflops.toFixed(2), r.medianMs.toFixed(3), ratio(r, 'js'), ratio(r, 'numpy-float32'), ratio(r, 'numpy-float32-autocore'), r.load1 ?? '-']);
    const desc = runs.map((r) => `\`${r.name}\`: ${r.backend.description}`).join('; ');
    for (const r of runs) r.backend.dispose();
    const markdown = `## Kernels: GEMV and GEMM\n\nCommand: \`pnpm --silent dpr bench gemv\` (part of \`pnpm bench\`). Machine: ${machineDescription()}. Date: ${new Date().toISOString().slice(0, 10)}.\nBackends: ${desc}${runs.some((r) => r.name === 'wasm-1thread') ? ' (`wasm` may put large products on two threads; `wasm-1thread` is the same backend with `threads: 1`)' : ''}; \`numpy-float32\`/\`numpy-float64\`: numpy/OpenBLAS on one thread (\`packages/bench/scripts/numpy_kernels.py\`, OPENBLAS_NUM_THREADS=1, ${openBlasCoreNote()}); \`numpy-float32-autocore\`: the same without OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE, so OpenBLAS picks the kernels of the CPU it finds; both run right after the backends on each case. Medians over repeated calls (3 warm-up calls, then calls for 300 ms); "vs js", "vs numpy f32" and "vs autocore" are GFLOP/s ratios to the js backend and to the two single-thread float32 numpy rows, measured in the same run; "1-min load" is the load average right after each row (2 cores shared with other work: rows measured under load > 1 understate what an idle machine gives, two-thread rows most).\n\n${table(['op', 'size', 'backend', 'GFLOP/s', 'median ms', 'vs js', 'vs numpy f32', 'vs autocore', '1-min load'], rows)}`;
    return { records, markdown };
  },
};


/**
 * The backends to time, by row name: with a two-thread `wasm` backend (its helper started before
 * timing), also `wasm-1thread`, the same kernels on the calling thread only, so that both are
 * measured in the same run.
 */
async function withOneThreadWasm(backends: readonly Backend[]): Promise<{ name: string; backend: Backend }[]> {
  const runs = backends.map((backend) => ({ name: backend.name as string, backend }));
  const wasm = backends.find((b) => b.name === 'wasm') as (Backend & { threads?: number; startThreads?: () => Promise<boolean> }) | undefined;
  if (wasm?.threads === 2 && (await wasm.startThreads?.())) {
    runs.splice(runs.findIndex((r) => r.backend === wasm) + 1, 0, { name: 'wasm-1thread', backend: await createBackend('wasm', { threads: 1 }) });
  }
  return runs;
}
