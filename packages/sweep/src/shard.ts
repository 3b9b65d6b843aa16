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

/** Environment variables {@link shardFromEnvironment} reads (a plain record, e.g. `process.env`). */
export type ShardEnvironment = Readonly<Record<string, string | undefined>>;

function envInt(env: ShardEnvironment, name: string, min: number): number | undefined {
  const v = env[name];
  if (v === undefined || v === '') return undefined;
  const n = /^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new ArgumentError(name, `an integer >= ${min}`, v);
  return n;
}

/**
 * `--shard auto`: this process's slice from the job array it runs in.
 *
 * - **Slurm job arrays** (`sbatch --array=0-7`, any start, `:step` allowed): shard
 *   `(SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN) / SLURM_ARRAY_TASK_STEP + 1` of
 *   `SLURM_ARRAY_TASK_COUNT` (MIN defaults to 0, STEP to 1).
 * - **Kubernetes Indexed Jobs** (`completionMode: Indexed`): shard `JOB_COMPLETION_INDEX + 1` of
 *   `count` (the CLI's `--shard-count N`, = the Job's `completions`), else of the variable
 *   `JOB_COMPLETION_COUNT` (Kubernetes does not set it; the Job manifest can).
 *
 * @param count the number of shards when it is given explicitly (Kubernetes).
 * @throws ArgumentError naming the variable that is missing or out of range.
 */
export function shardFromEnvironment(env: ShardEnvironment, count?: number): Shard {
  const id = envInt(env, 'SLURM_ARRAY_TASK_ID', 0);
  if (id !== undefined) {
    const total = count ?? envInt(env, 'SLURM_ARRAY_TASK_COUNT', 1);
    if (total === undefined) throw new ArgumentError('SLURM_ARRAY_TASK_COUNT', 'the number of array tasks (set by Slurm for job arrays)', undefined);
    const min = envInt(env, 'SLURM_ARRAY_TASK_MIN', 0) ?? 0;
    const step = envInt(env, 'SLURM_ARRAY_TASK_STEP', 1) ?? 1;
    if (id < min || (id - min) % step !== 0) throw new ArgumentError('SLURM_ARRAY_TASK_ID', `MIN + j * STEP (MIN ${min}, STEP ${step})`, id);
    const index = (id - min) / step + 1;
    if (index > total) throw new ArgumentError('SLURM_ARRAY_TASK_ID', `at most the ${total}-th task of the array`, id);
    return { index, count: total };
  }
  const k = envInt(env, 'JOB_COMPLETION_INDEX', 0);
  if (k !== undefined) {
    const total = count ?? envInt(env, 'JOB_COMPLETION_COUNT', 1);
    if (total === undefined) throw new ArgumentError('JOB_COMPLETION_COUNT', 'the number of completions (pass --shard-count N, or set JOB_COMPLETION_COUNT in the Job)', undefined);
    if (k >= total) throw new ArgumentError('JOB_COMPLETION_INDEX', `below the shard count ${total}`, k);
    return { index: k + 1, count: total };
  }
  throw new ArgumentError('shard', 'a Slurm job array (SLURM_ARRAY_TASK_ID) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX) for --shard auto', 'auto');
}
