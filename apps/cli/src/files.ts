/** File helpers: reads with clear errors (writes: the one atomic write of `@dpr/datasets`). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError } from './flags.js';

export { writeFileAtomic } from '@dpr/datasets';

/** Read a file relative to `cwd`, as bytes, or throw a CliError naming the flag. */
export function readFileFlag(cwd: string, path: string, flag: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(resolve(cwd, path)));
  } catch (e) {
    throw new CliError(`--${flag}: cannot read ${JSON.stringify(path)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
