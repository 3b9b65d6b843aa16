/**
 * Runs trials on N worker threads (a `tinypool` pool; inline on the calling thread when N = 0) and
 * hands each result to one callback on the main thread, in completion order. Each worker imports
 * the experiment named by the task once, runs its `setup` once, and keeps the state for every
 * later trial of the same experiment and configuration (see `worker.ts`).
 *
 * Workers start from TS source in development (the CLI runs under `--conditions=source --import
 * tsx`): Node 20 does not apply the parent's `--import tsx` hooks to a worker's entry module, so a
 * `.ts` worker is loaded through `tsx-worker.mjs`, which registers tsx's ESM hooks in the worker
 * and then imports `worker.ts`. From the built `dist/`, `worker.js` is loaded directly.
 */
import Tinypool from 'tinypool';
import type { Experiment, Metrics, TrialSpec } from './experiment.js';
import { TrialFailedError } from './errors.js';
import type { TrialTask } from './worker.js';

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

/** The pool's worker module and the Node flags its threads start with (from source under tsx, or from dist). */
function workerEntry(): { filename: string; execArgv: string[] } {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return { filename: new URL('./worker.js', here).href, execArgv: [...process.execArgv] };
  const execArgv = process.execArgv.includes('--conditions=source') ? [...process.execArgv] : [...process.execArgv, '--conditions=source'];
  return { filename: new URL('./tsx-worker.mjs', here).href, execArgv };
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
  const threads = Math.min(options.workers, specs.length);
  const pool = new Tinypool({ ...workerEntry(), minThreads: threads, maxThreads: threads, isolateWorkers: false, teardown: 'teardown' });
  const { module } = options.experiment;
  try {
    await Promise.all(
      specs.map((spec) =>
        pool.run({ module, config: options.config, spec } satisfies TrialTask).then(
          (outcome: TrialOutcome) => onResult(spec, outcome),
          (e: unknown) => {
            if (e instanceof TrialFailedError) throw e;
            const err = new TrialFailedError(spec.key, e instanceof Error ? e.message : String(e), { cause: e });
            if (e instanceof Error && e.stack) err.stack = e.stack;
            throw err;
          },
        ),
      ),
    );
  } finally {
    await pool.destroy();
  }
}
