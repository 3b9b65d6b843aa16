/**
 * A small most-recently-used cache of the disposable parts of seeded instances (the Gaussian A,
 * the random ReLU network), so that a sweep whose series share one seed at one m (Figure 2: DPR
 * with 1 and 5 restarts and SPARTA with three sparsities all use the same A) draws and uploads
 * them once per worker instead of once per trial. The parts are rebuilt from their seeds exactly
 * as without the cache; the cache owns what it holds and disposes an entry when it is evicted
 * or cleared, so callers must not dispose what {@link InstanceCache.get} returns.
 */
import { ArgumentError } from '@dpr/linalg';

/** Anything a cache entry holds: an operator, a network. */
export interface Disposable {
  dispose(): void;
}

/** Most-recently-used cache of instance parts, keyed by what determines them (kind, sizes, seed, backend). */
export class InstanceCache {
  private readonly entries = new Map<string, Disposable>();

  /**
   * @param capacity entries kept (default 4); the least recently used one is disposed beyond it. A
   * prior instance holds two entries (G and A), so it needs a capacity of at least 2.
   */
  constructor(readonly capacity = 4) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new ArgumentError('capacity', 'a positive integer', capacity);
  }

  /** The entry for `key`, built by `build` (and kept) when absent. */
  get<T extends Disposable>(key: string, build: () => T): T {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit as T;
    }
    const value = build();
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) {
      const [oldest, entry] = this.entries.entries().next().value as [string, Disposable];
      this.entries.delete(oldest);
      entry.dispose();
    }
    return value;
  }

  /** Entries held now. */
  get size(): number {
    return this.entries.size;
  }

  /** Dispose every entry. */
  clear(): void {
    for (const entry of this.entries.values()) entry.dispose();
    this.entries.clear();
  }
}
