/**
 * The results of one experiment in one folder: `config.json` (what was run, written atomically)
 * and `trials.jsonl` (one trial per line). Each line is appended with a single `write()` of the
 * whole line on a file opened with O_APPEND, so a killed run leaves at most one torn last line
 * (no newline); {@link openTrialStore} cuts it away before anything else is appended.
 */
import * as nodeFs from 'node:fs';
import { closeSync, existsSync, ftruncateSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { Metrics, Params } from './experiment.js';
import type { Shard } from './shard.js';
import { CorruptStoreError, DuplicateTrialError, ResultsNotFoundError, StoreWriteError } from './errors.js';
import { writeFileAtomic } from '@dpr/datasets';

export const TRIALS_FILE = 'trials.jsonl';
export const CONFIG_FILE = 'config.json';

/** One line of trials.jsonl. */
export interface TrialRecord {
  experiment: string;
  key: string;
  /** Position in the full grid. */
  index: number;
  params: Params;
  seed: number;
  metrics: Metrics;
  /** Wall time of the trial in its worker (instance construction included). */
  timeMs: number;
  /** Compute backend of the worker that ran it. */
  backend: string;
  /** Package versions of the run. */
  versions: Record<string, string>;
  /** {@link StoredConfig.configHash} of the configuration it belongs to. */
  configHash: string;
}

/** config.json. */
export interface StoredConfig {
  experiment: string;
  /** Hash of `{ experiment, config }` (canonical JSON). */
  configHash: string;
  config: unknown;
  /** The slice this folder holds, null for the whole grid. */
  shard: Shard | null;
  /** Trials in the full grid. */
  totalTrials: number;
  /** A name for the configuration (e.g. `quick` or `full`); informational, not hashed. */
  variant?: string;
  createdAt: string;
}

/** Read config.json of a results folder, or undefined when there is none. */
export function readStoredConfig(dir: string): StoredConfig | undefined {
  const path = join(dir, CONFIG_FILE);
  if (!existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new CorruptStoreError(path, 1, `not valid JSON (${(e as Error).message})`);
  }
  const c = parsed as Partial<StoredConfig>;
  if (typeof c !== 'object' || c === null || typeof c.experiment !== 'string' || typeof c.configHash !== 'string' || typeof c.totalTrials !== 'number') {
    throw new CorruptStoreError(path, 1, 'expected { experiment, configHash, config, shard, totalTrials }');
  }
  return { ...c, shard: c.shard ?? null } as StoredConfig;
}

/** Like {@link readStoredConfig}, but a missing config.json is an error. */
export function requireStoredConfig(dir: string): StoredConfig {
  const c = readStoredConfig(dir);
  if (!c) throw new ResultsNotFoundError(join(dir, CONFIG_FILE), 'no config.json: not a results folder of dpr reproduce');
  return c;
}

/** Write config.json atomically. */
export function writeStoredConfig(dir: string, config: StoredConfig): void {
  writeFileAtomic(join(dir, CONFIG_FILE), `${JSON.stringify(config, null, 2)}\n`);
}

function validateRecord(value: unknown, file: string, line: number): TrialRecord {
  const r = value as Partial<TrialRecord>;
  const ok =
    typeof r === 'object' && r !== null &&
    typeof r.key === 'string' && typeof r.experiment === 'string' && Number.isSafeInteger(r.index) &&
    typeof r.params === 'object' && r.params !== null && Number.isSafeInteger(r.seed) &&
    typeof r.metrics === 'object' && r.metrics !== null && typeof r.configHash === 'string';
  if (!ok) throw new CorruptStoreError(file, line, 'not a trial record (needs key, experiment, index, params, seed, metrics, configHash)');
  return r as TrialRecord;
}

/** Result of reading trials.jsonl. */
export interface LoadedTrials {
  records: TrialRecord[];
  /** Bytes of a torn last line (no newline) that were cut away (0 if none). */
  repairedBytes: number;
  /** Lines dropped because their key was recorded before (only with `duplicates: 'keep-first'`). */
  duplicates: number;
}

/**
 * Read every complete line of `file`. A torn last line (no newline: the run was killed in the
 * middle of an append) is cut away from the file when `repair` is true, and ignored otherwise.
 * A complete line that is not a record is an error; so is a key seen twice, unless `duplicates`
 * is `'keep-first'` (a folder two unlocked writers of an older version filled: the first line of
 * each key is kept, the others counted).
 */
export function loadTrials(file: string, options: { repair?: boolean; duplicates?: 'error' | 'keep-first' } = {}): LoadedTrials {
  if (!existsSync(file)) return { records: [], repairedBytes: 0, duplicates: 0 };
  const fd = openSync(file, options.repair ? 'r+' : 'r');
  let buf: Buffer;
  try {
    const size = fstatSync(fd).size;
    buf = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buf, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    buf = buf.subarray(0, read);
    const end = buf.lastIndexOf(0x0a) + 1; // bytes up to and including the last newline
    const repairedBytes = buf.length - end;
    if (repairedBytes > 0 && options.repair) ftruncateSync(fd, end);
    buf = buf.subarray(0, end);
    const records: TrialRecord[] = [];
    const seen = new Map<string, number>();
    let duplicates = 0;
    const lines = buf.toString('utf8').split('\n');
    lines.pop(); // after the last newline
    lines.forEach((text, i) => {
      if (text.trim() === '') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        throw new CorruptStoreError(file, i + 1, `not valid JSON (${(e as Error).message})`);
      }
      const rec = validateRecord(parsed, file, i + 1);
      const prev = seen.get(rec.key);
      if (prev !== undefined && options.duplicates !== 'keep-first') throw new DuplicateTrialError(rec.key, [`${file}:${prev}`, `${file}:${i + 1}`]);
      if (prev !== undefined) {
        duplicates++;
        return;
      }
      seen.set(rec.key, i + 1);
      records.push(rec);
    });
    return { records, repairedBytes, duplicates };
  } finally {
    closeSync(fd);
  }
}

/** The file-system calls {@link TrialAppender} makes: the seam through which tests inject faults (a full disk). */
export interface StoreFs {
  openSync(path: string, flags: string): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fstatSync(fd: number): { size: number };
  ftruncateSync(fd: number, len: number): void;
  closeSync(fd: number): void;
}

/** The real file system. */
export const NODE_STORE_FS: StoreFs = nodeFs;

/**
 * Appends records to trials.jsonl, one whole line per `write()` (O_APPEND). A failed write (a full
 * disk) is cut back to the last whole line when possible and becomes a {@link StoreWriteError};
 * the appender then refuses further records, so the file ends with whole lines only (or one torn
 * line, cut away on resume, if even the cut failed).
 */
export class TrialAppender {
  private fd: number | undefined;
  private failed: StoreWriteError | undefined;
  private count = 0;

  constructor(readonly file: string, private readonly fs: StoreFs = NODE_STORE_FS, private readonly before = 0) {
    this.fd = fs.openSync(file, 'a');
  }

  append(record: TrialRecord): void {
    if (this.failed) throw this.failed;
    if (this.fd === undefined) throw new Error(`TrialAppender(${this.file}) is closed`);
    const fd = this.fd;
    const line = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
    let size: number | undefined;
    try {
      size = this.fs.fstatSync(fd).size;
      // One write() for the whole line; regular files take it whole, but loop on a short write.
      let off = 0;
      while (off < line.length) off += this.fs.writeSync(fd, line, off, line.length - off);
    } catch (e) {
      let cut = false;
      try {
        if (size !== undefined) this.fs.ftruncateSync(fd, size);
        cut = size !== undefined;
      } catch {
        // left for the resume to cut away
      }
      this.failed = new StoreWriteError(this.file, record.key, this.before + this.count, cut, e);
      throw this.failed;
    }
    this.count++;
  }

  close(): void {
    if (this.fd !== undefined) this.fs.closeSync(this.fd);
    this.fd = undefined;
  }
}
