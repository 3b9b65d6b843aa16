import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetInstalled } from '@dpr/datasets';
import { mnistVaeAvailable } from '@dpr/generative-prior/mnist-vae';
import { run } from './run.js';


describe.skipIf(!datasetInstalled('mnist'))('dpr train vae', () => {
  it('writes weights, manifest and checkpoint each epoch, and --resume continues the run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dpr-train-'));
    const args = ['train', 'vae', '--dataset', 'mnist', '--subset', '200', '--seed', '1', '--out', 'v.safetensors', '--backend', 'wasm'];
    const a = await run([...args, '--epochs', '1'], dir);
    expect(a.code, a.err).toBe(0);
    expect(a.err).toMatch(/epoch 1\/1: train \d+\.\d+ .* test \d+\.\d+/);
    for (const f of ['v.safetensors', 'v.manifest.json', 'v.checkpoint.safetensors']) expect(existsSync(join(dir, f))).toBe(true);
    const m1 = JSON.parse(readFileSync(join(dir, 'v.manifest.json'), 'utf8'));
    expect(m1.training).toMatchObject({ epochs: 1, epochsRequested: 1, seed: 1, trainImages: 200, steps: 2, complete: true });
    expect(m1.training.command).toBe('pnpm dpr train vae --dataset mnist --epochs 1 --seed 1 --out v.safetensors --subset 200');
    const b = await run(['train', 'vae', '--dataset', 'mnist', '--out', 'v.safetensors', '--epochs', '2', '--resume', '--backend', 'wasm'], dir);
    expect(b.code, b.err).toBe(0);
    expect(b.err).toMatch(/resuming .* at epoch 1, step 0/);
    const m2 = JSON.parse(readFileSync(join(dir, 'v.manifest.json'), 'utf8'));
    expect(m2.training).toMatchObject({ epochs: 2, steps: 4, seed: 1, trainImages: 200 });
    expect(m2.history).toHaveLength(2);
    expect(m2.sha256).not.toBe(m1.sha256);
  });

  it('usage errors are clear', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dpr-train-'));
    const cases: Array<[string[], RegExp]> = [
      [['train', 'gan', '--out', 'x.safetensors'], /expected 'dpr train vae/],
      [['train', 'vae'], /--out FILE.safetensors is required/],
      [['train', 'vae', '--dataset', 'cifar', '--out', 'x.safetensors'], /--dataset: expected one of mnist, fashion-mnist/],
      [['train', 'vae', '--out', 'x.safetensors', '--resume'], /--resume: no checkpoint/],
    ];
    for (const [args, msg] of cases) {
      const r = await run(args, dir);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(msg);
    }
  });
});

describe.skipIf(!mnistVaeAvailable() || !datasetInstalled('mnist'))('dpr solve --prior mnist-vae', () => {
  it('recovers a test digit with dpr-adam by default (A ~ N(0, 1/m))', async () => {
    const r = await run(['solve', '--prior', 'mnist-vae', '--target', 'mnist-test:3', '--m', '300', '--restarts', '1', '--max-iters', '60', '--backend', 'wasm', '--json']);
    expect(r.code, r.err).toBe(0);
    const rec = JSON.parse(r.out);
    expect(rec).toMatchObject({ algorithm: 'dpr-adam', m: 300, n: 784, k: 20 });
    expect(rec.relError).toBeGreaterThan(0);
    expect(rec.relError).toBeLessThan(2);
    const bad = await run(['solve', '--prior', 'mnist-vae', '--target', 'mnist-test:10000']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/out of range/);
    const noPrior = await run(['solve', '--target', 'mnist-test:1']);
    expect(noPrior.err).toMatch(/--target: only with --prior mnist-vae/);
  });
});
