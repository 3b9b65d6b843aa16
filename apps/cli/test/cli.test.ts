import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';


describe('dpr solve', () => {
  it('--json prints exactly one object with the stable fields', async () => {
    const r = await run(['solve', '--prior', 'gaussian:4,40,80', '--m', '60', '--seed', '3', '--restarts', '4', '--backend', 'js', '--json']);
    expect(r.code).toBe(0);
    const rec = JSON.parse(r.out);
    expect(Object.keys(rec)).toEqual(['algorithm', 'm', 'n', 'k', 'seed', 'relError', 'residual', 'success', 'iterations', 'timeMs', 'stopReason', 'backend', 'perPixelError', 'snrDb']);
    expect(rec).toMatchObject({ algorithm: 'dpr', m: 60, n: 80, k: 4, seed: 3, backend: 'js' });
    expect(rec.relError).toBeLessThan(1e-3);
    expect(rec.success).toBe(true);
  });

  it('round-trips an instance file and reports the same error as the seeded run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dpr-cli-'));
    const a = await run(['solve', '--prior', 'gaussian:3,20,40', '--m', '30', '--seed', '5', '--backend', 'js', '--json', '--save-instance', 'inst.safetensors'], dir);
    const b = await run(['solve', '--instance', 'inst.safetensors', '--seed', '5', '--backend', 'js', '--json'], dir);
    expect(b.code).toBe(0);
    expect(JSON.parse(b.out).relError).toBeCloseTo(JSON.parse(a.out).relError, 12);
  });

  it('turns bad input into clear errors with exit code 1 or 2, never a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dpr-cli-'));
    writeFileSync(join(dir, 'bad.safetensors'), new Uint8Array([1, 2, 3]));
    const cases: Array<[string[], RegExp]> = [
      [['solve', '--m', '0'], /--m: expected an integer >= 1/],
      [['solve', '--prior', 'gaussian:10'], /--prior/],
      [['solve', '--algorithm', 'nope'], /--algorithm: expected one of/],
      [['solve', '--backend', 'cuda'], /--backend/],
      [['solve', '--bogus'], /unknown option --bogus/],
      [['solve', '--instance', 'missing.safetensors'], /cannot read/],
      [['solve', '--instance', 'bad.safetensors'], /safetensors/],
      [['nope'], /unknown command/],
    ];
    for (const [args, msg] of cases) {
      const r = await run(args, dir);
      expect(r.code, args.join(' ')).toBeGreaterThan(0);
      expect(r.err).toMatch(msg);
    }
  });
});

describe('dpr bench and help', () => {
  it('bench gemv --json prints GFLOP/s records', async () => {
    const r = await run(['bench', 'gemv', '--backend', 'js', '--size', '20x30', '--json']);
    const recs = JSON.parse(r.out);
    expect(recs[0]).toMatchObject({ op: 'gemv', backend: 'js', m: 20, n: 30, k: 1 });
    expect(recs[0].gflops).toBeGreaterThan(0);
  });

  it('writes a bench section into a markdown file atomically and replaces it on rerun', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dpr-cli-'));
    await run(['bench', 'gemv', '--backend', 'js', '--size', '8x8', '--write', 'B.md'], dir);
    await run(['bench', 'gemv', '--backend', 'js', '--size', '8x8', '--write', 'B.md'], dir);
    const text = readFileSync(join(dir, 'B.md'), 'utf8');
    expect(text.match(/<!-- bench:gemv -->/g)?.length).toBe(1);
  });

  it('help lists the commands', async () => {
    const r = await run(['help']);
    expect(r.out).toMatch(/solve/);
    expect(r.out).toMatch(/bench/);
  });
});
