import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLines, runSweepChild, spawnSweep, tempDir, trialMap } from './helpers.js';

const TRIALS = 40, SLEEP_MS = 50, WORKERS = 2;

function lineCount(file: string): number {
  if (!existsSync(file)) return 0;
  return readFileSync(file, 'utf8').split('\n').length - 1;
}

/** Start the sweep, SIGKILL it once at least `atLeast` trials are on disk; resolves with the count then. */
async function killMidRun(out: string, atLeast: number): Promise<number> {
  const child = spawnSweep([out, String(TRIALS), String(SLEEP_MS), String(WORKERS)]);
  const file = join(out, 'trials.jsonl');
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  for (;;) {
    await new Promise((r) => setTimeout(r, 5));
    if (existsSync(file) && statSync(file).size > 0 && lineCount(file) >= atLeast) break;
    if (child.exitCode !== null) throw new Error('the sweep finished before it could be killed');
  }
  child.kill('SIGKILL');
  await exited;
  return lineCount(file);
}

describe('a sweep killed with SIGKILL and resumed', () => {
  it('ends with exactly the trials of an uninterrupted run', async () => {
    const whole = tempDir('whole');
    const killed = tempDir('killed');
    const [full] = await Promise.all([
      runSweepChild([whole, String(TRIALS), String(SLEEP_MS), String(WORKERS)]),
      (async () => {
        const first = await killMidRun(killed, 6);
        expect(first).toBeLessThan(TRIALS);
        const second = await killMidRun(killed, first + 6); // killed twice, resuming in between
        expect(second).toBeLessThan(TRIALS);
      })(),
    ]);
    expect(full).toEqual({ ran: TRIALS, resumed: 0, total: TRIALS, complete: true });
    const resumed = await runSweepChild([killed, String(TRIALS), String(SLEEP_MS), String(WORKERS)]);
    expect(resumed.complete).toBe(true);
    expect(resumed.resumed).toBeGreaterThan(0);
    expect(resumed.ran + resumed.resumed).toBe(TRIALS);
    // every line is valid JSON, newline-terminated, no key twice (trialMap throws otherwise)
    const a = trialMap(whole), b = trialMap(killed);
    expect(readLines(join(killed, 'trials.jsonl'))).toHaveLength(TRIALS);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [key, metrics] of a) expect(b.get(key)).toEqual(metrics);
    // a second resume has nothing left to do
    const again = await runSweepChild([killed, String(TRIALS), String(SLEEP_MS), String(WORKERS)]);
    expect(again).toEqual({ ran: 0, resumed: TRIALS, total: TRIALS, complete: true });
  });
});
