/**
 * The task handler of a trial worker thread (`tinypool` calls the default export): imports the
 * experiment named by the task, runs its `setup` once per experiment and configuration, then runs
 * the trial and returns its metrics. Workers never write files: the main thread alone appends to
 * trials.jsonl.
 */
import type { Experiment, ExperimentModule, TrialSpec } from './experiment.js';
import type { TrialOutcome } from './worker-pool.js';

/** One task: which experiment, its configuration and the trial. */
export interface TrialTask {
  module: ExperimentModule;
  config: unknown;
  spec: TrialSpec;
}

interface Loaded {
  key: string;
  experiment: Experiment<unknown, unknown>;
  config: unknown;
  backend: string;
  state: unknown;
}

let loaded: Promise<Loaded> | undefined;

async function load(task: TrialTask, key: string): Promise<Loaded> {
  const mod = (await import(task.module.url)) as Record<string, unknown>;
  const experiment = mod[task.module.exportName] as Experiment<unknown, unknown> | undefined;
  if (!experiment || typeof experiment.run !== 'function') throw new Error(`${task.module.url} has no experiment export '${task.module.exportName}'`);
  const ctx = experiment.setup ? await experiment.setup(task.config) : { backend: 'none', state: undefined };
  return { key, experiment, config: task.config, backend: ctx.backend, state: ctx.state };
}

/** Run one trial (the experiment is set up on the first task that names it). */
export default async function runTrial(task: TrialTask): Promise<TrialOutcome> {
  const key = `${task.module.url}#${task.module.exportName}#${JSON.stringify(task.config)}`;
  let current = loaded ? await loaded : undefined;
  if (current?.key !== key) {
    if (current) await teardown();
    loaded = load(task, key);
    current = await loaded;
  }
  const t0 = performance.now();
  const metrics = await current.experiment.run({ params: task.spec.params, seed: task.spec.seed }, current.config, current.state);
  return { metrics, timeMs: performance.now() - t0, backend: current.backend };
}

/** Called by the pool before the thread ends: the experiment's teardown. */
export async function teardown(): Promise<void> {
  const current = loaded ? await loaded.catch(() => undefined) : undefined;
  loaded = undefined;
  if (current) current.experiment.teardown?.(current.state);
}
