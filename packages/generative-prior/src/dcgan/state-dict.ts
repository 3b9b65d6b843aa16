/**
 * The DCGAN generator's PyTorch `state_dict` (the tutorial's tensor names and layouts): reading one
 * saved as safetensors, its expected shapes, and writing one back.
 */
import { ArgumentError } from '@dpr/linalg';
import { SafetensorsError, readSafetensors, requireTensor, type SafetensorsFile, type Tensor } from '../safetensors.js';
import { layerSpecs, resolveArchitecture, type DcganArchitecture, type DcganLayerWeights, type DcganSafetensorsOptions } from './architecture.js';
import type { FoldedLayer } from './folded-layer.js';

/** `num_batches_tracked` counters (I64 in PyTorch) are not needed for inference and skipped. */
const BATCH_COUNTER = /(^|\.)num_batches_tracked$/;

/**
 * Load a PyTorch DCGAN `state_dict` saved with `safetensors.torch.save_file` (bytes or an
 * already parsed file). Architecture fields not given are inferred: `nz` from
 * `main.0.weight`, `blocks` from the run of `main.{3i}.weight` tensors, `ngf`/`nc` from the last
 * of them; then every tensor's shape is checked, and any failure (missing tensor, wrong shape,
 * negative running variance, unexpected extra `main.*` tensor) is a `SafetensorsError`
 * naming the tensor. `num_batches_tracked` (I64, which the safetensors reader does not accept)
 * is dropped from the header before parsing; no other tensor is treated specially.
 */
export function readDcganStateDict(source: Uint8Array | SafetensorsFile, options: DcganSafetensorsOptions = {}): { arch: DcganArchitecture; layers: DcganLayerWeights[] } {
  const file = source instanceof Uint8Array ? readSafetensors(withoutBatchCounters(source)) : source;
  if (typeof file !== 'object' || file === null || !(file.tensors instanceof Map)) throw new ArgumentError('source', 'safetensors bytes (Uint8Array) or a SafetensorsFile', source);
  const prefix = options.prefix ?? (!file.tensors.has('main.0.weight') && file.tensors.has('module.main.0.weight') ? 'module.' : '');
  const name = (module: number, field: string) => `${prefix}main.${module}.${field}`;
  const first = options.nz === undefined ? requireTensor(file, name(0, 'weight'), [-1, -1, 4, 4]) : undefined;
  let blocks = options.blocks;
  if (blocks === undefined) {
    let i = 1;
    while (file.tensors.has(name(3 * i, 'weight'))) i++;
    blocks = i - 1;
    if (blocks < 1) requireTensor(file, name(3, 'weight'));
  }
  const inferLast = (options.ngf === undefined || options.nc === undefined) && Number.isSafeInteger(blocks) && blocks >= 1;
  const lastConv = inferLast ? requireTensor(file, name(3 * blocks, 'weight'), [-1, -1, 4, 4]) : undefined;
  const arch = resolveArchitecture({
    nz: options.nz ?? first?.shape[0],
    ngf: options.ngf ?? lastConv?.shape[0],
    nc: options.nc ?? lastConv?.shape[1],
    blocks,
  });
  const shapes = dcganStateDictShapes(arch);
  const get = (key: string): Float64Array => requireTensor(file, prefix + key, shapes.get(key)).data;
  const layers: DcganLayerWeights[] = layerSpecs(arch).map((s, i) => {
    const conv = 3 * i, bnm = 3 * i + 1;
    const layer: DcganLayerWeights = { weight: get(`main.${conv}.weight`) };
    const biasName = name(conv, 'bias');
    if (file.tensors.has(biasName)) layer.bias = requireTensor(file, biasName, [s.outChannels]).data;
    if (i < arch.blocks) {
      const runningVar = get(`main.${bnm}.running_var`);
      const eps = options.eps ?? 1e-5;
      runningVar.forEach((v, c) => {
        if (!(v + eps > 0)) throw new SafetensorsError(`entry ${c} is ${v}; a variance needs σ² + eps > 0`, name(bnm, 'running_var'));
      });
      layer.batchNorm = { weight: get(`main.${bnm}.weight`), bias: get(`main.${bnm}.bias`), runningMean: get(`main.${bnm}.running_mean`), runningVar };
    }
    return layer;
  });
  // Everything under main.* must belong to this architecture (reported in module order).
  const allowed = new Set(dcganStateDictShapes(arch).keys());
  for (let i = 0; i <= arch.blocks; i++) allowed.add(`main.${3 * i}.bias`);
  for (let i = 0; i < arch.blocks; i++) allowed.add(`main.${3 * i + 1}.num_batches_tracked`);
  const module = (key: string) => Number(/^main\.(\d+)\./.exec(key)?.[1] ?? Number.POSITIVE_INFINITY);
  const unexpected = [...file.tensors.keys()]
    .filter((key) => key.startsWith(`${prefix}main.`) && !allowed.has(key.slice(prefix.length)))
    .sort((a, b) => module(a.slice(prefix.length)) - module(b.slice(prefix.length)) || (a < b ? -1 : 1));
  if (unexpected.length > 0) {
    throw new SafetensorsError(`unexpected: not a parameter of the DCGAN generator with nz = ${arch.nz}, ngf = ${arch.ngf}, nc = ${arch.nc}, blocks = ${arch.blocks} (main.0 … main.${3 * arch.blocks + 1})`, unexpected[0]);
  }
  return { arch, layers };
}

/**
 * Names and shapes of the tensors `DcganGenerator.fromSafetensors` reads (without prefix,
 * optional convolution biases and the ignored `num_batches_tracked`), in module order.
 */
export function dcganStateDictShapes(architecture: Partial<DcganArchitecture> = {}): Map<string, number[]> {
  const arch = resolveArchitecture(architecture);
  const out = new Map<string, number[]>();
  layerSpecs(arch).forEach((s, i) => {
    out.set(`main.${3 * i}.weight`, [s.inChannels, s.outChannels, 4, 4]);
    if (i < arch.blocks) {
      for (const f of ['weight', 'bias', 'running_mean', 'running_var']) out.set(`main.${3 * i + 1}.${f}`, [s.outChannels]);
    }
  });
  return out;
}

/**
 * The state dict with PyTorch names (F32 by default, as PyTorch saves), loadable by
 * `DcganGenerator.fromSafetensors` after `writeSafetensors`. Convolution weights are read
 * back from the backend (float32-rounded on `wasm`/`gpujs`); `num_batches_tracked` is omitted.
 */
export function dcganStateDict(layers: readonly FoldedLayer[], dtype: 'F32' | 'F64' = 'F32'): Map<string, Tensor> {
  const out = new Map<string, Tensor>();
  layers.forEach((l, i) => {
    const C = l.conv.outChannels;
    out.set(`main.${3 * i}.weight`, { dtype, shape: [l.conv.inChannels, C, 4, 4], data: l.conv.weight() });
    if (l.bias) out.set(`main.${3 * i}.bias`, { dtype, shape: [C], data: l.bias.slice() });
    if (l.bn) {
      const m = `main.${3 * i + 1}`;
      out.set(`${m}.weight`, { dtype, shape: [C], data: l.bn.weight.slice() });
      out.set(`${m}.bias`, { dtype, shape: [C], data: l.bn.bias.slice() });
      out.set(`${m}.running_mean`, { dtype, shape: [C], data: l.bn.runningMean.slice() });
      out.set(`${m}.running_var`, { dtype, shape: [C], data: l.bn.runningVar.slice() });
    }
  });
  return out;
}

/**
 * The same safetensors bytes without `num_batches_tracked` entries in the header (their data stays
 * in place, unreferenced), so that readSafetensors, which does not read I64, accepts PyTorch batch
 * norm state dicts. Anything unparsable is passed through unchanged for readSafetensors to report.
 */
function withoutBatchCounters(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 8) return bytes;
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true);
  if (n > BigInt(bytes.length - 8)) return bytes;
  const len = Number(n);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + len)));
  } catch {
    return bytes;
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return bytes;
  const kept: Record<string, unknown> = { ...(header as Record<string, unknown>) };
  let dropped = 0;
  for (const key of Object.keys(kept)) {
    if (key !== '__metadata__' && BATCH_COUNTER.test(key)) {
      delete kept[key];
      dropped++;
    }
  }
  if (dropped === 0) return bytes;
  let json = JSON.stringify(kept);
  json += ' '.repeat((8 - ((8 + new TextEncoder().encode(json).length) % 8)) % 8);
  const hb = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + hb.length + bytes.length - 8 - len);
  new DataView(out.buffer).setBigUint64(0, BigInt(hb.length), true);
  out.set(hb, 8);
  out.set(bytes.subarray(8 + len), 8 + hb.length);
  return out;
}
