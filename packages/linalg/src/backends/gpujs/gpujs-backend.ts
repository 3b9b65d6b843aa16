import { BackendUnavailableError } from '../../errors.js';
import type { Backend } from '../backend.js';
/** Placeholder until the gpu.js kernels land. */
export async function createGpuJsBackend(): Promise<Backend> {
  throw new BackendUnavailableError('gpujs', 'not built');
}
export async function detectRealGpu(): Promise<boolean> {
  return false;
}
