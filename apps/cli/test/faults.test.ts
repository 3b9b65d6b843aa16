import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE } from '@dpr/sweep';
import { describeFailure } from '../src/failure.js';
import { run } from './run.js';
import { finished, spawnDpr } from './spawn.js';

const STACK = /\n\s+at /;

function temp(): string {
  return mkdtempSync(join(tmpdir(), 'dpr-faults-'));
}

/** A failure as a user must see it: the exit code, at most 3 lines of stderr (here: one), no stack trace. */
function expectOneLine(r: { code: number | null; err: string }, code: number, message: RegExp, label: string): void {
  expect(r.code, label).toBe(code);
  expect(r.err.trim().split('\n'), `${label}: ${r.err}`).toHaveLength(1);
  expect(r.err, label).not.toMatch(STACK);
  expect(r.err.trimEnd(), label).toMatch(message);
}

describe('bad input: one line naming the parameter, exit 2 for usage, 1 otherwise', () => {
  it('usage errors of the flag parser and of the commands', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['solve', '--n', '0'], /^dpr solve: --n: expected an integer >= 1, got "0"$/],
      [['solve', '--n', 'abc'], /^dpr solve: --n: expected an integer >= 1, got "abc"$/],
      [['solve', '--n', '5'], /^dpr solve: --n: 5 does not match the signal dimension n = 1000 of --prior gaussian:10,500,1000 \(its last width\); give --prior gaussian:10,500,5 instead$/],
      [['solve', '--prior', 'gaussian:4,40,80', '--n', '100'], /--n: 100 does not match .* n = 80 .* give --prior gaussian:4,40,100/],
      [['solve', '--m', '-5'], /^dpr solve: --m: expected an integer >= 1, got "-5"$/],
      [['solve', '--seed', '1.5'], /^dpr solve: --seed: expected an integer, got "1\.5"$/],
      [['solve', '--m'], /^dpr solve: --m: expected a value \(run 'dpr help solve'\)$/],
      [['solve', '--json=yes'], /^dpr solve: --json: takes no value/],
      [['solve', '--alogrithm', 'taf'], /^dpr solve: unknown option --alogrithm; did you mean --algorithm\? \(run 'dpr help solve'\)$/],
      [['solve', '--frobnicate'], /^dpr solve: unknown option --frobnicate \(run 'dpr help solve'\)$/],
      [['reproduce', 'fig2', '--shrad', '1/2'], /did you mean --shard\?/],
      [['help', 'frobnicate'], /^dpr help: unknown command "frobnicate" \(commands: demo, solve, .*; run 'dpr help'\)$/],
      [['help', 'solv'], /^dpr help: unknown command "solv"; did you mean solve\?/],
      [['reproduc', 'fig2'], /^dpr: unknown command "reproduc"; did you mean reproduce\?/],
      [['frobnicate'], /^dpr: unknown command "frobnicate" \(commands:/],
      [['solve', '200'], /^dpr solve: unexpected argument "200" \(flags only; run 'dpr help solve'\)$/],
    ];
    for (const [args, msg] of cases) expectOneLine(await run(args), 2, msg, args.join(' '));
  });

  it('sizes are checked before allocating: "too large: needs N GiB"', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['solve', '--prior', 'gaussian:10,500,200000000'], /^dpr solve: --prior: too large: needs 1043 GiB for A \(200 × 200000000\) and the weights of gaussian:10,500,200000000, more than the \d+ GiB allowed$/],
      [['solve', '--m', '2000000000'], /^dpr solve: --m: too large: needs \d+ GiB for A \(2000000000 × 1000\)/],
      [['solve', '--algorithm', 'taf', '--n', '3000000', '--m', '3000000'], /^dpr solve: --n: too large: needs \d+ GiB/],
    ];
    for (const [args, msg] of cases) expectOneLine(await run(args), 1, msg, args.join(' '));
  });

  it('output paths: a folder where a file goes, a file where a folder goes; no temporary file left behind', async () => {
    const dir = temp();
    mkdirSync(join(dir, 'd'));
    writeFileSync(join(dir, 'f'), 'x');
    const cases: Array<[string[], RegExp]> = [
      [['solve', '--prior', 'gaussian:3,20,40', '--m', '30', '--save-instance', 'd'], /^dpr solve: --save-instance: is a folder, expected a file \(d\)$/],
      [['solve', '--prior', 'mnist-vae', '--png', 'd'], /^dpr solve: --png: is a folder, expected a file \(d\)$/],
      [['reproduce', 'fig2', '--quick', '--out', 'f'], /^dpr reproduce: --out: is a file, expected a folder \(f\)$/],
      [['reproduce', 'fig2', '--quick', '--out', 'f/sub'], /^dpr reproduce: --out: .*\/f is a file, so nothing can be created under it \(f\/sub\)$/],
      [['reproduce', 'fig2', '--quick', '--write', 'd'], /^dpr reproduce: --write: is a folder, expected a file \(d\)$/],
      [['merge', 'd', '--out', 'f'], /^dpr merge: --out: is a file, expected a folder \(f\)$/],
      [['train', 'vae', '--out', 'd'], /^dpr train: --out: is a folder, expected a file \(d\)$/],
      [['bench', 'gemv', '--write', 'd'], /^dpr bench: --write: is a folder, expected a file \(d\)$/],
    ];
    for (const [args, msg] of cases) expectOneLine(await run(args, dir), 1, msg, args.join(' '));
    expect(readdirSync(dir).sort()).toEqual(['d', 'f']);
    expect(readdirSync(join(dir, 'd'))).toEqual([]);
  });

  it.skipIf(process.getuid?.() === 0)('a read-only --out (as a non-root user)', async () => {
    const dir = temp();
    mkdirSync(join(dir, 'ro'));
    chmodSync(join(dir, 'ro'), 0o555);
    expectOneLine(await run(['reproduce', 'fig2', '--quick', '--out', 'ro/fig2'], dir), 1, /^dpr reproduce: --out: cannot write in .*ro \(EACCES\) \(ro\/fig2\)$/, 'read-only');
    chmodSync(join(dir, 'ro'), 0o755);
  });

  it('file-system, memory and unexpected errors become one line (the stack only with --debug)', () => {
    const sys = (code: string, syscall: string, path: string) => Object.assign(new Error(`${code}: ..., ${syscall} '${path}'`), { code, syscall, path });
    expect(describeFailure(sys('EACCES', 'mkdir', '/ro/x'))).toEqual({ line: 'cannot create the folder: permission denied [EACCES] (/ro/x)', exitCode: 1, expected: true });
    expect(describeFailure(sys('EEXIST', 'mkdir', '/f')).line).toBe('cannot create the folder: already exists [EEXIST] (/f)');
    expect(describeFailure(sys('ENOSPC', 'write', '/full/x')).line).toBe('cannot write: no space left on the device [ENOSPC] (/full/x)');
    expect(describeFailure(Object.assign(sys('EISDIR', 'rename', '/a.tmp'), { dest: '/a' })).line).toBe('cannot write: is a folder, expected a file [EISDIR] (/a)');
    expect(describeFailure(new RangeError('Invalid typed array length: 100000000000'))).toMatchObject({ line: expect.stringMatching(/^out of memory: Invalid typed array length/), exitCode: 1 });
    expect(describeFailure(new TypeError('x is not a function\n  at y'))).toEqual({ line: 'unexpected error: TypeError: x is not a function (run with --debug for the stack trace)', exitCode: 1, expected: false });
  });

  it('--debug and DPR_DEBUG=1 add the stack trace', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'f'), 'x');
    const r = await run(['reproduce', 'fig2', '--quick', '--out', 'f', '--debug'], dir);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toBe('dpr reproduce: --out: is a file, expected a folder (f)');
    expect(r.err).toMatch(STACK);
  });
});

describe('processes: pipes, exit codes, concurrent writers', () => {
  it('a closed stdout (dpr help | head -1, dpr solve | head -1) ends quietly with 141, no EPIPE stack', async () => {
    const dir = temp();
    for (const args of [['help'], ['solve', '--prior', 'gaussian:3,20,40', '--m', '30', '--max-iters', '5', '--backend', 'js']]) {
      const child = spawnDpr(args, dir);
      child.stdout!.destroy();
      const r = await finished(child);
      expect(r.code, args.join(' ')).toBe(141);
      expect(r.err, args.join(' ')).toBe('');
    }
  }, 60_000);

  it('a failing process prints one line and exits 1; the stack only with DPR_DEBUG=1', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'f'), 'x');
    const plain = await finished(spawnDpr(['reproduce', 'fig2', '--quick', '--out', 'f'], dir));
    expectOneLine(plain, 1, /^dpr reproduce: --out: is a file, expected a folder \(f\)$/, 'plain');
    const debug = await finished(spawnDpr(['reproduce', 'fig2', '--quick', '--out', 'f'], dir, { DPR_DEBUG: '1' }));
    expect(debug.code).toBe(1);
    expect(debug.err).toMatch(STACK);
    const frob = await finished(spawnDpr(['help', 'frobnicate'], dir));
    expectOneLine(frob, 2, /unknown command "frobnicate"/, 'help frobnicate');
  }, 60_000);

  it('two reproduce runs on one folder: the second refuses, --wait waits; no trial twice, and the folder resumes', async () => {
    const dir = temp();
    const args = ['reproduce', 'fig2', '--quick', '--shard', '1/35', '--out', 'same', '--workers', '1'];
    const first = spawnDpr(args, dir);
    const done = finished(first);
    const lock = join(dir, 'same', LOCK_FILE);
    while (!existsSync(lock)) await new Promise((r) => setTimeout(r, 20));
    const owner = JSON.parse(readFileSync(lock, 'utf8'));
    expect(owner.pid).toBe(first.pid);
    const refused = await run(args, dir);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(new RegExp(`dpr reproduce: .*same is in use by another run \\(pid ${first.pid}, since .*\\); wait for it \\(--wait\\) or use another --out`));
    expect(refused.err).not.toMatch(STACK);
    const waited = await run([...args, '--wait'], dir);
    expect(waited.code, waited.err).toBe(0);
    expect(waited.err).toMatch(/waiting for it to finish/);
    expect(waited.err).toMatch(/same: 20\/20 trials already recorded/);
    expect((await done).code).toBe(0);
    const keys = readFileSync(join(dir, 'same', 'trials.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { key: string }).key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(20);
    expect(existsSync(lock)).toBe(false);
    expect(readdirSync(join(dir, 'same')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});
