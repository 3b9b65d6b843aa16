/**
 * The landscape worker keeps one instance (A and G) for the next request and frees the one it
 * replaces; a rebuild that fails frees what it made and leaves no freed instance behind. The
 * worker lives as long as the page, so switching settings again and again must not grow its
 * backend's memory. Checked on the wasm backend, whose memory only grows.
 */
import { describe, expect, it } from 'vitest';
import type { Backend } from '@dpr/linalg';
import { runLandscape, runPath } from '../src/work/landscape.js';
import { workerBackend } from '../src/work/backend.js';
import { DEFAULTS, type LabSettings } from '../src/url-state.js';
import type { WorkerEvent } from '../src/protocol.js';

/** A 2-300-600 network and m = 300: G and A take 1.4 MB, so a leak shows in a few requests. */
const settings = (over: Partial<LabSettings>): LabSettings => ({ ...DEFAULTS, view: 'landscape', prior: 'gaussian:2,300,600', m: 300, backend: 'wasm', ...over });
const landscape = (s: LabSettings, post: (e: WorkerEvent) => void = () => {}) => runLandscape({ type: 'landscape', settings: s, size: 3, extent: 2 }, post);

describe('the landscape worker frees the instances it replaces', () => {
  it('switching between seeds keeps the backend\'s memory', async () => {
    const backend = (await workerBackend('wasm', () => {})) as Backend & { memoryBytes?: number };
    await landscape(settings({ seed: 1 }));
    await landscape(settings({ seed: 2 }));
    const first = backend.memoryBytes!;
    for (let i = 0; i < 6; i++) await landscape(settings({ seed: 3 + i }));
    expect(backend.memoryBytes).toBe(first);
  });

  it('a rebuild that fails frees the network it made', async () => {
    const backend = (await workerBackend('wasm', () => {})) as Backend & { memoryBytes?: number };
    await landscape(settings({ seed: 1 }));
    await expect(landscape(settings({ seed: 1, m: 0 }))).rejects.toThrow(/measurements/);
    const first = backend.memoryBytes!;
    for (let i = 0; i < 6; i++) await expect(landscape(settings({ seed: 2 + i, m: 0 }))).rejects.toThrow(/measurements/);
    expect(backend.memoryBytes).toBe(first);
  });

  it('after a failed rebuild the previous settings work again (the freed instance is not handed out)', async () => {
    await landscape(settings({ seed: 11 }));
    await expect(landscape(settings({ seed: 11, m: 0 }))).rejects.toThrow(/measurements/);
    const events: WorkerEvent[] = [];
    await runPath({ type: 'path', settings: settings({ seed: 11, maxIters: 5 }), start: [0.5, 0.5] }, (e) => events.push(e));
    expect(events.some((e) => e.type === 'path')).toBe(true);
  });
});
