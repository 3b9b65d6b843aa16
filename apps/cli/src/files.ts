/**
 * File helpers: reads with clear errors, output paths checked before any work is done (writes:
 * the one atomic write of `@dpr/datasets`).
 */
import { accessSync, constants, readFileSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DprError, plainBytes } from '@dpr/linalg';
import { CliError } from './flags.js';

/**
 * Write `data` to `path` atomically (a temp file, then a rename) with `@dpr/datasets`' writer,
 * which is loaded on the first write: a command that writes nothing does not load it.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  (await import('@dpr/datasets')).writeFileAtomic(path, data);
}

/** A path given by a flag cannot be used (a file system condition, exit code 1). */
export class PathError extends DprError {
  readonly path: string;
  constructor(flag: string, what: string, path: string) {
    super('E_PATH', `--${flag}: ${what} (${path})`);
    this.path = path;
  }
}

/** Read a file relative to `cwd`, as bytes, or throw a CliError naming the flag. */
export function readFileFlag(cwd: string, path: string, flag: string): Uint8Array {
  try {
    return plainBytes(readFileSync(resolve(cwd, path)));
  } catch (e) {
    throw new CliError(`--${flag}: cannot read ${JSON.stringify(path)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Check, before any work, that `path` (relative to `cwd`, given by `--flag`) can be written as a
 * `file` or a `folder`: not a folder where a file is wanted (or the reverse), and the nearest
 * existing folder above it writable. Returns the absolute path; throws a {@link PathError}.
 */
export function outputPath(cwd: string, path: string, flag: string, kind: 'file' | 'folder'): string {
  const abs = resolve(cwd, path);
  const st = statOf(abs);
  if (st && kind === 'file' && st.isDirectory()) throw new PathError(flag, 'is a folder, expected a file', path);
  if (st && kind === 'folder' && !st.isDirectory()) throw new PathError(flag, 'is a file, expected a folder', path);
  let probe = st ? (kind === 'folder' ? abs : dirname(abs)) : dirname(abs);
  let pst = statOf(probe);
  while (!pst && dirname(probe) !== probe) {
    probe = dirname(probe);
    pst = statOf(probe);
  }
  if (pst && !pst.isDirectory()) throw new PathError(flag, `${probe} is a file, so nothing can be created under it`, path);
  try {
    accessSync(probe, constants.W_OK);
  } catch (e) {
    throw new PathError(flag, `cannot write in ${probe} (${(e as NodeJS.ErrnoException).code ?? 'not writable'})`, path);
  }
  return abs;
}
