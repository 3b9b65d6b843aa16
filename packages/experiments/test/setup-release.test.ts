/**
 * A figure whose setup fails part way (a weights file that cannot be loaded, a dataset that cannot
 * be read) frees the backend it started (its memory and helper thread) and what it had loaded:
 * figures run in the calling process (`dpr reproduce`, the sweep workers), which lives on.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Backend } from '@dpr/linalg';
import { mnistVaeAvailable } from '@dpr/generative-prior/mnist-vae';

const started: Backend[] = [];
vi.mock('@dpr/linalg', async (importOriginal) => {
  const linalg = await importOriginal<typeof import('@dpr/linalg')>();
  return {
    ...linalg,
    selectBackend: async (...args: Parameters<typeof linalg.selectBackend>) => {
      const b = await linalg.selectBackend(...args);
      started.push(b);
      return b;
    },
  };
});
let failDataset = false;
vi.mock('@dpr/datasets', async (importOriginal) => {
  const datasets = await importOriginal<typeof import('@dpr/datasets')>();
  return {
    ...datasets,
    loadDataset: (...args: Parameters<typeof datasets.loadDataset>) => {
      if (failDataset) throw new Error('dataset unreadable');
      return datasets.loadDataset(...args);
    },
  };
});
const { fig3Config, fig3State, getFigure } = await import('../src/index.js');

describe('a figure setup that fails frees what it started', () => {
  it('fig4 with a weights file that is no DCGAN frees its backend', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dpr-fig4-'));
    const weights = join(dir, 'not-a-dcgan.safetensors');
    writeFileSync(weights, new Uint8Array([1, 2, 3]));
    started.length = 0;
    await expect(getFigure('fig4').run({ outDir: dir, quick: true, workers: 0, shard: null, fresh: true, command: 'test', weights, backend: 'wasm' } as never)).rejects.toThrow();
    expect(started).toHaveLength(1);
    expect(started[0]!.disposed).toBe(true);
  });

  it.skipIf(!mnistVaeAvailable())('fig3 with a dataset that cannot be read frees its backend and the loaded VAE', async () => {
    started.length = 0;
    failDataset = true;
    try {
      await expect(fig3State({ ...fig3Config(true), backend: 'wasm' })).rejects.toThrow(/dataset unreadable/);
    } finally {
      failDataset = false;
    }
    expect(started).toHaveLength(1);
    expect(started[0]!.disposed).toBe(true);
  });
});
