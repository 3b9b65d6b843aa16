/**
 * `@dpr/bench` is a development package of the repository (benchmarks write BENCHMARKS.md there)
 * and is not published: an installed `dpr` runs every command but `dpr bench` and
 * `reproduce --write` without it. Loaded on demand; missing, it is a usage error saying so.
 */
import { CliError } from './flags.js';

type Bench = typeof import('@dpr/bench');

/** The bench package, or a {@link CliError} naming `what` needs it. */
export async function loadBench(what: string): Promise<Bench> {
  try {
    return await import('@dpr/bench');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND' || !String((e as Error).message).includes('@dpr/bench')) throw e;
    throw new CliError(`${what}: needs @dpr/bench, which ships with the repository only (git clone, pnpm install, then pnpm dpr ...)`);
  }
}
