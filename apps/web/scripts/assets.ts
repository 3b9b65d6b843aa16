/**
 * `pnpm --filter @dpr/web assets` (run by `dev` and `build`): the static assets the app fetches,
 * written into public/assets/ (generated, not committed): the shipped VAE decoders' weights and
 * manifests from @dpr/generative-prior (the app checks the sha256), and the first
 * {@link TEST_IMAGES} test images of MNIST and Fashion-MNIST from @dpr/datasets (float32, 784 a
 * picture, the same intensities `dpr solve --target mnist-test:N` uses). Skips the work when
 * the outputs are newer than their inputs; `--force` redoes it.
 */
import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { imageAt, loadDataset, writeFileAtomic, type DatasetName } from '@dpr/datasets';
import { PRETRAINED_VAE_NAMES, pretrainedVaePaths, pretrainedVaeAvailable } from '@dpr/generative-prior/mnist-vae';
import { TEST_IMAGES, assetNames } from '../src/assets.js';

const out = join(dirname(fileURLToPath(import.meta.url)), '../public/assets');
mkdirSync(out, { recursive: true });

// up to date (every output newer than this script, src/assets.ts and the weights): nothing to do
const mtime = (f: string) => statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? -Infinity;
const names = PRETRAINED_VAE_NAMES.filter(pretrainedVaeAvailable);
const outputs = [...names.flatMap((n) => [assetNames(n).weights, assetNames(n).manifest]), assetNames('mnist').testImages, assetNames('fashion').testImages].map((f) => join(out, f));
const inputs = [fileURLToPath(import.meta.url), fileURLToPath(new URL('../src/assets.ts', import.meta.url)), ...names.flatMap((n) => Object.values(pretrainedVaePaths(n)))];
if (!process.argv.includes('--force') && Math.min(...outputs.map(mtime)) > Math.max(...inputs.map(mtime))) {
  console.log(`assets: up to date in ${out}`);
  process.exit(0);
}

for (const name of PRETRAINED_VAE_NAMES) {
  if (!pretrainedVaeAvailable(name)) continue;
  const p = pretrainedVaePaths(name);
  const files = assetNames(name);
  copyFileSync(p.weights, join(out, files.weights));
  writeFileAtomic(join(out, files.manifest), readFileSync(p.manifest, 'utf8'));
}

const sets: Array<[DatasetName, 'mnist' | 'fashion']> = [['mnist', 'mnist'], ['fashion-mnist', 'fashion']];
for (const [dataset, set] of sets) {
  const test = loadDataset(dataset).test;
  const bytes = new Float32Array(TEST_IMAGES * 784);
  for (let i = 0; i < TEST_IMAGES; i++) bytes.set(imageAt(test, i), i * 784);
  writeFileAtomic(join(out, assetNames(set).testImages), new Uint8Array(bytes.buffer));
}
console.log(`assets: VAE weights and ${TEST_IMAGES} test images a set in ${out}`);
