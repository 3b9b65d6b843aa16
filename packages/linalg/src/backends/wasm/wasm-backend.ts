import { BackendUnavailableError } from '../../errors.js';
import type { Backend } from '../backend.js';
/** Placeholder until the wasm kernels land. */
export async function createWasmBackend(): Promise<Backend> {
  throw new BackendUnavailableError('wasm', 'not built');
}
