/**
 * Typed errors of the sweep machinery: each carries a stable `code` and the paths or keys at
 * fault, so the CLI can print it without a stack trace and callers can react to it.
 */
import { DprError } from '@dpr/linalg';

/** A results folder holds a different configuration than the one asked for. */
export class ConfigMismatchError extends DprError {
  readonly dir: string;
  readonly expectedHash: string;
  readonly foundHash: string;
  constructor(dir: string, expectedHash: string, foundHash: string, detail: string) {
    super('E_CONFIG_MISMATCH', `${dir}: ${detail} (config hash ${foundHash}, expected ${expectedHash})`);
    this.dir = dir;
    this.expectedHash = expectedHash;
    this.foundHash = foundHash;
  }
}

/** The same trial key appears twice (within one file, or across merged shards). */
export class DuplicateTrialError extends DprError {
  readonly key: string;
  readonly sources: readonly string[];
  constructor(key: string, sources: readonly string[]) {
    super('E_DUPLICATE_TRIAL', `trial ${key} is recorded more than once (${sources.join(', ')})`);
    this.key = key;
    this.sources = sources;
  }
}

/** A complete (newline-terminated) line of trials.jsonl is not a valid trial record. */
export class CorruptStoreError extends DprError {
  readonly file: string;
  readonly line: number;
  constructor(file: string, line: number, reason: string) {
    super('E_CORRUPT_STORE', `${file}:${line}: ${reason}`);
    this.file = file;
    this.line = line;
  }
}

/** A trial threw inside a worker (the sweep stops; the lines written so far stay valid). */
export class TrialFailedError extends DprError {
  readonly key: string;
  constructor(key: string, message: string, options?: { cause?: unknown }) {
    super('E_TRIAL_FAILED', `trial ${key} failed: ${message}`, options);
    this.key = key;
  }
}

/** A results folder is missing what an operation needs (config.json, trials.jsonl, ...). */
export class ResultsNotFoundError extends DprError {
  readonly path: string;
  constructor(path: string, what: string) {
    super('E_RESULTS_NOT_FOUND', `${path}: ${what}`);
    this.path = path;
  }
}

/**
 * Appending a trial to the store failed (a full disk, a lost mount): the trials recorded before it
 * are intact and the folder is resumable by running the same command again.
 */
export class StoreWriteError extends DprError {
  readonly file: string;
  readonly key: string;
  constructor(file: string, key: string, kept: number, cut: boolean, cause: unknown) {
    const why = cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : String(cause);
    super(
      'E_STORE_WRITE',
      `${file}: could not record trial ${key} (${why}); the ${kept} trials recorded before it are kept` +
        `${cut ? '' : ' (a torn last line is cut away on resume)'} and the folder is resumable: free space, then run the same command again`,
      { cause },
    );
    this.file = file;
    this.key = key;
  }
}
