import { describe, expect, it } from 'vitest';
import { JsBackend } from '@dpr/linalg';
import { DcganGenerator } from '@dpr/generative-prior';
import { mnistVaeAvailable } from '@dpr/generative-prior/mnist-vae';
import { datasetInstalled } from '@dpr/datasets';
import { decodeImage8, encodeImage8, fig3Config, fig3Experiment, fig3Seed, fig3State, fig3Trial, fig4Trials, getFigure, type Fig3Config } from '../src/index.js';

const ready = mnistVaeAvailable() && datasetInstalled('mnist');

describe.skipIf(!ready)(`fig3 trials${ready ? '' : ' (skipped: MNIST VAE weights or MNIST not installed)'}`, () => {
  it('are deterministic on a tiny config, store grid images, and the grid shares A across methods', async () => {
    const config: Fig3Config = { ...fig3Config(true), images: [0], ms: [60], gridMs: [60], restarts: 1, dprMaxIters: 8, baselineMaxIters: { fienup: 8, 'gerchberg-saxton': 8, 'wirtinger-flow': 8 }, backend: 'js' };
    expect(fig3Experiment.grid(config).map((t) => t.seed)).toEqual(config.methods.map(() => fig3Seed(60, 0)));
    const state = await fig3State(config);
    try {
      for (const method of ['dpr-adam', 'sparta', 'fienup', 'wirtinger-flow']) {
        const a = fig3Trial({ method, m: 60, image: 0 }, 7, config, state);
        const b = fig3Trial({ method, m: 60, image: 0 }, 7, config, state);
        expect({ ...a, solveMs: 0 }, method).toEqual({ ...b, solveMs: 0 });
        expect(typeof a['perPixelError'], method).toBe('number');
        expect(decodeImage8(a['image'] as string)).toHaveLength(784);
        // the worker's cached A is the one a trial draws for itself
        const fresh = fig3Trial({ method, m: 60, image: 0 }, 7, config, { ...state, cache: undefined });
        expect({ ...fresh, solveMs: 0 }, method).toEqual({ ...a, solveMs: 0 });
      }
    } finally {
      state.cache?.clear();
      state.prior.dispose();
      state.encoder.dispose();
      state.backend.dispose();
    }
  });
});

describe('fig3/fig4 helpers', () => {
  it('8-bit image codec round-trips to 1/255', () => {
    const y = Float64Array.from({ length: 784 }, (_, i) => (i % 256) / 255);
    expect(decodeImage8(encodeImage8(y))).toEqual(y);
  });

  it('fig3, fig3-fashion and fig4 are registered', () => {
    expect(getFigure('fig3').experimentId).toBe('fig3');
    expect(getFigure('fig3-fashion').experimentId).toBe('fig3-fashion');
    expect(getFigure('fig4').id).toBe('fig4');
  });

  it('fig4 trials are deterministic on a tiny DCGAN', () => {
    const backend = new JsBackend();
    const G = DcganGenerator.random({ seed: 3, nz: 6, ngf: 4, nc: 3, blocks: 1, calibrationSamples: 8, backend });
    const config = { generatorSeed: 3, calibrationSamples: 8, codes: 2, m: 40, restarts: 1, maxIters: 5, learningRate: 0.5, seed: 1 };
    const a = fig4Trials(G, config, backend), b = fig4Trials(G, config, backend);
    expect(a.trials.map((t) => ({ ...t, solveMs: 0 }))).toEqual(b.trials.map((t) => ({ ...t, solveMs: 0 })));
    expect(a.estimates).toEqual(b.estimates);
    expect(a.truths[0]).toHaveLength(3 * 8 * 8);
    G.dispose();
  });
});
