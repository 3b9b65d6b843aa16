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

/**
 * The tensor names of a VAE weights file, declared once: read here, written by `@dpr/training`.
 * Layer i (1-based) of the encoder is `encoder.fc{i}`, of the decoder `decoder.fc{i}`; the
 * encoder's heads are `encoder.mean` and `encoder.logvar`; each layer has `.weight` and `.bias`.
 */
export const VAE_TENSOR_NAMES = Object.freeze({
  encoderLayer: (i: number): string => `encoder.fc${i}`,
  decoderLayer: (i: number): string => `decoder.fc${i}`,
  encoderMean: 'encoder.mean',
  encoderLogVar: 'encoder.logvar',
  weight: (layer: string): string => `${layer}.weight`,
  bias: (layer: string): string => `${layer}.bias`,
});

/** Options of the builders. */
export interface VaeWeightsOptions {
  /** Backend the weights are uploaded to (default: a new js backend). */
  backend?: Backend;
}

function denseStack(file: SafetensorsFile, names: string[], lastActivation: LayerSpec['activation']): LayerSpec[] {
  const layers: LayerSpec[] = [];
  const { weight, bias: biasName } = VAE_TENSOR_NAMES;
  names.forEach((name, i) => {
    const W = requireTensor(file, weight(name));
    if (W.shape.length !== 2) throw new SafetensorsError(`expected a matrix [out, in], got shape [${W.shape}]`, weight(name));
    const [outDim, inDim] = W.shape as [number, number];
    const prev = layers[i - 1];
    if (prev && prev.outDim !== inDim) throw new SafetensorsError(`has ${inDim} inputs but the previous layer has ${prev.outDim} outputs`, weight(name));
    const bias = requireTensor(file, biasName(name), [outDim]);
    layers.push({ W: W.data, outDim, inDim, bias: bias.data, activation: i === names.length - 1 ? lastActivation : 'softplus' });
  });
  return layers;
}

/** Number of consecutive layers `layer(1)`, `layer(2)`, … with a weight tensor. */
function countLayers(file: SafetensorsFile, layer: (i: number) => string): number {
  let d = 0;
  while (file.tensors.has(VAE_TENSOR_NAMES.weight(layer(d + 1)))) d++;
  return d;
}

/** The decoder G(z) = sigmoid(W_D softplus(… softplus(W_1 z + c_1) …) + c_D) of a VAE weights file. */
export function vaeDecoderFromSafetensors(file: SafetensorsFile, options: VaeWeightsOptions = {}): MlpGenerator {
  const { decoderLayer, weight } = VAE_TENSOR_NAMES;
  const d = countLayers(file, decoderLayer);
  if (d === 0) throw new SafetensorsError(`missing (a VAE weights file has ${weight(decoderLayer(1))}, ${weight(decoderLayer(2))}, ...)`, weight(decoderLayer(1)));
  const names = Array.from({ length: d }, (_, i) => decoderLayer(i + 1));
  return new MlpGenerator(denseStack(file, names, 'sigmoid'), options.backend ? { backend: options.backend } : {});
}

/** The encoder's mean μ(x) (hidden layers, then the `encoder.mean` head) of a VAE weights file. */
export function vaeEncoderMeanFromSafetensors(file: SafetensorsFile, options: VaeWeightsOptions = {}): MlpGenerator {
  const { encoderLayer, encoderMean } = VAE_TENSOR_NAMES;
  const h = countLayers(file, encoderLayer);
  const names = [...Array.from({ length: h }, (_, i) => encoderLayer(i + 1)), encoderMean];
  return new MlpGenerator(denseStack(file, names, 'identity'), options.backend ? { backend: options.backend } : {});
}
