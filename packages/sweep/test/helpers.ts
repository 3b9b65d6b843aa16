/** Shared helpers of the experiments tests. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const RUN_SWEEP = fileURLToPath(new URL('./fixtures/run-sweep.ts', import.meta.url));

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `dpr-${prefix}-`));
}

/** Every line of trials.jsonl parsed (throws on an invalid or unterminated line). */
export function readLines(file: string): Array<{ key: string; metrics: unknown }> {
  const text = readFileSync(file, 'utf8');
  if (text.length > 0 && !text.endsWith('\n')) throw new Error(`${file} ends without a newline`);
  return text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { key: string; metrics: unknown });
}

/** `key → metrics` of a results folder, asserting no key repeats. */
export function trialMap(dir: string): Map<string, unknown> {
  const lines = readLines(join(dir, 'trials.jsonl'));
  const map = new Map<string, unknown>();
  for (const l of lines) {
    if (map.has(l.key)) throw new Error(`duplicate ${l.key} in ${dir}`);
    map.set(l.key, l.metrics);
  }
  return map;
}

/** Spawn the fixture sweep as a child process. */
export function spawnSweep(args: string[], env: Record<string, string> = {}) {
  return spawn(process.execPath, ['--conditions=source', '--import', 'tsx', RUN_SWEEP, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
}

/** Run the fixture sweep to completion; resolves with its stdout JSON. */
export function runSweepChild(args: string[]): Promise<{ ran: number; resumed: number; total: number; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawnSweep(args);
    let out = '', err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`sweep exited ${code}: ${err}`))));
  });
}
