/**
 * VAE training checkpoints and exported weights, both safetensors.
 *
 * - A checkpoint holds the float64 parameters (`param.NAME.weight|bias`), Adam's moments
 *   (`adam.m.*`, `adam.v.*`) and, in the metadata key `dpr.vae.state`, the JSON of the run's
 *   configuration, Adam's step count, the epoch and step within it, the current epoch's partial
 *   loss sums and the per-epoch history. Reading one back gives a state that {@link trainVae}
 *   continues exactly as if it had never stopped.
 * - Exported weights hold the model only, in float32, in the layout `@dpr/generative-prior` reads
 *   (`vaeDecoderFromSafetensors`): `encoder.fcI.*`, `encoder.mean.*`, `encoder.logvar.*`,
 *   `decoder.fcI.*`.
 */
import { writeSafetensors, readSafetensors, requireTensor, SafetensorsError, VAE_TENSOR_NAMES, type Tensor } from '@dpr/generative-prior';
import { DprError } from '@dpr/linalg';
import { vaeAdam, vaeLayerShapes, vaeMoments, type DenseParams, type VaeConfig, type VaeParams } from './vae-model.js';
import type { VaeEpochRecord, VaeTrainConfig, VaeTrainState } from './train.js';

const { weight, bias, encoderMean, encoderLogVar } = VAE_TENSOR_NAMES;
const STATE_KEY = 'dpr.vae.state';
const FORMAT = 'dpr-vae-checkpoint/1';

/** A file that is not a readable VAE checkpoint. */
export class VaeCheckpointError extends DprError {
  constructor(detail: string) {
    super('E_VAE_CHECKPOINT', `not a valid VAE checkpoint: ${detail}`);
  }
}

interface StateJson {
  format: string;
  config: VaeTrainConfig;
  adam: { t: number; lr: number; beta1: number; beta2: number; eps: number };
  epoch: number;
  stepInEpoch: number;
  partial: { recon: number; kl: number; count: number; seconds: number };
  history: VaeEpochRecord[];
}

function paramTensors(prefix: string, p: VaeParams, out: Map<string, Tensor>, dtype: 'F32' | 'F64'): void {
  for (const l of p.layers) {
    out.set(`${prefix}${weight(l.name)}`, { dtype, shape: [l.outDim, l.inDim], data: l.W });
    out.set(`${prefix}${bias(l.name)}`, { dtype, shape: [l.outDim], data: l.b });
  }
}

/** Serialise a training state. */
export function writeVaeCheckpoint(state: VaeTrainState): Uint8Array {
  const tensors = new Map<string, Tensor>();
  paramTensors('param.', state.params, tensors, 'F64');
  const moments = vaeMoments(state.adam, state.params);
  paramTensors('adam.m.', moments.m, tensors, 'F64');
  paramTensors('adam.v.', moments.v, tensors, 'F64');
  const a = state.adam, h = a.hyper;
  const json: StateJson = {
    format: FORMAT,
    config: state.config,
    adam: { t: a.t, lr: h.learningRate, beta1: h.beta1, beta2: h.beta2, eps: h.epsilon },
    epoch: state.epoch,
    stepInEpoch: state.stepInEpoch,
    partial: state.partial,
    history: state.history,
  };
  return writeSafetensors(tensors, { [STATE_KEY]: JSON.stringify(json) });
}

function readParams(file: ReturnType<typeof readSafetensors>, prefix: string, config: VaeConfig): VaeParams {
  const layers: DenseParams[] = vaeLayerShapes(config).map(([name, outDim, inDim]) => ({
    name,
    outDim,
    inDim,
    W: requireTensor(file, `${prefix}${weight(name)}`, [outDim, inDim]).data,
    b: requireTensor(file, `${prefix}${bias(name)}`, [outDim]).data,
  }));
  return { config, layers };
}

/** Parse a checkpoint written by {@link writeVaeCheckpoint}. */
export function readVaeCheckpoint(bytes: Uint8Array): VaeTrainState {
  let file;
  try {
    file = readSafetensors(bytes);
  } catch (e) {
    throw new VaeCheckpointError((e as Error).message);
  }
  const raw = file.metadata[STATE_KEY];
  if (raw === undefined) throw new VaeCheckpointError(`no '${STATE_KEY}' metadata (is this an exported weights file rather than a checkpoint?)`);
  let s: StateJson;
  try {
    s = JSON.parse(raw) as StateJson;
  } catch (e) {
    throw new VaeCheckpointError(`metadata is not JSON (${(e as Error).message})`);
  }
  if (s.format !== FORMAT) throw new VaeCheckpointError(`format ${JSON.stringify(s.format)}, expected ${FORMAT}`);
  const ints = [s.epoch, s.stepInEpoch, s.adam?.t, s.config?.seed, s.config?.batchSize, s.config?.trainCount];
  if (!ints.every((v) => Number.isSafeInteger(v) && (v as number) >= (v === s.config?.seed ? Number.MIN_SAFE_INTEGER : 0))) {
    throw new VaeCheckpointError('epoch, step, Adam step, seed, batch size or trainCount is not an integer');
  }
  try {
    const params = readParams(file, 'param.', s.config.vae);
    const m = readParams(file, 'adam.m.', s.config.vae);
    const v = readParams(file, 'adam.v.', s.config.vae);
    const adam = vaeAdam(params, { learningRate: s.adam.lr, beta1: s.adam.beta1, beta2: s.adam.beta2, epsilon: s.adam.eps }, { m, v, t: s.adam.t });
    return { config: s.config, params, adam, epoch: s.epoch, stepInEpoch: s.stepInEpoch, partial: s.partial, history: s.history };
  } catch (e) {
    if (e instanceof SafetensorsError) throw new VaeCheckpointError(e.message);
    throw e;
  }
}

/**
 * The model's weights as float32 tensors in the layout of `@dpr/generative-prior`
 * (the encoder's last layer split into the `encoder.mean` and `encoder.logvar` heads).
 */
export function vaeWeightTensors(params: VaeParams): Map<string, Tensor> {
  const out = new Map<string, Tensor>();
  const k = params.config.latentDim;
  const nEnc = params.config.hiddenDims.length + 1;
  params.layers.forEach((l, i) => {
    if (i === nEnc - 1) {
      const h = l.inDim;
      out.set(weight(encoderMean), { dtype: 'F32', shape: [k, h], data: l.W.slice(0, k * h) });
      out.set(bias(encoderMean), { dtype: 'F32', shape: [k], data: l.b.slice(0, k) });
      out.set(weight(encoderLogVar), { dtype: 'F32', shape: [k, h], data: l.W.slice(k * h, 2 * k * h) });
      out.set(bias(encoderLogVar), { dtype: 'F32', shape: [k], data: l.b.slice(k, 2 * k) });
    } else {
      out.set(weight(l.name), { dtype: 'F32', shape: [l.outDim, l.inDim], data: l.W });
      out.set(bias(l.name), { dtype: 'F32', shape: [l.outDim], data: l.b });
    }
  });
  return out;
}

/** Serialise the model's weights (float32) with string metadata. */
export function writeVaeWeights(params: VaeParams, metadata: Record<string, string> = {}): Uint8Array {
  return writeSafetensors(vaeWeightTensors(params), metadata);
}

/** Parameters (float64 copies) from an exported weights file, the inverse of {@link vaeWeightTensors}. */
export function vaeParamsFromWeights(file: ReturnType<typeof readSafetensors>, config: VaeConfig): VaeParams {
  const k = config.latentDim;
  const nEnc = config.hiddenDims.length + 1;
  const layers: DenseParams[] = vaeLayerShapes(config).map(([name, outDim, inDim], i) => {
    if (i !== nEnc - 1) {
      return { name, outDim, inDim, W: requireTensor(file, weight(name), [outDim, inDim]).data, b: requireTensor(file, bias(name), [outDim]).data };
    }
    const W = new Float64Array(outDim * inDim), b = new Float64Array(outDim);
    W.set(requireTensor(file, weight(encoderMean), [k, inDim]).data, 0);
    W.set(requireTensor(file, weight(encoderLogVar), [k, inDim]).data, k * inDim);
    b.set(requireTensor(file, bias(encoderMean), [k]).data, 0);
    b.set(requireTensor(file, bias(encoderLogVar), [k]).data, k);
    return { name, outDim, inDim, W, b };
  });
  return { config, layers };
}
