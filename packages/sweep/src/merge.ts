/**
 * Combine the results folders of several shards (or partial runs) of one configuration into one
 * folder for the whole grid. Every input must hold the same experiment and configuration hash, and
 * no trial may appear in two inputs. An existing output folder counts as one more input, so merging
 * into it twice is rejected as duplicates rather than silently doubled.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigMismatchError, DuplicateTrialError, ResultsNotFoundError } from './errors.js';
import { TRIALS_FILE, loadTrials, readStoredConfig, requireStoredConfig, writeStoredConfig, type StoredConfig, type TrialRecord } from './store.js';
import { writeFileAtomic } from '@dpr/datasets';
import { lockResultsDirSync, type ResultsLock } from './lock.js';

/** What {@link mergeResults} returns. */
export interface MergeResult {
  outDir: string;
  stored: StoredConfig;
  records: TrialRecord[];
  /** Trials per input folder. */
  counts: Array<{ dir: string; trials: number; tornBytes: number }>;
  /** Whether the merged folder holds every trial of the grid. */
  complete: boolean;
}

/**
 * Merge `dirs` into `outDir`; see the module comment. Inputs are only read. `outDir` is written
 * as its one writer: under the caller's `lock` of it, or under a lock taken here (refused while
 * another run holds it).
 */
export function mergeResults(dirs: readonly string[], outDir: string, options: { lock?: ResultsLock } = {}): MergeResult {
  if (dirs.length === 0) throw new ResultsNotFoundError('(none)', 'no folders to merge');
  const lock = options.lock ?? lockResultsDirSync(outDir);
  try {
    return mergeLocked(dirs, outDir);
  } finally {
    if (!options.lock) lock.release();
  }
}

function mergeLocked(dirs: readonly string[], outDir: string): MergeResult {
  const inputs = dirs.map((d) => resolve(d));
  const out = resolve(outDir);
  if (!inputs.includes(out) && readStoredConfig(out)) inputs.push(out);
  const configs = inputs.map((d) => ({ dir: d, stored: requireStoredConfig(d) }));
  const first = configs[0]!;
  for (const c of configs.slice(1)) {
    if (c.stored.experiment !== first.stored.experiment) {
      throw new ConfigMismatchError(c.dir, first.stored.configHash, c.stored.configHash, `holds experiment '${c.stored.experiment}', but ${first.dir} holds '${first.stored.experiment}'`);
    }
    if (c.stored.configHash !== first.stored.configHash) {
      throw new ConfigMismatchError(c.dir, first.stored.configHash, c.stored.configHash, `was run with a different configuration of '${c.stored.experiment}' than ${first.dir}`);
    }
  }
  const owner = new Map<string, string>();
  const records: TrialRecord[] = [];
  const counts: MergeResult['counts'] = [];
  for (const { dir } of configs) {
    const file = join(dir, TRIALS_FILE);
    if (!existsSync(file)) {
      counts.push({ dir, trials: 0, tornBytes: 0 });
      continue;
    }
    const loaded = loadTrials(file); // a torn last line is ignored here, not cut: inputs are read-only
    for (const r of loaded.records) {
      if (r.configHash !== first.stored.configHash) {
        throw new ConfigMismatchError(dir, first.stored.configHash, r.configHash, `trial ${r.key} belongs to another configuration`);
      }
      const prev = owner.get(r.key);
      if (prev !== undefined) throw new DuplicateTrialError(r.key, [prev, dir]);
      owner.set(r.key, dir);
      records.push(r);
    }
    counts.push({ dir, trials: loaded.records.length, tornBytes: loaded.repairedBytes });
  }
  records.sort((a, b) => a.index - b.index);
  const stored: StoredConfig = { ...first.stored, shard: null, createdAt: new Date().toISOString() };
  // config first: if this is interrupted, the folder still reads as a (partial) whole-grid run
  writeStoredConfig(out, stored);
  writeFileAtomic(join(out, TRIALS_FILE), records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  return { outDir: out, stored, records, counts, complete: records.length === stored.totalTrials };
}
