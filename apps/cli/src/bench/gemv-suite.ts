/** The GEMV/GEMM kernel suite of `dpr bench`. */
import { benchKernel, DEFAULT_KERNEL_CASES, type BackendName, type KernelBenchRecord, type KernelCase } from '@dpr/linalg';
import { availableBackends } from '../backends.js';
import { CliError, sizeFlag, stringFlag } from '../flags.js';
import { machineDescription } from '../machine.js';
import { table, type Suite } from './suite.js';

const BACKENDS: readonly BackendName[] = ['js', 'wasm', 'gpujs'];

export const gemvSuite: Suite = {
  flags: ["backend", "size"],
  async run(flags, io) {
    const size = sizeFlag(flags, 'size');
    const cases: KernelCase[] = size
      ? size.length === 3
        ? [{ op: 'gemm', m: size[0]!, n: size[1]!, k: size[2]! }]
        : [{ op: 'gemv', m: size[0]!, n: size[1]!, k: 1 }, { op: 'gemvT', m: size[0]!, n: size[1]!, k: 1 }]
      : [...DEFAULT_KERNEL_CASES];
    const which = stringFlag(flags, 'backend');
    if (which !== undefined && !(BACKENDS as readonly string[]).includes(which)) {
      throw new CliError(`--backend: expected one of ${BACKENDS.join(', ')}, got ${JSON.stringify(which)}`);
    }
    const backends = await availableBackends(which ? [which as BackendName] : BACKENDS, io.err);
    const records: KernelBenchRecord[] = [];
    for (const c of cases) {
      for (const b of backends) {
        const r = benchKernel(b, c);
        records.push(r);
        io.err(`  ${c.op} ${c.m}x${c.n}${c.op === 'gemm' ? `x${c.k}` : ''} on ${b.name}: ${r.gflops.toFixed(2)} GFLOP/s (${r.medianMs.toFixed(3)} ms)`);
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

