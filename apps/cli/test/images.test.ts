import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetInstalled } from '@dpr/datasets';
import { decodePng, encodePng } from '@dpr/render';
import { mnistVaeAvailable } from '@dpr/generative-prior/mnist-vae';
import { run } from './run.js';


const ready = mnistVaeAvailable() && datasetInstalled('mnist');

describe.skipIf(!ready)(`dpr solve --prior mnist-vae: images${ready ? '' : ' (skipped: the MNIST VAE weights file or MNIST is absent)'}`, () => {
  it('--json has the old fields plus perPixelError; --png writes original | reconstruction', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dpr-solve-png-'));
    const r = await run(['solve', '--prior', 'mnist-vae', '--target', 'mnist-test:0', '--m', '200', '--restarts', '1', '--max-iters', '40', '--json', '--png', 'out.png'], dir);
    expect(r.code, r.err).toBe(0);
    const rec = JSON.parse(r.out);
    for (const k of ['algorithm', 'm', 'n', 'k', 'seed', 'relError', 'residual', 'success', 'iterations', 'timeMs', 'stopReason', 'backend', 'perPixelError']) expect(rec, k).toHaveProperty(k);
    expect(rec).toMatchObject({ algorithm: 'dpr-adam', m: 200, n: 784, k: 20 });
    expect(rec.perPixelError).toBeGreaterThan(0);
    expect(rec.perPixelError).toBeLessThan(0.2);
    const png = decodePng(new Uint8Array(readFileSync(join(dir, 'out.png'))));
    expect(png.width).toBeGreaterThan(2 * 28);
  });

  it('baselines act on the pixels (SPARTA on the DCT) with --restarts; --target FILE.png', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dpr-solve-png-'));
    const img = new Uint8Array(28 * 28);
    for (let r = 6; r < 22; r++) img[r * 28 + 14] = 255;
    writeFileSync(join(dir, 'd.png'), encodePng({ width: 28, height: 28, channels: 1, data: img }));
    const s = await run(['solve', '--prior', 'mnist-vae', '--target', 'd.png', '--m', '100', '--algorithm', 'sparta', '--max-iters', '20', '--json'], dir);
    expect(s.code, s.err).toBe(0);
    expect(JSON.parse(s.out)).toMatchObject({ algorithm: 'sparta', k: null, m: 100 });
    const f = await run(['solve', '--prior', 'mnist-vae', '--target', 'mnist-test:1', '--m', '100', '--algorithm', 'fienup', '--restarts', '2', '--max-iters', '20', '--json'], dir);
    expect(f.code, f.err).toBe(0);
    expect(typeof JSON.parse(f.out).perPixelError).toBe('number');
    writeFileSync(join(dir, 'big.png'), encodePng({ width: 30, height: 28, channels: 1, data: new Uint8Array(30 * 28) }));
    const bad = await run(['solve', '--prior', 'mnist-vae', '--target', 'big.png'], dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/28 × 28/);
  });
});
