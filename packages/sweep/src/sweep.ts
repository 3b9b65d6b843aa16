/**
 * A resumable, shardable sweep: run every trial of an experiment's grid (or of one shard) that
 * `<outDir>/trials.jsonl` does not hold yet, on worker threads, appending one line per trial from
 * the main thread. Killing a run at any point and running it again ends with exactly the trials of
 * an uninterrupted run: recorded trials are skipped, a torn last line is cut away, and a trial lost
 * between finishing and being written is simply run again (trials are pure).
 */
import { availableParallelism } from 'node:os';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ArgumentError } from '@dpr/linalg';
import { writeFileAtomic } from '@dpr/datasets';
import { contentHash } from './canonical-json.js';
import { ConfigMismatchError, CorruptStoreError } from './errors.js';
import { trialSpecs, type Experiment, type TrialSpec } from './experiment.js';
import { formatShard, inShard, type Shard } from './shard.js';
import { TRIALS_FILE, TrialAppender, loadTrials, readStoredConfig, writeStoredConfig, type StoredConfig, type StoreFs, type TrialRecord } from './store.js';
import { packageVersions } from './versions.js';
import { lockResultsDir, type ResultsLock } from './lock.js';
import { runTrials } from './worker-pool.js';

/** Progress after each recorded trial. */
export interface SweepProgress {
  /** Trials of this run's slice recorded so far (resumed ones included). */
  done: number;
  /** Trials in this run's slice. */
  total: number;
  /** Trials recorded before this run started. */
  resumed: number;
  record: TrialRecord;
}

/** Options of {@link runSweep}. */
export interface SweepOptions<C> {
  /** The results folder (created if missing). */
  outDir: string;
  config: C;
  /** Worker threads (default `os.availableParallelism()`); 0 runs trials on the calling thread. */
  workers?: number;
  /** Run only this slice of the grid (default: all of it). */
  shard?: Shard | null;
  /** Recorded in config.json (e.g. `quick`); not part of the hash. */
  variant?: string;
  /** Discard the folder's existing trials and start over (default false: resume). */
  fresh?: boolean;
  onProgress?: (p: SweepProgress) => void;
  /** Informational messages (resume counts, a repaired torn line). */
  onLog?: (line: string) => void;
  /** Package versions recorded with every trial (default: this package's and linalg's, and Node's). */
  versions?: Record<string, string>;
  /**
   * The lock of `outDir` when the caller holds it already (e.g. for the whole figure run);
   * otherwise runSweep takes it for the sweep (see {@link lockResultsDir}) and releases it.
   */
  lock?: ResultsLock;
  /** When another run holds the folder: wait for it instead of refusing (default false). */
  wait?: boolean;
  /** The store's file-system calls (default: node:fs); tests inject faults here. */
  storeFs?: StoreFs;
}

/** What {@link runSweep} returns. */
export interface SweepResult {
  outDir: string;
  stored: StoredConfig;
  /** Every record of this slice, in the file's order. */
  records: TrialRecord[];
  /** Trials in this slice. */
  total: number;
  /** Trials run by this call. */
  ran: number;
  /** Trials found already recorded. */
  resumed: number;
  /** Whether every trial of the full grid is recorded in this folder. */
  complete: boolean;
  workers: number;
  wallMs: number;
}

/** The hash stored in config.json: of the experiment id and its configuration (not the shard). */
export function configHashOf(experimentId: string, config: unknown): string {
  return contentHash({ experiment: experimentId, config });
}

/** The grid's specs, checking that keys are unique (a broken grid is a programming error). */
export function gridOf<C>(experiment: Experiment<C, any>, config: C): TrialSpec[] {
  const specs = trialSpecs(experiment, config);
  const seen = new Set<string>();
  for (const s of specs) {
    if (seen.has(s.key)) throw new CorruptStoreError(`${experiment.id} grid`, s.index, `trial key ${s.key} occurs twice in the grid`);
    seen.add(s.key);
  }
  return specs;
}

/**
 * Run (or resume) a sweep, as the folder's one writer: with the caller's lock of `outDir`, or
 * taking it (refusing, or waiting with `wait`, while another run holds it); see the module comment.
 */
export async function runSweep<C>(experiment: Experiment<C, any>, options: SweepOptions<C>): Promise<SweepResult> {
  if (options.lock) {
    if (options.lock.dir !== resolve(options.outDir)) throw new ArgumentError('lock', `the lock of ${resolve(options.outDir)}`, options.lock.dir);
    return runLocked(experiment, options);
  }
  const log = options.onLog ?? (() => {});
  const lock = await lockResultsDir(options.outDir, {
    wait: options.wait ?? false,
    onWait: (o) => log(`${resolve(options.outDir)} is in use by pid ${o.pid} (since ${o.startedAt}); waiting for it to finish`),
    onStale: (o) => log(`${resolve(options.outDir)}: taking over the lock of pid ${o.pid}, which is no longer running`),
  });
  try {
    return await runLocked(experiment, options);
  } finally {
    lock.release();
  }
}

async function runLocked<C>(experiment: Experiment<C, any>, options: SweepOptions<C>): Promise<SweepResult> {
  const t0 = performance.now();
  const { outDir, config } = options;
  const shard = options.shard ?? null;
  const workers = options.workers ?? availableParallelism();
  const log = options.onLog ?? (() => {});
  const specs = gridOf(experiment, config);
  const configHash = configHashOf(experiment.id, config);
  const trialsFile = join(outDir, TRIALS_FILE);
  mkdirSync(outDir, { recursive: true });
  if (options.fresh) {
    rmSync(trialsFile, { force: true });
    rmSync(join(outDir, 'config.json'), { force: true });
  }

  let stored = readStoredConfig(outDir);
  if (stored) {
    if (stored.experiment !== experiment.id) throw new ConfigMismatchError(outDir, configHash, stored.configHash, `holds experiment '${stored.experiment}', not '${experiment.id}'; use another --out or --fresh`);
    if (stored.configHash !== configHash) throw new ConfigMismatchError(outDir, configHash, stored.configHash, `was run with a different configuration of '${experiment.id}' (e.g. --quick vs full); use another --out, or --fresh to discard it`);
    const same = (stored.shard === null && shard === null) || (stored.shard !== null && shard !== null && stored.shard.index === shard.index && stored.shard.count === shard.count);
    if (!same) throw new ConfigMismatchError(outDir, configHash, stored.configHash, `holds shard ${stored.shard ? formatShard(stored.shard) : 'none (the whole grid)'}, not ${shard ? formatShard(shard) : 'the whole grid'}`);
  } else {
    if (existsSync(trialsFile) && loadTrials(trialsFile, { duplicates: 'keep-first' }).records.length > 0) {
      throw new CorruptStoreError(join(outDir, 'config.json'), 0, `missing, but ${TRIALS_FILE} has trials: cannot tell which configuration they belong to`);
    }
    stored = { experiment: experiment.id, configHash, config, shard, totalTrials: specs.length, ...(options.variant ? { variant: options.variant } : {}), createdAt: new Date().toISOString() };
    writeStoredConfig(outDir, stored);
  }

  const { records, repairedBytes, duplicates } = loadTrials(trialsFile, { repair: true, duplicates: 'keep-first' });
  if (repairedBytes > 0) log(`${trialsFile}: cut away a torn last line (${repairedBytes} bytes) left by an interrupted run`);
  if (duplicates > 0) {
    // an older version let two runs write one folder at once: keep the first record of each trial
    writeFileAtomic(trialsFile, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    log(`${trialsFile}: dropped ${duplicates} duplicated trial line${duplicates === 1 ? '' : 's'} (two runs wrote this folder at once, before folders were locked); kept the first record of each trial`);
  }
  const byKey = new Map(specs.map((s) => [s.key, s]));
  records.forEach((r, i) => {
    if (r.configHash !== configHash) throw new CorruptStoreError(trialsFile, i + 1, `config hash ${r.configHash} differs from config.json's ${configHash}`);
    const spec = byKey.get(r.key);
    if (!spec) throw new CorruptStoreError(trialsFile, i + 1, `trial ${r.key} is not in the grid of this configuration`);
    if (!inShard(spec.index, shard)) throw new CorruptStoreError(trialsFile, i + 1, `trial ${r.key} is not in shard ${shard ? formatShard(shard) : ''}`);
  });
  const recorded = new Set(records.map((r) => r.key));
  const slice = specs.filter((s) => inShard(s.index, shard));
  const pending = slice.filter((s) => !recorded.has(s.key));
  const resumed = slice.length - pending.length;
  if (resumed > 0) log(`resuming ${experiment.id} in ${outDir}: ${resumed}/${slice.length} trials already recorded`);

  const versions = options.versions ?? packageVersions(import.meta.url, ['@dpr/sweep', '@dpr/linalg']);
  const appender = new TrialAppender(trialsFile, options.storeFs, records.length);
  let done = resumed;
  try {
    await runTrials(pending, { experiment, config, workers }, (spec, outcome) => {
      const record: TrialRecord = {
        experiment: experiment.id,
        key: spec.key,
        index: spec.index,
        params: spec.params,
        seed: spec.seed,
        metrics: outcome.metrics,
        timeMs: Math.round(outcome.timeMs * 1000) / 1000,
        backend: outcome.backend,
        versions,
        configHash,
      };
      appender.append(record);
      records.push(record);
      done++;
      options.onProgress?.({ done, total: slice.length, resumed, record });
    });
  } finally {
    appender.close();
  }
  return {
    outDir,
    stored,
    records,
    total: slice.length,
    ran: pending.length,
    resumed,
    complete: records.length === specs.length,
    workers,
    wallMs: performance.now() - t0,
  };
}
