/**
 * Time VAE training steps (Bora et al.'s MNIST VAE, batch 100) on a backend, split into GEMMs,
 * uploads (weights after each Adam step, plus each layer's dZ for its weight gradient), the Adam
 * update and the rest (element-wise work, batch gathering), and show the loss falling:
 *   node --conditions=source --import tsx packages/bench/scripts/vae-step-time.ts [wasm|js] [steps]
 */
import { selectBackend, type Backend, type BackendChoice } from '@dpr/linalg';
import { loadDataset } from '@dpr/datasets';
import { trainVae } from '@dpr/training';
import { Adam } from '@dpr/linalg';

const backend = await selectBackend({ backend: (process.argv[2] ?? 'wasm') as BackendChoice });
const steps = Number(process.argv[3] ?? 100);
const t0 = performance.now();
const data = loadDataset('mnist');
console.log(`loaded MNIST in ${(performance.now() - t0).toFixed(0)} ms; backend ${backend.description}`);

// Wrap the backend's entry points and Adam.step with timers.
const spent = { gemm: 0, upload: 0, adam: 0 };
const timed = <K extends 'gemm' | 'matrix'>(b: Backend, key: K, bucket: 'gemm' | 'upload') => {
  const f = b[key].bind(b) as (...a: unknown[]) => unknown;
  (b as unknown as Record<string, unknown>)[key] = (...a: unknown[]) => {
    const t = performance.now();
    try {
      return f(...a);
    } finally {
      spent[bucket] += performance.now() - t;
    }
  };
};
timed(backend, 'gemm', 'gemm');
timed(backend, 'matrix', 'upload');
const adamStep = Adam.prototype.step;
Adam.prototype.step = function (this: Adam, ...a: Parameters<Adam['step']>) {
  const t = performance.now();
  adamStep.apply(this, a);
  spent.adam += performance.now() - t;
};

let last = performance.now();
let acc = 0;
const start = performance.now();
trainVae({
  backend,
  data,
  config: { seed: 0, epochs: 1 },
  maxSteps: steps,
  evaluateTest: false,
  onStep: (s) => {
    acc += s.loss;
    if ((s.step + 1) % 20 === 0) {
      const now = performance.now();
      console.log(`step ${s.step + 1}: mean loss ${(acc / 20).toFixed(2)}  ${((now - last) / 20).toFixed(1)} ms/step`);
      acc = 0;
      last = now;
    }
  },
});
const total = performance.now() - start;
const per = (v: number) => `${(v / steps).toFixed(1)} ms (${((100 * v) / total).toFixed(0)}%)`;
console.log(`per step: total ${(total / steps).toFixed(1)} ms = GEMM ${per(spent.gemm)} + uploads ${per(spent.upload)} + Adam ${per(spent.adam)} + other ${per(total - spent.gemm - spent.upload - spent.adam)}`);
console.log(`GEMM rate: ${((0.7100e9 * steps) / (spent.gemm / 1000) / 1e9).toFixed(1)} GFLOP/s (0.710 GFLOP of GEMMs per step)`);
