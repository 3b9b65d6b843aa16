/** The backends a benchmark compares. */
import { createBackend, type Backend, type BackendName } from '@dpr/linalg';

/** The backend names a suite may compare. */
export const BENCH_BACKENDS: readonly BackendName[] = ['js', 'wasm', 'gpujs'];

/** Every backend of `names` that starts on this machine, in order (for comparisons in one run); the others are reported to `log`. */
export async function availableBackends(names: readonly BackendName[], log: (line: string) => void): Promise<Backend[]> {
  const out: Backend[] = [];
  for (const name of names) {
    try {
      out.push(await createBackend(name));
    } catch (e) {
      log(`dpr: skipping backend '${name}': ${(e as Error).message}`);
    }
  }
  return out;
}
