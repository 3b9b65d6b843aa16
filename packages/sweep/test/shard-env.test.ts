import { describe, expect, it } from 'vitest';
import { ArgumentError } from '@dpr/linalg';
import { shardFromEnvironment } from '../src/index.js';

describe('shardFromEnvironment (--shard auto)', () => {
  it('reads Slurm job arrays of any start and step', () => {
    expect(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 1, count: 4 });
    expect(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 4, count: 4 });
    expect(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '8' })).toEqual({ index: 5, count: 8 });
    expect(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '12', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_STEP: '4', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 4, count: 4 });
    expect(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '3' })).toEqual({ index: 3, count: 3 });
  });

  it('reads Kubernetes Indexed Jobs with the count given or from JOB_COMPLETION_COUNT', () => {
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: '0' }, 5)).toEqual({ index: 1, count: 5 });
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: '4', JOB_COMPLETION_COUNT: '5' })).toEqual({ index: 5, count: 5 });
  });

  it('names the variable that is missing or out of range', () => {
    const err = (env: Record<string, string>, count?: number) => {
      try {
        shardFromEnvironment(env, count);
      } catch (e) {
        expect(e).toBeInstanceOf(ArgumentError);
        return (e as ArgumentError).parameter;
      }
      return 'no error';
    };
    expect(err({})).toBe('shard');
    expect(err({ JOB_COMPLETION_INDEX: '0' })).toBe('JOB_COMPLETION_COUNT');
    expect(err({ JOB_COMPLETION_INDEX: '5' }, 5)).toBe('JOB_COMPLETION_INDEX');
    expect(err({ JOB_COMPLETION_INDEX: '-1' }, 5)).toBe('JOB_COMPLETION_INDEX');
    expect(err({ SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_COUNT: '4' })).toBe('SLURM_ARRAY_TASK_ID');
    expect(err({ SLURM_ARRAY_TASK_ID: '1' })).toBe('SLURM_ARRAY_TASK_COUNT');
    expect(err({ SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_STEP: '2', SLURM_ARRAY_TASK_COUNT: '4' })).toBe('SLURM_ARRAY_TASK_ID');
    expect(err({ SLURM_ARRAY_TASK_ID: 'x', SLURM_ARRAY_TASK_COUNT: '4' })).toBe('SLURM_ARRAY_TASK_ID');
  });
});
