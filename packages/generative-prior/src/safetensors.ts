/**
 * safetensors reader and writer (https://huggingface.co/docs/safetensors): an 8-byte little-endian
 * header length N, N bytes of JSON header `{name: {dtype, shape, data_offsets: [begin, end]},
 * "__metadata__"?: {string: string}}`, then raw little-endian tensor bytes. The reader trusts
 * nothing: header length, JSON, dtypes, shapes, offsets (inside the data, non-overlapping) are all
 * validated, and every failure is a {@link SafetensorsError} naming the tensor.
 */
import { DprError } from '@dpr/linalg';

/** Element types this implementation reads (F16/BF16 are widened) and writes (F32, F64). */
export type SafetensorsDtype = 'F64' | 'F32' | 'F16' | 'BF16';

const BYTES: Record<SafetensorsDtype, number> = { F64: 8, F32: 4, F16: 2, BF16: 2 };
const MAX_HEADER = 100 * 1024 * 1024;

/** A tensor read from or to be written to a safetensors file; data is row-major. */
export interface Tensor {
  dtype: SafetensorsDtype;
  shape: number[];
  data: Float64Array;
}

/** The content of a safetensors file. */
export interface SafetensorsFile {
  tensors: Map<string, Tensor>;
  metadata: Record<string, string>;
}

/** A malformed safetensors file or a tensor that does not fit its use. */
export class SafetensorsError extends DprError {
  /** Name of the tensor at fault, or undefined for file-level problems. */
  readonly tensor: string | undefined;
  constructor(message: string, tensor?: string) {
    super('E_SAFETENSORS', tensor === undefined ? `safetensors: ${message}` : `safetensors: tensor '${tensor}': ${message}`);
    this.tensor = tensor;
  }
}

/** Parse and validate a safetensors file. */
export function readSafetensors(bytes: Uint8Array): SafetensorsFile {
  if (!(bytes instanceof Uint8Array)) throw new SafetensorsError('expected the file contents as a Uint8Array');
  if (bytes.length < 8) throw new SafetensorsError(`file too short (${bytes.length} bytes) for the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getBigUint64(0, true);
  if (n > BigInt(Math.min(MAX_HEADER, bytes.length - 8))) {
    throw new SafetensorsError(`header length ${n} exceeds the file (${bytes.length - 8} bytes after the length) or the 100 MiB limit`);
  }
  const headerLength = Number(n);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)));
  } catch (e) {
    throw new SafetensorsError(`header is not valid UTF-8 JSON (${(e as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw new SafetensorsError('header must be a JSON object');
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  const metadata: Record<string, string> = {};
  const entries: Array<{ name: string; dtype: SafetensorsDtype; shape: number[]; begin: number; end: number }> = [];
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new SafetensorsError('__metadata__ must be an object of strings');
      for (const [k, v] of Object.entries(raw)) {
        if (typeof v !== 'string') throw new SafetensorsError(`__metadata__.${k} must be a string`);
        metadata[k] = v;
      }
      continue;
    }
    const t = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof t !== 'object' || t === null) throw new SafetensorsError('entry must be an object', name);
    if (typeof t.dtype !== 'string' || !(t.dtype in BYTES)) {
      throw new SafetensorsError(`unsupported dtype ${JSON.stringify(t.dtype)} (supported: F64, F32, F16, BF16)`, name);
    }
    const dtype = t.dtype as SafetensorsDtype;
    if (!Array.isArray(t.shape) || !t.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      throw new SafetensorsError(`shape must be an array of non-negative integers, got ${JSON.stringify(t.shape)}`, name);
    }
    const shape = t.shape as number[];
    const off = t.data_offsets;
    if (!Array.isArray(off) || off.length !== 2 || !off.every((o) => Number.isSafeInteger(o) && o >= 0)) {
      throw new SafetensorsError(`data_offsets must be [begin, end] non-negative integers, got ${JSON.stringify(off)}`, name);
    }
    const [begin, end] = off as [number, number];
    const count = shape.reduce((a, b) => a * b, 1);
    if (end < begin || end > dataLength) throw new SafetensorsError(`data_offsets [${begin}, ${end}] lie outside the ${dataLength}-byte data section`, name);
    if (end - begin !== count * BYTES[dtype]) {
      throw new SafetensorsError(`data_offsets span ${end - begin} bytes but shape [${shape}] of ${dtype} needs ${count * BYTES[dtype]}`, name);
    }
    entries.push({ name, dtype, shape, begin, end });
  }
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!, cur = sorted[i]!;
    if (cur.begin < prev.end) throw new SafetensorsError(`data overlaps tensor '${prev.name}'`, cur.name);
  }
  const tensors = new Map<string, Tensor>();
  for (const e of entries) {
    tensors.set(e.name, { dtype: e.dtype, shape: e.shape, data: decode(bytes, dataStart + e.begin, e.dtype, (e.end - e.begin) / BYTES[e.dtype], e.name) });
  }
  return { tensors, metadata };
}

/** Whether typed arrays of this platform are little-endian, as safetensors data is (every current browser and Node target). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The `count` values of one tensor starting at byte `offset` of `bytes`, widened to float64, each
 * checked finite. F32/F64 on a little-endian platform are converted by one typed-array copy instead
 * of a per-element DataView loop; a tensor whose offset is not a multiple of its element size is
 * first copied to an aligned buffer.
 */
function decode(bytes: Uint8Array, offset: number, dtype: SafetensorsDtype, count: number, name: string): Float64Array {
  const out = new Float64Array(count);
  const size = BYTES[dtype];
  if (LITTLE_ENDIAN && (dtype === 'F64' || dtype === 'F32')) {
    const at = bytes.byteOffset + offset;
    const aligned = at % size === 0;
    let buffer = bytes.buffer, start = at;
    if (!aligned) {
      // copied with set(): `slice` of a Node Buffer (a Uint8Array too) is a view, not a copy
      const copy = new Uint8Array(count * size);
      copy.set(bytes.subarray(offset, offset + count * size));
      buffer = copy.buffer;
      start = 0;
    }
    out.set(dtype === 'F64' ? new Float64Array(buffer, start, count) : new Float32Array(buffer, start, count));
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * size);
    if (dtype === 'F64') for (let i = 0; i < count; i++) out[i] = view.getFloat64(8 * i, true);
    else if (dtype === 'F32') for (let i = 0; i < count; i++) out[i] = view.getFloat32(4 * i, true);
    else if (dtype === 'F16') for (let i = 0; i < count; i++) out[i] = halfToFloat(view.getUint16(2 * i, true));
    else for (let i = 0; i < count; i++) out[i] = bf16ToFloat(view.getUint16(2 * i, true));
  }
  // three native scans (includes finds NaN: it compares by SameValueZero) instead of a JS loop,
  // which runs unoptimised for the ~10 ms of a fresh process's first large loop
  if (out.includes(Number.NaN) || out.includes(Number.POSITIVE_INFINITY) || out.includes(Number.NEGATIVE_INFINITY)) {
    const i = out.findIndex((v) => !Number.isFinite(v));
    throw new SafetensorsError(`entry ${i} is not finite (${out[i]})`, name);
  }
  return out;
}

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1, e = (h >> 10) & 0x1f, f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? Number.NaN : s * Number.POSITIVE_INFINITY;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

/** One float32 seen as its bits, for {@link bf16ToFloat} (same element order either endianness). */
const F32_BITS = new Uint32Array(1);
const F32_VALUE = new Float32Array(F32_BITS.buffer);

function bf16ToFloat(h: number): number {
  F32_BITS[0] = h << 16;
  return F32_VALUE[0] as number;
}

/** IEEE 754 half precision bits of `v`, rounded to nearest even (overflow → ±Infinity, NaN kept). */
export function floatToHalf(v: number): number {
  const f32 = new DataView(new ArrayBuffer(4));
  f32.setFloat32(0, v);
  const x = f32.getUint32(0);
  const sign = (x >>> 16) & 0x8000, exp = (x >>> 23) & 0xff, mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 31) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    const m = mant | 0x800000, shift = 14 - e;
    const half = m >>> shift, rest = m & ((1 << shift) - 1), mid = 1 << (shift - 1);
    return sign | (half + (rest > mid || (rest === mid && (half & 1)) ? 1 : 0));
  }
  const half = (e << 10) | (mant >>> 13), rest = mant & 0x1fff;
  return sign | (half + (rest > 0x1000 || (rest === 0x1000 && (half & 1)) ? 1 : 0));
}

/** Serialise tensors (written as F16, F32 or F64 per tensor, names sorted) and string metadata. */
export function writeSafetensors(tensors: ReadonlyMap<string, Tensor> | Record<string, Tensor>, metadata: Record<string, string> = {}): Uint8Array {
  const list: Array<[string, Tensor]> = (tensors instanceof Map ? [...tensors.entries()] : Object.entries(tensors)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header['__metadata__'] = metadata;
  let offset = 0;
  for (const [name, t] of list) {
    if (name === '__metadata__') throw new SafetensorsError('the name __metadata__ is reserved', name);
    if (t.dtype === 'BF16') throw new SafetensorsError(`can only write F16, F32 or F64, got ${t.dtype}`, name);
    const count = t.shape.reduce((a, b) => a * b, 1);
    if (!t.shape.every((d) => Number.isSafeInteger(d) && d >= 0) || count !== t.data.length) {
      throw new SafetensorsError(`shape [${t.shape}] does not match ${t.data.length} entries`, name);
    }
    const size = count * BYTES[t.dtype];
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + size] };
    offset += size;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((8 + new TextEncoder().encode(json).length) % 8)) % 8);
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let p = 8 + headerBytes.length;
  for (const [, t] of list) {
    for (let i = 0; i < t.data.length; i++) {
      if (t.dtype === 'F64') {
        view.setFloat64(p, t.data[i] as number, true);
        p += 8;
      } else if (t.dtype === 'F16') {
        view.setUint16(p, floatToHalf(t.data[i] as number), true);
        p += 2;
      } else {
        view.setFloat32(p, t.data[i] as number, true);
        p += 4;
      }
    }
  }
  return out;
}

/** Fetch a tensor by name with an expected shape (use -1 for "any"), or throw naming it. */
export function requireTensor(file: SafetensorsFile, name: string, shape?: readonly number[]): Tensor {
  const t = file.tensors.get(name);
  if (!t) throw new SafetensorsError(`missing (present: ${[...file.tensors.keys()].join(', ') || 'none'})`, name);
  if (shape && (shape.length !== t.shape.length || shape.some((d, i) => d !== -1 && d !== t.shape[i]))) {
    throw new SafetensorsError(`expected shape [${shape.map((d) => (d === -1 ? '*' : d))}], got [${t.shape}]`, name);
  }
  return t;
}
