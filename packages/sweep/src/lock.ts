/**
 * One writer per results folder: `<dir>/.dpr-lock` names its owner (pid, host, start time,
 * command). It is created whole and atomically (written to a temporary file, then hard-linked to
 * its name, which fails if the name exists), so a second writer either gets the lock or sees a
 * complete one. A lock whose owner is gone — same host, pid not alive — is stale and taken over;
 * a lock of another host cannot be checked and is reported with the way to clear it. Locks this
 * process holds are released on `release()`, and on process exit as a last resort.
 */
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { threadId } from 'node:worker_threads';
import { DprError } from '@dpr/linalg';

/** The lock file's name inside a results folder. */
export const LOCK_FILE = '.dpr-lock';

/** What a lock file records. */
export interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

/** The folder is locked by another writer that is (or may be) alive. */
export class ResultsLockedError extends DprError {
  readonly dir: string;
  readonly owner: LockOwner;
  constructor(dir: string, owner: LockOwner) {
    const local = owner.host === hostname();
    super(
      'E_LOCKED',
      `${dir} is in use by another run (pid ${owner.pid}${local ? '' : ` on host ${owner.host}`}, since ${owner.startedAt}: ${owner.command || 'dpr'}); ` +
        (local ? 'wait for it (--wait) or use another --out' : `if no dpr runs on ${owner.host}, delete ${join(dir, LOCK_FILE)}`),
    );
    this.dir = dir;
    this.owner = owner;
  }
}

/** A held lock. */
export interface ResultsLock {
  readonly dir: string;
  readonly owner: LockOwner;
  /** Remove the lock file (if it is still this lock's). Idempotent. */
  release(): void;
}

/** Options of {@link lockResultsDir}. */
export interface LockOptions {
  /** Wait for a live owner to finish instead of refusing (default false). */
  wait?: boolean;
  /** Poll interval while waiting (default 500 ms). */
  pollMs?: number;
  /** Recorded in the lock file, shown to a second writer. */
  command?: string;
  /** Once, when the lock is busy and this call waits. */
  onWait?: (owner: LockOwner) => void;
  /** When a stale lock of a dead owner is taken over. */
  onStale?: (owner: LockOwner) => void;
}

const held = new Set<string>();
let tmpCount = 0;
let exitHookInstalled = false;

function readOwner(path: string): LockOwner | undefined | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.pid === 'number' && typeof o.host === 'string') return { pid: o.pid, host: o.host, startedAt: String(o.startedAt ?? '?'), command: String(o.command ?? '') };
  } catch {
    // fall through
  }
  return 'unreadable';
}

/** Whether process `pid` of this host is alive (EPERM: alive, another user's). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove a stale lock, unless another process replaced it meanwhile (then leave theirs). */
function breakStale(path: string, stale: string): void {
  const aside = `${path}.stale.${process.pid}`;
  try {
    renameSync(path, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  let text = '';
  try {
    text = readFileSync(aside, 'utf8');
  } catch {
    // gone: nothing to give back
  }
  if (text !== stale) {
    try {
      linkSync(aside, path); // a fresh lock was moved aside: put it back (fails only if yet another took the name)
    } catch {
      // the name is taken again; the owner of `aside` keeps running without a file, as after a manual delete
    }
  }
  rmSync(aside, { force: true });
}

/** Try once: the lock, or the live owner that holds it. */
function tryLock(dir: string, owner: LockOwner, onStale?: (o: LockOwner) => void): ResultsLock | LockOwner {
  const path = join(dir, LOCK_FILE);
  const text = `${JSON.stringify(owner)}\n`;
  const tmp = `${path}.${process.pid}.${threadId}.${++tmpCount}.tmp`;
  for (let attempt = 0; ; attempt++) {
    writeFileSync(tmp, text, { flag: 'wx' });
    try {
      linkSync(tmp, path);
      return makeLock(dir, path, owner, text);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      rmSync(tmp, { force: true });
    }
    const current = readOwner(path);
    if (current === undefined) continue; // released meanwhile
    const stale = current === 'unreadable' || (current.host === hostname() && current.pid !== process.pid && !alive(current.pid));
    if (!stale || attempt > 5) return current === 'unreadable' ? { pid: 0, host: '?', startedAt: '?', command: 'an unreadable lock file' } : current;
    if (current !== 'unreadable') onStale?.(current);
    let staleText: string;
    try {
      staleText = readFileSync(path, 'utf8');
    } catch {
      continue; // released meanwhile
    }
    breakStale(path, staleText);
  }
}

function makeLock(dir: string, path: string, owner: LockOwner, text: string): ResultsLock {
  held.add(path);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const p of held) releasePath(p, undefined);
    });
  }
  let released = false;
  return {
    dir,
    owner,
    release() {
      if (released) return;
      released = true;
      releasePath(path, text);
    },
  };
}

/** Remove `path` if it still holds `text` (any of this process's locks when `text` is undefined). */
function releasePath(path: string, text: string | undefined): void {
  held.delete(path);
  let current: string;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    return;
  }
  const mine = text === undefined ? readPid(current) === process.pid : current === text;
  if (mine) rmSync(path, { force: true });
}

function readPid(text: string): number | undefined {
  try {
    return (JSON.parse(text) as Partial<LockOwner>).pid;
  } catch {
    return undefined;
  }
}

/**
 * Take the lock of results folder `dir` (created if missing). A live owner makes it throw
 * {@link ResultsLockedError}, or wait with `wait: true`; a dead owner's lock is taken over.
 */
export async function lockResultsDir(dir: string, options: LockOptions = {}): Promise<ResultsLock> {
  const abs = resolve(dir);
  mkdirSync(abs, { recursive: true });
  const owner: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), command: options.command ?? process.argv.slice(2).join(' ') };
  let told = false;
  for (;;) {
    const r = tryLock(abs, owner, options.onStale);
    if ('release' in r) return r;
    if (!options.wait) throw new ResultsLockedError(abs, r);
    if (!told) options.onWait?.(r);
    told = true;
    await new Promise((res) => setTimeout(res, options.pollMs ?? 500));
  }
}

/** {@link lockResultsDir} without waiting, for synchronous writers (merge). */
export function lockResultsDirSync(dir: string, command = ''): ResultsLock {
  const abs = resolve(dir);
  mkdirSync(abs, { recursive: true });
  const r = tryLock(abs, { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), command: command || process.argv.slice(2).join(' ') });
  if ('release' in r) return r;
  throw new ResultsLockedError(abs, r);
}
