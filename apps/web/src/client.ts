/**
 * The page's side of the worker: one request at a time; `stop()` terminates the worker (the
 * solvers are synchronous loops) and the next request starts a fresh one.
 */
import type { WorkerEvent, WorkerRequest } from './protocol.js';

export class LabClient {
  private worker: Worker | undefined;
  private finish: ((outcome: 'done' | 'stopped' | 'error') => void) | undefined;

  /** Whether a request is running. */
  get busy(): boolean {
    return this.finish !== undefined;
  }

  /** Run a request; events go to `onEvent`; resolves when it is done, stopped or failed. */
  run(req: WorkerRequest, onEvent: (e: WorkerEvent) => void): Promise<'done' | 'stopped' | 'error'> {
    if (this.busy) this.stop();
    this.worker ??= new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    return new Promise((resolve) => {
      this.finish = resolve;
      this.worker!.onmessage = (ev: MessageEvent<WorkerEvent>) => {
        onEvent(ev.data);
        if (ev.data.type === 'done' || ev.data.type === 'error') this.end(ev.data.type);
      };
      this.worker!.onerror = (ev) => {
        onEvent({ type: 'error', message: ev.message || 'the worker failed to start' });
        this.end('error');
      };
      this.worker!.postMessage(req);
    });
  }

  /** Stop the running request now. */
  stop(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.end('stopped');
  }

  private end(outcome: 'done' | 'stopped' | 'error'): void {
    const f = this.finish;
    this.finish = undefined;
    f?.(outcome);
  }
}
