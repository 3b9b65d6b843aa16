import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE, ResultsLockedError, lockResultsDir, lockResultsDirSync } from '../src/lock.js';
import { mergeResults } from '../src/merge.js';
import { runSweep } from '../src/sweep.js';
import { sleepExperiment } from './fixtures/sleep-experiment.js';
import { spawnSweep, tempDir, trialMap } from './helpers.js';

/** The pid of a process that has exited (so no process of this host has it, for now). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

function runChild(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawnSweep(args, env);
    let out = '', err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe('the lock of a results folder', () => {
  it('admits one writer; a second is refused naming the owner, and admitted after release', async () => {
    const dir = tempDir('lock');
    const a = await lockResultsDir(dir, { command: 'first run' });
    const owner = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, host: hostname(), command: 'first run' });
    await expect(lockResultsDir(dir)).rejects.toThrow(ResultsLockedError);
    await expect(lockResultsDir(dir)).rejects.toThrow(new RegExp(`in use by another run \\(pid ${process.pid}, since .*first run\\); wait for it \\(--wait\\)`));
    expect(() => lockResultsDirSync(dir)).toThrow(ResultsLockedError);
    a.release();
    a.release(); // idempotent
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    const b = lockResultsDirSync(dir);
    b.release();
    expect(readdirSync(dir)).toEqual([]); // no temporary files left
  });

  it('takes over the lock of a dead process of this host, but not one of another host', async () => {
    const dir = tempDir('stale');
    const pid = deadPid();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, host: hostname(), startedAt: 'then', command: 'killed run' }));
    const stale: number[] = [];
    const lock = await lockResultsDir(dir, { onStale: (o) => stale.push(o.pid) });
    expect(stale).toEqual([pid]);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, host: 'elsewhere.example', startedAt: 'then', command: 'remote run' }));
    await expect(lockResultsDir(dir)).rejects.toThrow(/on host elsewhere\.example.*if no dpr runs on elsewhere\.example, delete .*\.dpr-lock/);
  });

  it('waits for a live owner with wait: true', async () => {
    const dir = tempDir('wait');
    const a = await lockResultsDir(dir);
    const waited: number[] = [];
    const b = lockResultsDir(dir, { wait: true, pollMs: 10, onWait: (o) => waited.push(o.pid) });
    setTimeout(() => a.release(), 80);
    const lock = await b;
    expect(waited).toEqual([process.pid]);
    lock.release();
  });

  it('two sweeps of one folder at once: one refused, no trial twice, and the folder resumes', async () => {
    const dir = tempDir('two');
    const config = { trials: 12, sleepMs: 1 };
    const [x, y] = await Promise.allSettled([runSweep(sleepExperiment, { outDir: dir, config, workers: 0 }), runSweep(sleepExperiment, { outDir: dir, config, workers: 0 })]);
    expect([x.status, y.status].sort()).toEqual(['fulfilled', 'rejected']);
    const refused = (x.status === 'rejected' ? x : y) as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ResultsLockedError);
    expect(trialMap(dir).size).toBe(12);
    const again = await runSweep(sleepExperiment, { outDir: dir, config, workers: 0 });
    expect(again).toMatchObject({ ran: 0, resumed: 12, complete: true });
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('two processes on one folder: the second refuses (or with SWEEP_WAIT waits and resumes), never a duplicate', async () => {
    const dir = tempDir('procs');
    const args = [dir, '20', '100', '1'];
    const [p, q] = await Promise.all([runChild(args), runChild(args)]);
    const codes = [p.code, q.code].sort();
    expect(codes[0]).toBe(0);
    expect(codes[1]).not.toBe(0);
    expect([p.err, q.err].join('\n')).toMatch(/is in use by another run \(pid \d+/);
    expect(trialMap(dir).size).toBe(20);
    const dir2 = tempDir('procs-wait');
    const [r, s] = await Promise.all([runChild([dir2, ...args.slice(1)], { SWEEP_WAIT: '1' }), runChild([dir2, ...args.slice(1)], { SWEEP_WAIT: '1' })]);
    expect([r.code, s.code]).toEqual([0, 0]);
    const results = [JSON.parse(r.out), JSON.parse(s.out)].sort((u, v) => u.ran - v.ran);
    expect(results[0]).toMatchObject({ ran: 0, resumed: 20, complete: true });
    expect(results[1]).toMatchObject({ ran: 20, complete: true });
    expect([r.err, s.err].join('\n')).toMatch(/waiting for it to finish/);
    expect(trialMap(dir2).size).toBe(20);
  }, 60_000);

  it('merge refuses an output folder another run holds', async () => {
    const src = tempDir('msrc');
    await runSweep(sleepExperiment, { outDir: src, config: { trials: 4, sleepMs: 0 }, workers: 0 });
    const out = tempDir('mout');
    const lock = await lockResultsDir(out);
    expect(() => mergeResults([src], out)).toThrow(ResultsLockedError);
    lock.release();
    expect(mergeResults([src], out).complete).toBe(true);
  });
});
