/**
 * The backend panel starts its own backends for a run (wasm memory and a helper thread, a WebGL
 * context for gpujs) and frees them when the run ends, also when it fails half way: the worker
 * lives on, so a failed run must not leave them behind.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Backend } from '@dpr/linalg';

const started: Backend[] = [];
vi.mock('@dpr/linalg', async (importOriginal) => {
  const linalg = await importOriginal<typeof import('@dpr/linalg')>();
  return {
    ...linalg,
    createBackend: async (...args: Parameters<typeof linalg.createBackend>) => {
      const b = await linalg.createBackend(...args);
      started.push(b);
      return b;
    },
  };
});
const { runBench } = await import('../src/work/bench.js');

describe('the bench worker frees the backends it started', () => {
  it('after a run', async () => {
    started.length = 0;
    await runBench({ type: 'bench', sizes: [8] }, () => {});
    expect(started.length).toBeGreaterThan(0);
    expect(started.map((b) => b.disposed)).toEqual(started.map(() => true));
  });

  it('after a run that fails half way (here: posting its first row)', async () => {
    started.length = 0;
    await expect(runBench({ type: 'bench', sizes: [8] }, (e) => {
      if (e.type === 'bench-row') throw new Error('post failed');
    })).rejects.toThrow(/post failed/);
    expect(started.length).toBeGreaterThan(0);
    expect(started.map((b) => b.disposed)).toEqual(started.map(() => true));
  });
});
