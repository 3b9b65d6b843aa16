/**
 * The generator contract on every prior of the registry (small parameters for the random ones;
 * the shipped decoders when their weights are present), so a newly registered prior is tested
 * without editing a list.
 */
import { describe, expect, it } from 'vitest';
import { loadPretrainedVaeFile, pretrainedVaeAvailable, type PretrainedVaeName } from '../src/pretrained/mnist-vae.js';
import { PRIORS, createPrior, parsePriorSpec } from '../src/index.js';
import { describeGenerator } from './generator-conformance.js';

const SMALL_PARAMS: Record<string, string> = { gaussian: '3,12,20' };

for (const model of Object.values(PRIORS)) {
  const available = !model.pretrained || pretrainedVaeAvailable(model.id as PretrainedVaeName);
  if (!available) {
    describe.skip(`prior ${model.id}: weights not shipped in this checkout`, () => {});
    continue;
  }
  const params = SMALL_PARAMS[model.id];
  describeGenerator(`prior ${model.id}${params ? `:${params}` : ''}`, () => model.create(params, { seed: 1, loadPretrained: (name) => loadPretrainedVaeFile(name as PretrainedVaeName) }), model.pretrained ? 1e-4 : 1e-6);
  it(`prior ${model.id}: dims() matches the built generator`, () => {
    const G = model.create(params, { seed: 1, loadPretrained: (name) => loadPretrainedVaeFile(name as PretrainedVaeName) });
    const dims = model.dims(params);
    expect([G.latentDim, G.outputDim]).toEqual([dims[0], dims.at(-1)]);
  });
}

describe('prior registry', () => {
  it('parses specs and rejects unknown or malformed ones with typed errors', () => {
    expect(parsePriorSpec('gaussian:10,500,1000').params).toBe('10,500,1000');
    expect(() => createPrior('gaussian:10')).toThrow(/prior/);
    expect(() => createPrior('nope')).toThrow(/one of gaussian:k,n1,...,n, mnist-vae/);
    expect(() => createPrior('mnist-vae')).toThrow(/loadPretrained/);
  });
});
