/** The GEMV/GEMM kernel suite of `dpr bench`. */
import { ArgumentError } from '@dpr/linalg';
import { availableBackends, BENCH_BACKENDS } from '../backends.js';
import { benchKernel, DEFAULT_KERNEL_CASES, type KernelBenchRecord, type KernelCase } from '../kernels.js';
import { machineDescription } from '../machine.js';
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
    const records: KernelBenchRecord[] = [];
    for (const c of cases) {
      for (const b of backends) {
        const r = benchKernel(b, c);
        records.push(r);
        log(`  ${c.op} ${c.m}x${c.n}${c.op === 'gemm' ? `x${c.k}` : ''} on ${b.name}: ${r.gflops.toFixed(2)} GFLOP/s (${r.medianMs.toFixed(3)} ms)`);
      }
    }
    const js = (c: KernelBenchRecord) => records.find((r) => r.backend === 'js' && r.op === c.op && r.m === c.m && r.n === c.n && r.k === c.k);
    const rows = records.map((r) => [r.op, `${r.m}x${r.n}${r.op === 'gemm' ? `x${r.k}` : ''}`, r.backend, r.gflops.toFixed(2), r.medianMs.toFixed(3), js(r) ? (r.gflops / js(r)!.gflops).toFixed(2) : '-']);
    const desc = backends.map((b) => `\`${b.name}\`: ${b.description}`).join('; ');
    for (const b of backends) b.dispose();
    const markdown = `## Kernels: GEMV and GEMM\n\nCommand: \`pnpm --silent dpr bench gemv\` (part of \`pnpm bench\`). Machine: ${machineDescription()}. Date: ${new Date().toISOString().slice(0, 10)}.\nBackends: ${desc}. Medians over repeated calls; "vs js" is the ratio to the js backend measured in the same run.\n\n${table(['op', 'size', 'backend', 'GFLOP/s', 'median ms', 'vs js'], rows)}`;
    return { records, markdown };
  },
};

