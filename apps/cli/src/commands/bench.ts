/** `dpr bench SUITE`: benchmarks (@dpr/bench), printed as a table or JSON records, optionally into BENCHMARKS.md. */
import { resolve } from 'node:path';
import { declareOptions, type Command } from '../command.js';
import { choiceFlag, intFlag, sizeFlag, stringFlag } from '../flags.js';
import { loadBench } from '../optional.js';

export const benchCommand: Command = {
  name: 'bench',
  summary: 'Run benchmarks (gemv, ... or all) and optionally write them into BENCHMARKS.md',
  usage: [
    'dpr bench gemv [--backend js|wasm|gpujs] [--size MxN | MxNxK] [--json] [--write BENCHMARKS.md]',
    'dpr bench dpr [--backend js|wasm|gpujs] [--instances 5] [--m 200] [--json] [--write BENCHMARKS.md]',
    'dpr bench baselines [--seeds 10] [--json] [--write BENCHMARKS.md]',
    'dpr bench all [--write BENCHMARKS.md]',
  ].join('\n'),
  options: declareOptions(['backend', 'size', 'instances', 'm', 'seeds', 'write'], ['json']),
  async run(flags, positionals, io) {
    const { BENCH_BACKENDS, SUITES, runBenchmarks } = await loadBench('dpr bench');
    const suite = choiceFlag({ suite: positionals[0] ?? 'all' }, 'suite', [...Object.keys(SUITES), 'all'], 'all');
    const size = sizeFlag(flags, 'size');
    const backend = flags['backend'] === undefined ? undefined : choiceFlag(flags, 'backend', BENCH_BACKENDS, 'js');
    const write = stringFlag(flags, 'write');
    const { records, sections } = await runBenchmarks([suite], {
      ...(backend ? { backend } : {}),
      ...(size ? { size } : {}),
      instances: intFlag(flags, 'instances', 5, 1),
      m: intFlag(flags, 'm', 200, 1),
      seeds: intFlag(flags, 'seeds', 10, 1),
    }, { ...(write ? { writeTo: resolve(io.cwd, write) } : {}), onLog: io.err });
    if (flags['json']) io.out(JSON.stringify(records));
    else for (const s of sections) io.out(s.markdown + '\n');
    return 0;
  },
};
