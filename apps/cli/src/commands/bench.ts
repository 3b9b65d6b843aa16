/** `dpr bench SUITE`: benchmarks (@dpr/bench), printed as a table or JSON records, optionally into BENCHMARKS.md. */
import { declareOptions, type Command } from '../command.js';
import { outputPath } from '../files.js';
import { choiceFlag, intFlag, sizeFlag, stringFlag } from '../flags.js';
import { loadBench } from '../optional.js';

export const benchCommand: Command = {
  name: 'bench',
  summary: 'Run benchmarks (gemv, ... or all) and optionally write them into BENCHMARKS.md',
  usage: [
    'dpr bench gemv [--backend js|wasm|gpujs] [--size MxN | MxNxK] [--json] [--write BENCHMARKS.md]',
    'dpr bench dpr [--backend js|wasm|gpujs] [--instances 5] [--m 200] [--json] [--write BENCHMARKS.md]',
    'dpr bench baselines [--seeds 10] [--json] [--write BENCHMARKS.md]',
    'dpr bench fft [--json] [--write BENCHMARKS.md]      (ms per 1-D/2-D transform and CDP product, numpy beside)',
    'dpr bench init [--instances 25] [--m M] [--noise SPEC,SPEC,...] [--json] [--write BENCHMARKS.md]',
    '                    (DPR from random vs PPower starts; m = 100 and 150 by default; --noise sweeps specs such as',
    '                     gaussian:10,gaussian:20,poisson:1000)',
    'dpr bench all [--write BENCHMARKS.md]',
  ].join('\n'),
  options: declareOptions(['backend', 'size', 'instances', 'm', 'seeds', 'noise', 'write'], ['json']),
  async run(flags, positionals, io) {
    const { BENCH_BACKENDS, SUITES, runBenchmarks } = await loadBench('dpr bench');
    const suite = choiceFlag({ suite: positionals[0] ?? 'all' }, 'suite', [...Object.keys(SUITES), 'all'], 'all');
    const size = sizeFlag(flags, 'size');
    const backend = flags['backend'] === undefined ? undefined : choiceFlag(flags, 'backend', BENCH_BACKENDS, 'js');
    const writeFlag = stringFlag(flags, 'write');
    const write = writeFlag === undefined ? undefined : outputPath(io.cwd, writeFlag, 'write', 'file');
    const { records, sections } = await runBenchmarks([suite], {
      ...(backend ? { backend } : {}),
      ...(size ? { size } : {}),
      // absent flags stay absent: each suite has its own defaults
      ...(flags['instances'] === undefined ? {} : { instances: intFlag(flags, 'instances', 5, 1) }),
      ...(flags['m'] === undefined ? {} : { m: intFlag(flags, 'm', 200, 1) }),
      ...(flags['seeds'] === undefined ? {} : { seeds: intFlag(flags, 'seeds', 10, 1) }),
      ...(flags['noise'] === undefined ? {} : { noise: stringFlag(flags, 'noise')!.split(',') }),
    }, { ...(write ? { writeTo: write } : {}), onLog: io.err });
    if (flags['json']) io.out(JSON.stringify(records));
    else for (const s of sections) io.out(s.markdown + '\n');
    return 0;
  },
};
