/**
 * Choosing a backend: explicitly (`'js' | 'wasm' | 'gpujs'`), from the `DPR_BACKEND` environment
 * variable, or `'auto'`: gpujs only when a real (hardware) GPU is detected, otherwise wasm,
 * otherwise js. A backend that fails to start falls back to the next one with exactly one
 * warning; every backend gives the same answers within its precision.
 */
import { ArgumentError, BackendUnavailableError } from './errors.js';
import type { Backend, BackendName } from './backends/backend.js';
import { JsBackend } from './backends/js.js';

/** A backend name, or `'auto'`. */
export type BackendChoice = BackendName | 'auto';

/** The backend names accepted by {@link selectBackend}. */
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'js', 'wasm', 'gpujs'];

/** Options of {@link selectBackend}. */
export interface SelectBackendOptions {
  /** Which backend; default: env `DPR_BACKEND`, else `'auto'`. */
  backend?: BackendChoice;
  /** Where the single fallback warning goes (libraries never print: without a callback it is dropped). */
  onWarning?: (message: string) => void;
}

/** Parse a backend choice (e.g. a CLI flag), throwing a typed error for anything else. */
export function parseBackendChoice(value: unknown, parameter = 'backend'): BackendChoice {
  if (typeof value === 'string' && (BACKEND_CHOICES as readonly string[]).includes(value)) return value as BackendChoice;
  throw new ArgumentError(parameter, `one of ${BACKEND_CHOICES.join(', ')}`, value);
}

/** Options of {@link createBackend}. */
export interface CreateBackendOptions {
  /**
   * `wasm` only: threads for large products, 1 or 2. With 2 (the default, except in Node worker
   * threads such as a sweep's pool; the environment variable `DPR_THREADS` (`1` or `2`) sets the
   * default) a persistent helper thread computes half of every product of at least 2²⁴ flops
   * (e.g. GEMM 1000×1000×64, not a GEMV 1000×1000) where the runtime has shared wasm memory and
   * workers (Node; browsers only when `crossOriginIsolated`); results are bitwise the same as on
   * one thread. {@link Backend.dispose} stops the thread, and
   * it never keeps a Node process alive.
   */
  threads?: 1 | 2;
  /** `wasm` only: the smallest product (flops, 2 · rows · cols · vectors) shared between two threads; default 2²⁴. */
  threadMinFlops?: number;
}

/** Create one specific backend; throws {@link BackendUnavailableError} if it cannot start. */
export async function createBackend(name: BackendName, options: CreateBackendOptions = {}): Promise<Backend> {
  switch (name) {
    case 'js':
      return new JsBackend();
    case 'wasm': {
      const { createWasmBackend } = await import('./backends/wasm/wasm-backend.js');
      const { threads, threadMinFlops } = options;
      return createWasmBackend({ ...(threads === undefined ? {} : { threads }), ...(threadMinFlops === undefined ? {} : { threadMinFlops }) });
    }
    case 'gpujs': {
      const { createGpuJsBackend } = await import('./backends/gpujs/gpujs-backend.js');
      return createGpuJsBackend();
    }
    default:
      throw new ArgumentError('backend', "one of 'js', 'wasm', 'gpujs'", name);
  }
}

/** Whether a real hardware GPU is reachable through gpu.js (never true for software renderers). */
export async function hasRealGpu(): Promise<boolean> {
  try {
    const { detectRealGpu } = await import('./backends/gpujs/gpujs-backend.js');
    return await detectRealGpu();
  } catch {
    return false;
  }
}

function envChoice(): BackendChoice | undefined {
  const v = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.['DPR_BACKEND'];
  return v === undefined || v === '' ? undefined : parseBackendChoice(v, 'DPR_BACKEND');
}

/** Pick and start a backend; see the module comment for the rules. */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<Backend> {
  const choice = options.backend === undefined ? (envChoice() ?? 'auto') : parseBackendChoice(options.backend);
  const warn = options.onWarning ?? (() => {});
  let order: BackendName[];
  if (choice === 'auto') order = (await hasRealGpu()) ? ['gpujs', 'wasm', 'js'] : ['wasm', 'js'];
  else order = choice === 'gpujs' ? ['gpujs', 'wasm', 'js'] : choice === 'wasm' ? ['wasm', 'js'] : ['js'];
  const failures: string[] = [];
  for (const name of order) {
    try {
      const backend = await createBackend(name);
      if (failures.length > 0) {
        warn(`dpr: ${failures.join('; ')}; using the '${backend.name}' backend instead`);
      }
      return backend;
    } catch (err) {
      failures.push(err instanceof BackendUnavailableError ? err.message : `backend '${name}' failed: ${String(err)}`);
    }
  }
  throw new BackendUnavailableError(String(choice), failures.join('; '));
}
