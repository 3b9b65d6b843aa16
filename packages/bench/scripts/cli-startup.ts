/**
 * Process wall time of `dpr` commands from the built CLI (`pnpm build` first): each command is
 * spawned RUNS times (default 10), one after the other, and the median, min and max printed, with
 * `node -e 0` as the floor every Node process pays:
 *   node --conditions=source --import tsx packages/bench/scripts/cli-startup.ts [RUNS] [-- dpr args...]
 * Without args after `--` it times `dpr help` and `dpr theory rho --json`; give
 * `-- solve --instance FILE.safetensors --json` for a solve (files from `dpr_instances.py`).
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { median } from '../src/suite.js';

const BIN = fileURLToPath(new URL('../../../apps/cli/dist/bin.js', import.meta.url));
const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const runs = Number(dash === 0 ? 10 : (argv[0] ?? 10));
if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`RUNS: expected a positive integer, got ${JSON.stringify(argv[0])}`);
const commands = dash >= 0 ? [argv.slice(dash + 1)] : [['help'], ['theory', 'rho', '--json']];

function wallMs(args: string[]): number[] {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    const p = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (p.status !== 0) throw new Error(`${args.join(' ')}: exit ${p.status}: ${p.stderr.toString()}`);
  }
  return times;
}

console.log(`| command | median ms | min ms | max ms | runs | 1-min load |\n| --- | --- | --- | --- | --- | --- |`);
for (const [label, args] of [['node -e 0', ['-e', '0']], ...commands.map((c) => [`dpr ${c.join(' ')}`, [BIN, ...c]])] as Array<[string, string[]]>) {
  const t = wallMs(args);
  console.log(`| \`${label}\` | ${median(t).toFixed(0)} | ${Math.min(...t).toFixed(0)} | ${Math.max(...t).toFixed(0)} | ${runs} | ${loadavg()[0]!.toFixed(1)} |`);
}
