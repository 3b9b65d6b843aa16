/**
 * An experiment is a grid of trials (parameters × seeds). Each trial is a pure function of its
 * parameters, its seed and the experiment's configuration, so any trial can be rerun alone, in any
 * worker, in any shard, and gives the same metrics.
 */

/** One parameter value of a trial. */
export type ParamValue = number | string | boolean;

/** A trial's parameters (everything but the seed). */
export type Params = Readonly<Record<string, ParamValue>>;

/** What a trial measures (JSON values only). */
export type Metrics = Record<string, number | string | boolean | null>;

/** A trial before it runs: its place in the grid, its key, parameters and seed. */
export interface TrialSpec {
  /** Position in the full grid (shards are assigned by it). */
  index: number;
  /** Stable identity: `name=value,...,seed=S` with names sorted. */
  key: string;
  params: Params;
  seed: number;
}

/** What a worker's `setup` returns: the backend it computes on and any state trials share. */
export interface WorkerContext<S> {
  /** Name of the compute backend the trials use (recorded with each trial). */
  backend: string;
  state: S;
}

/** Where a worker thread finds an experiment: its module (an `import.meta.url`) and export name. */
export interface ExperimentModule {
  url: string;
  exportName: string;
}

/**
 * A sweep definition. `C` is its configuration (JSON, hashed into config.json), `S` the per-worker
 * state made by `setup` (e.g. a compute backend).
 */
export interface Experiment<C = unknown, S = unknown> {
  readonly id: string;
  /** The module exporting this object, so worker threads can import it. */
  readonly module: ExperimentModule;
  /** The trials of a configuration, in a fixed order (the order defines trial indices). */
  grid(config: C): ReadonlyArray<{ params: Params; seed: number }>;
  /** Once per worker, before its first trial. */
  setup?(config: C): Promise<WorkerContext<S>> | WorkerContext<S>;
  /** Run one trial; must depend only on (params, seed, config). */
  run(trial: { params: Params; seed: number }, config: C, state: S): Metrics | Promise<Metrics>;
  /** Once per worker, after its last trial. */
  teardown?(state: S): void;
}

/** The key of a trial: `name=value` pairs sorted by name, then `seed=S`. */
export function trialKey(params: Params, seed: number): string {
  const parts = Object.keys(params).sort().map((k) => `${k}=${String(params[k])}`);
  parts.push(`seed=${seed}`);
  return parts.join(',');
}

/** The grid of an experiment as {@link TrialSpec}s (index = position, key = {@link trialKey}). */
export function trialSpecs<C>(experiment: Experiment<C, any>, config: C): TrialSpec[] {
  return experiment.grid(config).map((t, index) => ({ index, key: trialKey(t.params, t.seed), params: t.params, seed: t.seed }));
}
