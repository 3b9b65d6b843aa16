/**
 * The CLI's one error path: every failure becomes one line `dpr <command>: <what> (<parameter or
 * path>)` and an exit code (2: usage, 1: anything else); the stack trace only with `--debug` or
 * DPR_DEBUG=1. Typed dpr errors carry their own message; Node's file-system errors and V8's
 * allocation failures are translated; anything else is reported as unexpected, still on one line.
 */
import { DprError } from '@dpr/linalg';
import type { CommandIo } from './command.js';
import { CliError } from './flags.js';

/** Exit code of a usage error. */
export const EXIT_USAGE = 2;
/** Exit code of every other failure. */
export const EXIT_FAILURE = 1;

/** What Node's file-system error codes mean, in words. */
const FS_CODES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EEXIST: 'already exists',
  EISDIR: 'is a folder, expected a file',
  ENOTDIR: 'a file is in the way, expected a folder',
  ENOENT: 'no such file or folder',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  ENAMETOOLONG: 'file name too long',
  ELOOP: 'too many symbolic links',
  EBUSY: 'busy',
  EIO: 'input/output error',
  ENOTEMPTY: 'folder not empty',
};

/** What a failed system call was doing. */
const SYSCALL_VERBS: Record<string, string> = {
  open: 'cannot open', read: 'cannot read', write: 'cannot write', mkdir: 'cannot create the folder', rename: 'cannot write',
  unlink: 'cannot remove', rmdir: 'cannot remove', scandir: 'cannot list', stat: 'cannot access', lstat: 'cannot access',
  access: 'cannot access', fsync: 'cannot write', ftruncate: 'cannot write', link: 'cannot create', copyfile: 'cannot copy',
};

interface SystemError extends Error {
  code: string;
  syscall?: string;
  path?: string;
  dest?: string;
}

function isSystemError(e: unknown): e is SystemError {
  return e instanceof Error && typeof (e as SystemError).code === 'string' && /^E[A-Z]+$/.test((e as SystemError).code) && (e as SystemError).syscall !== undefined;
}

/** V8's messages when an array is too large to allocate. */
const ALLOCATION = /Invalid typed array length|Array buffer allocation failed|Invalid array length|Invalid string length|out of memory/i;

/** The one line (without the `dpr <command>: ` prefix) and exit code of a failure. */
export function describeFailure(e: unknown): { line: string; exitCode: number; expected: boolean } {
  if (e instanceof CliError) return { line: e.message, exitCode: EXIT_USAGE, expected: true };
  if (e instanceof DprError) return { line: e.message, exitCode: EXIT_FAILURE, expected: true };
  if (isSystemError(e)) {
    const what = FS_CODES[e.code] ?? e.code;
    const verb = SYSCALL_VERBS[e.syscall ?? ''] ?? `${e.syscall} failed`;
    const path = e.syscall === 'rename' && e.dest ? e.dest : e.path;
    return { line: `${verb}: ${what} [${e.code}]${path ? ` (${path})` : ''}`, exitCode: EXIT_FAILURE, expected: true };
  }
  if (e instanceof RangeError && ALLOCATION.test(e.message)) {
    return { line: `out of memory: ${e.message} (the sizes asked for are too large for this machine)`, exitCode: EXIT_FAILURE, expected: true };
  }
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return { line: `unexpected error: ${message.split('\n')[0]} (run with --debug for the stack trace)`, exitCode: EXIT_FAILURE, expected: false };
}

/** Whether stack traces are wanted: `--debug` or DPR_DEBUG=1. */
export function debugWanted(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--debug') || env['DPR_DEBUG'] === '1';
}

/** `argv` without the global `--debug` flag. */
export function withoutDebugFlag(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  const head = end < 0 ? argv : argv.slice(0, end);
  return [...head.filter((a) => a !== '--debug'), ...(end < 0 ? [] : argv.slice(end))];
}

/** Print a failure of `command` (one line; the stack too when `debug`) and return its exit code. */
export function reportFailure(command: string, e: unknown, io: CommandIo, debug: boolean): number {
  const f = describeFailure(e);
  io.err(`dpr${command ? ` ${command}` : ''}: ${f.line.split('\n')[0]}`);
  if (debug && e instanceof Error && e.stack) io.err(e.stack);
  return f.exitCode;
}
