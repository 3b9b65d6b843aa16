import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetInstalled, sha256Hex } from '@dpr/datasets';
import { finished, spawnDpr } from './spawn.js';

describe.skipIf(!datasetInstalled('mnist'))('dpr train vae killed with SIGKILL', () => {
  it('resumes from the checkpoint and ends with the weights of an uninterrupted run', async () => {
    const args = ['train', 'vae', '--dataset', 'mnist', '--subset', '200', '--batch-size', '100', '--seed', '3', '--epochs', '2', '--checkpoint-every', '1', '--out', 'v.safetensors', '--backend', 'wasm'];
    const whole = mkdtempSync(join(tmpdir(), 'dpr-train-whole-'));
    // every run is its own CLI process, so all three use the same V8 flags (kernels picked at start-up)
    const a = await finished(spawnDpr(args, whole));
    expect(a.code, a.err).toBe(0);

    const killed = mkdtempSync(join(tmpdir(), 'dpr-train-killed-'));
    const child = spawnDpr(args, killed);
    const exit = finished(child);
    const ckpt = join(killed, 'v.checkpoint.safetensors');
    while (!existsSync(ckpt) && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    const k = await exit;
    expect(k.signal, 'the run ended before it could be killed').toBe('SIGKILL');

    const b = await finished(spawnDpr(['train', 'vae', '--dataset', 'mnist', '--out', 'v.safetensors', '--epochs', '2', '--resume', '--backend', 'wasm'], killed));
    expect(b.code, b.err).toBe(0);
    expect(b.err).toMatch(/resuming .* at epoch \d, step \d/);
    const weights = (dir: string) => sha256Hex(readFileSync(join(dir, 'v.safetensors')));
    expect(weights(killed)).toBe(weights(whole));
    const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'v.manifest.json'), 'utf8')) as { training: Record<string, unknown>; history: unknown[] };
    expect(manifest(killed).training).toMatchObject({ epochs: 2, steps: 4, complete: true });
    expect(manifest(killed).history).toEqual(manifest(whole).history.map(() => expect.anything()));
  }, 400_000);
});
