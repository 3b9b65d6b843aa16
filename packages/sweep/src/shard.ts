/** `--shard i/N`: the i-th of N disjoint slices of a grid, assigned by trial index (index mod N). */
import { ArgumentError } from '@dpr/linalg';

/** One slice: `index` in 1..count. */
export interface Shard {
  index: number;
  count: number;
}

/** Parse `i/N` (1 ≤ i ≤ N). */
export function parseShard(text: string, parameter = 'shard'): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : Number.NaN, count = m ? Number(m[2]) : Number.NaN;
  if (!m || !Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new ArgumentError(parameter, 'i/N with 1 <= i <= N (e.g. 2/3)', text);
  }
  return { index, count };
}

/** Whether the trial with this grid index belongs to `shard` (every trial when `shard` is null). */
export function inShard(trialIndex: number, shard: Shard | null): boolean {
  return shard === null || trialIndex % shard.count === shard.index - 1;
}

/** `2/3`. */
export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
