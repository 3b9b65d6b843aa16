/**
 * One layer of the DCGAN generator in inference form: a transposed convolution on the backend
 * followed by its batch norm folded into a per-channel affine map y = a·z + b and the activation
 * (ReLU; tanh for the last layer).
 */
import { ArgumentError, ShapeError, assertFinite, type Backend } from '@dpr/linalg';
import { ConvTranspose2d, type ConvTranspose2dShape } from '../conv-transpose.js';
import type { DcganLayerWeights } from './architecture.js';

/** Eval-mode batch-norm parameters (copies). */
export interface BatchNormParams {
  weight: Float64Array;
  bias: Float64Array;
  runningMean: Float64Array;
  runningVar: Float64Array;
}

/** A layer ready to run. */
export interface FoldedLayer {
  conv: ConvTranspose2d;
  /** Folded per-channel affine map after the convolution. */
  scale: Float64Array;
  shift: Float64Array;
  act: 'relu' | 'tanh';
  bias: Float64Array | undefined;
  bn: BatchNormParams | undefined;
  /** H_out · W_out. */
  pixels: number;
}

/** Validate layer i's weights against its shape and build it (weights uploaded, batch norm folded). */
export function buildLayer(backend: Backend, spec: ConvTranspose2dShape, l: DcganLayerWeights, i: number, last: boolean, eps: number): FoldedLayer {
  const name = `layers[${i}]`;
  const C = spec.outChannels;
  const vec = (v: ArrayLike<number> | undefined, field: string): Float64Array => {
    if (v === null || typeof v !== 'object' || typeof v.length !== 'number') throw new ArgumentError(`${name}.${field}`, `an array of length ${C}`, v);
    if (v.length !== C) throw new ShapeError(`${name}.${field}`, `length ${C}`, v.length);
    assertFinite(`${name}.${field}`, v);
    return Float64Array.from(v);
  };
  const countW = spec.inChannels * C * 16;
  if (l?.weight === null || typeof l?.weight !== 'object' || l.weight.length !== countW) {
    throw new ShapeError(`${name}.weight`, `length ${countW} = [${spec.inChannels}, ${C}, 4, 4]`, l?.weight?.length ?? l?.weight);
  }
  const bias = l.bias === undefined ? undefined : vec(l.bias, 'bias');
  let bn: BatchNormParams | undefined;
          if (last && l.batchNorm !== undefined) throw new ArgumentError(`${name}.batchNorm`, 'absent (the last layer has no batch norm)', l.batchNorm);
  if (!last) {
    if (typeof l.batchNorm !== 'object' || l.batchNorm === null) throw new ArgumentError(`${name}.batchNorm`, 'the BatchNorm2d parameters', l.batchNorm);
    bn = {
      weight: vec(l.batchNorm.weight, 'batchNorm.weight'),
      bias: vec(l.batchNorm.bias, 'batchNorm.bias'),
      runningMean: vec(l.batchNorm.runningMean, 'batchNorm.runningMean'),
      runningVar: vec(l.batchNorm.runningVar, 'batchNorm.runningVar'),
    };
    bn.runningVar.forEach((v, c) => {
      if (!(v + eps > 0)) throw new ArgumentError(`${name}.batchNorm.runningVar[${c}]`, `σ² + eps > 0`, v);
    });
  }
  let conv: ConvTranspose2d;
  try {
    conv = new ConvTranspose2d(backend, l.weight, spec);
  } catch (e) {
    if (e instanceof ArgumentError) throw new ArgumentError(`${name}.${e.parameter}`, e.expected);
    throw e;
  }
  const layer: FoldedLayer = {
    conv,
    scale: new Float64Array(C),
    shift: new Float64Array(C),
    act: last ? 'tanh' : 'relu',
    bias,
    bn,
    pixels: conv.outHeight * conv.outWidth,
  };
  foldBatchNorm(layer, eps);
  return layer;
}

/** a = γ/√(σ² + ε), b = β − aμ (+ a·bias); for the last layer a = 1, b = bias. */
export function foldBatchNorm(l: FoldedLayer, eps: number): void {
  const C = l.conv.outChannels;
  for (let c = 0; c < C; c++) {
    let a = 1, b = 0;
    if (l.bn) {
      a = l.bn.weight[c]! / Math.sqrt(l.bn.runningVar[c]! + eps);
      b = l.bn.bias[c]! - a * l.bn.runningMean[c]!;
    }
    l.scale[c] = a;
    l.shift[c] = b + (l.bias ? a * l.bias[c]! : 0);
  }
}

/** Applies y = act(a z + b) in place to z (layout C × R × P); records σ' when `d` is given. */
export function activateLayer(l: FoldedLayer, z: Float64Array, R: number, d: Float64Array | undefined): void {
  const P = R * l.pixels;
  for (let c = 0; c < l.conv.outChannels; c++) {
    const a = l.scale[c]!, b = l.shift[c]!, end = (c + 1) * P;
    if (l.act === 'relu') {
      for (let j = c * P; j < end; j++) {
        const v = a * z[j]! + b;
        if (v > 0) {
          z[j] = v;
          if (d) d[j] = 1;
        } else z[j] = 0;
      }
    } else {
      for (let j = c * P; j < end; j++) {
        const t = Math.tanh(a * z[j]! + b);
        z[j] = t;
        if (d) d[j] = 1 - t * t;
      }
    }
  }
}
