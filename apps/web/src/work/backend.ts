/** The backend of a run, and a `backend` event saying which one runs and why it fell back. */
import { selectBackend, type Backend } from '@dpr/linalg';
import type { BackendSetting } from '../url-state.js';
import type { WorkerEvent } from '../protocol.js';

const started = new Map<string, Promise<{ backend: Backend; fallback: string | null }>>();

/** Start (once per worker) the backend for a setting and report it. */
export async function workerBackend(setting: BackendSetting, post: (e: WorkerEvent) => void): Promise<Backend> {
  let p = started.get(setting);
  if (!p) {
    p = (async () => {
      const warnings: string[] = [];
      const backend = await selectBackend({ backend: setting, onWarning: (w) => warnings.push(w) });
      return { backend, fallback: warnings.length > 0 ? warnings.join('; ') : null };
    })();
    started.set(setting, p);
  }
  const { backend, fallback } = await p;
  post({ type: 'backend', requested: setting, name: backend.name, description: backend.description, fallback });
  return backend;
}
