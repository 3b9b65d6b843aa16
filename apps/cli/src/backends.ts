/** Backend helpers shared by commands. */
import { parseBackendChoice, selectBackend, type Backend } from '@dpr/linalg';
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
