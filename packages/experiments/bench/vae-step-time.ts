/**
 * Time VAE training steps (batch 100) on a backend and show the loss falling:
 *   node --conditions=source --import tsx packages/experiments/bench/vae-step-time.ts [backend] [steps]
 */
import { selectBackend, type BackendChoice } from '@dpr/linalg';
import { loadDataset } from '../src/data/datasets.js';
import { trainVae } from '../src/vae/train.js';

const backend = await selectBackend({ backend: (process.argv[2] ?? 'wasm') as BackendChoice });
const steps = Number(process.argv[3] ?? 100);
const t0 = performance.now();
const data = loadDataset('mnist');
console.log(`loaded MNIST in ${(performance.now() - t0).toFixed(0)} ms`);
let last = performance.now();
let acc = 0;
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
