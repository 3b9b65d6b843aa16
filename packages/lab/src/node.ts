/**
 * `@dpr/lab/node`: the Node sources of the lab's runs: the shipped weights (sha256-checked, from
 * `@dpr/generative-prior/mnist-vae`) and the MNIST test set (`@dpr/datasets`).
 * @module node
 */
import { imageAt, loadDataset } from '@dpr/datasets';
import { OptionError } from '@dpr/linalg';
import { loadPretrainedVaeFile, type PretrainedVaeName } from '@dpr/generative-prior/mnist-vae';
import type { SolveSources } from './solve.js';

/** Shipped weights and test images read from this installation. */
export function nodeSources(): Required<Pick<SolveSources, 'loadPretrained' | 'testImage'>> {
  return {
    loadPretrained: (name) => loadPretrainedVaeFile(name as PretrainedVaeName),
    testImage: (dataset, index) => {
      const test = loadDataset(dataset === 'fashion' ? 'fashion-mnist' : dataset).test;
      if (!Number.isSafeInteger(index) || index < 0 || index >= test.count) throw new OptionError('target', `${dataset}-test index ${index} is out of range 0..${test.count - 1}`);
      return imageAt(test, index);
    },
  };
}
