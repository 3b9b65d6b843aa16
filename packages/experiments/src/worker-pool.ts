/**
 * Runs trials on N worker threads (or inline on the main thread when N = 0) and hands each result
 * to one callback on the main thread, in completion order.
 *
 * Workers start from TS source in development (the CLI runs under `--conditions=source --import
 * tsx`): Node 20 does not apply the parent's `--import tsx` hooks to a worker's entry module, so a
 * `.ts` worker is started through a one-line bootstrap that registers tsx's ESM hooks in the worker
 * and then imports `worker.ts`. From the built `dist/`, `worker.js` is started directly.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Experiment, Metrics, TrialSpec } from './experiment.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';
import { TrialFailedError } from './errors.js';

/** What one finished trial reports. */
export interface TrialOutcome {
  metrics: Metrics;
  timeMs: number;
  backend: string;
}

/** Options of {@link runTrials}. */
export interface RunTrialsOptions<C> {
  experiment: Experiment<C, any>;
  config: C;
  /** Worker threads; 0 runs the trials inline on the calling thread. */
  workers: number;
}

function tsxApiUrl(): string {
  const meta = import.meta as ImportMeta & { resolve?: (s: string) => string };
  try {
    if (typeof meta.resolve === 'function') return meta.resolve('tsx/esm/api');
  } catch {
    // fall through to require.resolve
  }
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href;
}

/** Start one trial worker (from source under tsx, or from dist). */
export function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./worker.js', here), { execArgv: process.execArgv });
  const workerUrl = new URL('./worker.ts', here).href;
  const execArgv = process.execArgv.includes('--conditions=source') ? [...process.execArgv] : [...process.execArgv, '--conditions=source'];
  const boot =
    `import(${JSON.stringify(tsxApiUrl())}).then((m) => (m.register ?? m.default.register)())` +
    `.then(() => import(${JSON.stringify(workerUrl)}));`;
  return new Worker(boot, { eval: true, execArgv });
}

async function runInline<C>(specs: readonly TrialSpec[], options: RunTrialsOptions<C>, onResult: (spec: TrialSpec, outcome: TrialOutcome) => void): Promise<void> {
  const { experiment, config } = options;
  const ctx = experiment.setup ? await experiment.setup(config) : { backend: 'none', state: undefined };
  try {
    for (const spec of specs) {
      const t0 = performance.now();
      let metrics: Metrics;
      try {
        metrics = await experiment.run({ params: spec.params, seed: spec.seed }, config, ctx.state);
      } catch (e) {
        throw new TrialFailedError(spec.key, (e as Error).message ?? String(e), { cause: e });
      }
      onResult(spec, { metrics, timeMs: performance.now() - t0, backend: ctx.backend });
    }
  } finally {
    experiment.teardown?.(ctx.state);
  }
}

/**
 * Run `specs` and call `onResult` once per trial on this thread. Rejects with
 * {@link TrialFailedError} (after stopping every worker) if a trial or a worker's setup throws.
 */
export async function runTrials<C>(specs: readonly TrialSpec[], options: RunTrialsOptions<C>, onResult: (spec: TrialSpec, outcome: TrialOutcome) => void): Promise<void> {
  if (specs.length === 0) return;
  if (options.workers === 0) return runInline(specs, options, onResult);
  const count = Math.min(options.workers, specs.length);
  const byIndex = new Map(specs.map((s) => [s.index, s]));
  let next = 0;
  let finished = 0;
  const workers: Worker[] = [];
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const stopAll = () => {
      for (const w of workers) void w.terminate();
    };
    const failWith = (e: Error) => {
      if (settled) return;
      settled = true;
      stopAll();
      reject(e);
    };
    const finish = () => {
      if (settled) return;
      settled = true;
      for (const w of workers) w.postMessage({ type: 'close' } satisfies ToWorker);
      resolve();
    };
    for (let w = 0; w < count; w++) {
      const worker = startWorker();
      workers.push(worker);
      let backend = 'none';
      const dispatch = () => {
        const spec = specs[next];
        if (spec === undefined) return;
        next++;
        worker.postMessage({ type: 'trial', spec } satisfies ToWorker);
      };
      worker.on('message', (msg: FromWorker) => {
        if (settled) return;
        if (msg.type === 'ready') {
          backend = msg.backend;
          dispatch();
        } else if (msg.type === 'result') {
          const spec = byIndex.get(msg.index)!;
          try {
            onResult(spec, { metrics: msg.metrics, timeMs: msg.timeMs, backend });
          } catch (e) {
            failWith(e as Error);
            return;
          }
          finished++;
          if (finished === specs.length) finish();
          else dispatch();
        } else {
          const key = msg.index === null ? '(worker setup)' : (byIndex.get(msg.index)?.key ?? `#${msg.index}`);
          const err = new TrialFailedError(key, msg.message);
          if (msg.stack) err.stack = msg.stack;
          failWith(err);
        }
      });
      worker.on('error', (e) => failWith(new TrialFailedError('(worker)', e.message, { cause: e })));
      worker.on('exit', (code) => {
        if (!settled && code !== 0) failWith(new TrialFailedError('(worker)', `worker thread exited with code ${code}`));
      });
      worker.postMessage({ type: 'init', module: options.experiment.module, config: options.config } satisfies ToWorker);
    }
  });
  await Promise.all(workers.map((w) => new Promise<void>((r) => (w.threadId === -1 ? r() : w.once('exit', () => r())))));
}
