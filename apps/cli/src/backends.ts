/** Backend helpers shared by commands. */
import { createBackend, parseBackendChoice, selectBackend, type Backend, type BackendName } from '@dpr/linalg';
import type { Flags } from './command.js';
import { CliError } from './flags.js';

/** The backend named by `--backend` (default: env DPR_BACKEND, else auto), warnings to stderr. */
export async function backendFromFlags(flags: Flags, err: (line: string) => void): Promise<Backend> {
  const v = flags['backend'];
  if (v !== undefined && typeof v !== 'string') throw new CliError('--backend: expected a value');
  let choice;
  try {
    choice = v === undefined ? undefined : parseBackendChoice(v);
  } catch {
    throw new CliError(`--backend: expected one of auto, js, wasm, gpujs, got ${JSON.stringify(v)}`);
  }
  return selectBackend({ backend: choice, onWarning: err });
}

/** Every backend that starts on this machine, in a fixed order (for comparisons in one run). */
export async function availableBackends(names: readonly BackendName[], err: (line: string) => void): Promise<Backend[]> {
  const out: Backend[] = [];
  for (const name of names) {
    try {
      out.push(await createBackend(name));
    } catch (e) {
      err(`dpr: skipping backend '${name}': ${(e as Error).message}`);
    }
  }
  return out;
}
