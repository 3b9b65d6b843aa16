/** Run the CLI as its own process (from TS source), for what only a process shows: exit codes, pipes, signals. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const MAIN = fileURLToPath(new URL('../src/bin.ts', import.meta.url));

/** Start `dpr args...` in `cwd` (INIT_CWD, as `pnpm dpr` does); stdout and stderr piped; `nodeArgs` go to node before the script. */
export function spawnDpr(args: string[], cwd: string, env: Record<string, string> = {}, nodeArgs: string[] = []): ChildProcess {
  return spawn(process.execPath, ['--conditions=source', '--import', 'tsx', ...nodeArgs, MAIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, INIT_CWD: cwd, DPR_DEBUG: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Wait for a spawned CLI: exit code (null if killed), signal, its stdout and stderr. */
export function finished(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }> {
  let out = '', err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out, err })));
}
