/** `dpr demo`: the first thing a new user runs. */
import type { Command } from '../command.js';
import { SUITES } from './bench.js';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Run the main demonstration',
  usage: 'dpr demo [--json]',
  options: { json: { type: 'boolean' } },
  async run(flags, _positionals, io) {
    io.err('dpr demo: GEMV/GEMM throughput of every backend on this machine');
    const { records, markdown } = await SUITES['gemv']!.run({ size: undefined }, io);
    io.out(flags['json'] ? JSON.stringify(records) : markdown);
    return 0;
  },
};
