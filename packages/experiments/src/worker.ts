/**
 * Entry point of a trial worker thread: imports the experiment named by the `init` message, runs
 * its `setup` once, then runs one trial per `trial` message and posts the metrics back. Workers
 * never write files: the main thread alone appends to trials.jsonl.
 */
import { parentPort } from 'node:worker_threads';
import type { Experiment } from './experiment.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');

let experiment: Experiment<unknown, unknown> | undefined;
let config: unknown;
let state: unknown;

function post(message: FromWorker): void {
  port!.postMessage(message);
}

function fail(index: number | null, e: unknown): void {
  post({ type: 'failed', index, message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined });
}

port.on('message', (message: ToWorker) => {
  void handle(message);
});

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'init':
      try {
        const mod = (await import(message.module.url)) as Record<string, unknown>;
        const found = mod[message.module.exportName] as Experiment<unknown, unknown> | undefined;
        if (!found || typeof found.run !== 'function') throw new Error(`${message.module.url} has no experiment export '${message.module.exportName}'`);
        experiment = found;
        config = message.config;
        const ctx = experiment.setup ? await experiment.setup(config) : { backend: 'none', state: undefined };
        state = ctx.state;
        post({ type: 'ready', backend: ctx.backend });
      } catch (e) {
        fail(null, e);
      }
      return;
    case 'trial': {
      const { spec } = message;
      try {
        const t0 = performance.now();
        const metrics = await experiment!.run({ params: spec.params, seed: spec.seed }, config, state);
        post({ type: 'result', index: spec.index, metrics, timeMs: performance.now() - t0 });
      } catch (e) {
        fail(spec.index, e);
      }
      return;
    }
    case 'close':
      try {
        experiment?.teardown?.(state);
      } finally {
        port!.close();
      }
      return;
  }
}
