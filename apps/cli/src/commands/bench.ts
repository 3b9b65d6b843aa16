/** `dpr bench SUITE`: benchmarks, printed as a table or JSON records, optionally into BENCHMARKS.md. */
import { benchKernel, DEFAULT_KERNEL_CASES, type BackendName, type KernelBenchRecord, type KernelCase } from '@dpr/linalg';
import { resolve } from 'node:path';
import { availableBackends } from '../backends.js';
import type { Command, CommandIo, Flags } from '../command.js';
import { writeBenchSection } from '../benchmarks-file.js';
import { CliError, choiceFlag, sizeFlag, stringFlag } from '../flags.js';
import { machineDescription } from '../machine.js';

const BACKENDS: readonly BackendName[] = ['js', 'wasm', 'gpujs'];

interface Suite {
  /** Returns JSON records and a markdown body. */
  run(flags: Flags, io: CommandIo): Promise<{ records: object[]; markdown: string }>;
}

function table(header: string[], rows: (string | number)[][]): string {
  const line = (r: (string | number)[]) => `| ${r.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const gemvSuite: Suite = {
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

/** Suites by name; later packages add theirs here. */
export const SUITES: Record<string, Suite> = { gemv: gemvSuite };

export const benchCommand: Command = {
  name: 'bench',
  summary: 'Run benchmarks (gemv, ... or all) and optionally write them into BENCHMARKS.md',
  usage: 'dpr bench gemv [--backend js|wasm|gpujs] [--size MxN | MxNxK] [--json] [--write BENCHMARKS.md]\ndpr bench all [--write BENCHMARKS.md]',
  options: {
    backend: { type: 'string' },
    size: { type: 'string' },
    json: { type: 'boolean' },
    write: { type: 'string' },
  },
  async run(flags, positionals, io) {
    const names = Object.keys(SUITES);
    const suite = choiceFlag({ suite: positionals[0] ?? 'all' }, 'suite', [...names, 'all'], 'all');
    const selected = suite === 'all' ? names : [suite];
    const all: object[] = [];
    for (const name of selected) {
      io.err(`dpr bench ${name}`);
      const { records, markdown } = await SUITES[name]!.run(flags, io);
      all.push(...records);
      const file = stringFlag(flags, 'write');
      if (file) writeBenchSection(resolve(io.cwd, file), name, markdown);
      if (!flags['json']) io.out(markdown + '\n');
    }
    if (flags['json']) io.out(JSON.stringify(all));
    return 0;
  },
};
