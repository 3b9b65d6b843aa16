/**
 * The tensor layout of a VAE's weights in a safetensors file, and builders that turn such a file
 * into generators (browser-safe: no fs). Layers are dense, `W` row-major out × in (PyTorch's
 * `nn.Linear` convention), with biases:
 *
 * - decoder: `decoder.fc1.weight` [h1, k], `decoder.fc1.bias` [h1], …, `decoder.fcD.weight` [n, h],
 *   softplus hidden layers and a sigmoid output (the Bernoulli mean);
 * - encoder: `encoder.fc1.weight` [h1, n], …, then the heads `encoder.mean.weight` [k, h] and
 *   `encoder.logvar.weight` [k, h] (with biases), softplus hidden layers.
 */
import type { Backend } from '@dpr/linalg';
import { MlpGenerator, type LayerSpec } from '../mlp-generator.js';
import { requireTensor, SafetensorsError, type SafetensorsFile } from '../safetensors.js';

/** Options of the builders. */
export interface VaeWeightsOptions {
  /** Backend the weights are uploaded to (default: a new js backend). */
  backend?: Backend;
}

function denseStack(file: SafetensorsFile, prefix: string, names: string[], lastActivation: LayerSpec['activation']): LayerSpec[] {
  const layers: LayerSpec[] = [];
  names.forEach((name, i) => {
    const W = requireTensor(file, `${prefix}.${name}.weight`);
    if (W.shape.length !== 2) throw new SafetensorsError(`expected a matrix [out, in], got shape [${W.shape}]`, `${prefix}.${name}.weight`);
    const [outDim, inDim] = W.shape as [number, number];
    const prev = layers[i - 1];
    if (prev && prev.outDim !== inDim) throw new SafetensorsError(`has ${inDim} inputs but the previous layer has ${prev.outDim} outputs`, `${prefix}.${name}.weight`);
    const bias = requireTensor(file, `${prefix}.${name}.bias`, [outDim]);
    layers.push({ W: W.data, outDim, inDim, bias: bias.data, activation: i === names.length - 1 ? lastActivation : 'softplus' });
  });
  return layers;
}

/** Number of consecutive `PREFIX.fcI.weight` tensors, I = 1, 2, …. */
function countFc(file: SafetensorsFile, prefix: string): number {
  let d = 0;
  while (file.tensors.has(`${prefix}.fc${d + 1}.weight`)) d++;
  return d;
}

/** The decoder G(z) = sigmoid(W_D softplus(… softplus(W_1 z + c_1) …) + c_D) of a VAE weights file. */
export function vaeDecoderFromSafetensors(file: SafetensorsFile, options: VaeWeightsOptions = {}): MlpGenerator {
  const d = countFc(file, 'decoder');
  if (d === 0) throw new SafetensorsError('missing (a VAE weights file has decoder.fc1.weight, decoder.fc2.weight, ...)', 'decoder.fc1.weight');
  const names = Array.from({ length: d }, (_, i) => `fc${i + 1}`);
  return new MlpGenerator(denseStack(file, 'decoder', names, 'sigmoid'), options.backend ? { backend: options.backend } : {});
}

/** The encoder's mean μ(x) (hidden layers, then the `encoder.mean` head) of a VAE weights file. */
export function vaeEncoderMeanFromSafetensors(file: SafetensorsFile, options: VaeWeightsOptions = {}): MlpGenerator {
  const h = countFc(file, 'encoder');
  const names = [...Array.from({ length: h }, (_, i) => `fc${i + 1}`), 'mean'];
  return new MlpGenerator(denseStack(file, 'encoder', names, 'identity'), options.backend ? { backend: options.backend } : {});
}
