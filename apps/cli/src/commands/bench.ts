/** `dpr bench SUITE`: benchmarks, printed as a table or JSON records, optionally into BENCHMARKS.md. */
import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { writeBenchSection } from '../benchmarks-file.js';
import { choiceFlag, stringFlag } from '../flags.js';
import type { Suite } from '../bench/suite.js';
import { gemvSuite } from '../bench/gemv-suite.js';
import { dprSuite } from '../bench/dpr-suite.js';
import { baselinesSuite } from '../bench/baselines-suite.js';

/** Suites by name; later packages add theirs here. */
export const SUITES: Record<string, Suite> = { gemv: gemvSuite, dpr: dprSuite, baselines: baselinesSuite };

export const benchCommand: Command = {
  name: 'bench',
  summary: 'Run benchmarks (gemv, ... or all) and optionally write them into BENCHMARKS.md',
  usage: [
    'dpr bench gemv [--backend js|wasm|gpujs] [--size MxN | MxNxK] [--json] [--write BENCHMARKS.md]',
    'dpr bench dpr [--backend js|wasm|gpujs] [--instances 5] [--m 200] [--json] [--write BENCHMARKS.md]',
    'dpr bench baselines [--seeds 10] [--json] [--write BENCHMARKS.md]',
    'dpr bench all [--write BENCHMARKS.md]',
  ].join('\n'),
  options: {
    backend: { type: 'string' },
    size: { type: 'string' },
    instances: { type: 'string' },
    m: { type: 'string' },
    seeds: { type: 'string' },
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
