/**
 * A reader for the IDX format of the original MNIST files (LeCun et al.): a 4-byte magic number
 * `0x00 0x00 TYPE RANK`, RANK big-endian uint32 dimensions, then the entries in row-major order.
 * Only unsigned bytes (TYPE 0x08, the type of every MNIST file) are read. Everything is checked:
 * the magic number, the rank and dimensions asked for, and that the data length matches the
 * product of the dimensions exactly; every failure is an {@link IdxFormatError} naming the file.
 */
import { DprError } from '@dpr/linalg';

/** A malformed IDX file, or one whose shape is not the expected one. */
export class IdxFormatError extends DprError {
  /** The file (or label) at fault. */
  readonly file: string;
  constructor(file: string, reason: string) {
    super('E_IDX_FORMAT', `${file}: ${reason}`);
    this.file = file;
  }
}

/** A parsed IDX tensor of unsigned bytes. */
export interface IdxTensor {
  readonly dims: readonly number[];
  /** Row-major entries; a view into the input bytes (no copy). */
  readonly data: Uint8Array;
}

/** IDX type code of unsigned bytes. */
const UBYTE = 0x08;

/**
 * Parse an IDX file of unsigned bytes. `expectDims` (use -1 for "any") checks the rank and the
 * dimensions; `file` names the file in errors.
 */
export function parseIdx(bytes: Uint8Array, file: string, expectDims?: readonly number[]): IdxTensor {
  if (!(bytes instanceof Uint8Array)) throw new IdxFormatError(file, 'expected the file contents as a Uint8Array');
  if (bytes.length < 4) throw new IdxFormatError(file, `file too short (${bytes.length} bytes) for the 4-byte magic number`);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new IdxFormatError(file, `bad magic number 0x${hex(bytes, 0, 4)} (an IDX file starts with two zero bytes)`);
  }
  const type = bytes[2] as number, rank = bytes[3] as number;
  if (type !== UBYTE) throw new IdxFormatError(file, `element type 0x${type.toString(16).padStart(2, '0')} is not supported (only 0x08, unsigned byte)`);
  if (rank < 1) throw new IdxFormatError(file, 'rank 0 (no dimensions)');
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) throw new IdxFormatError(file, `file too short (${bytes.length} bytes) for a rank-${rank} header (${headerBytes} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i, false));
  if (expectDims) {
    if (expectDims.length !== rank) throw new IdxFormatError(file, `rank ${rank} (dims [${dims}]), expected rank ${expectDims.length}`);
    expectDims.forEach((d, i) => {
      if (d !== -1 && dims[i] !== d) throw new IdxFormatError(file, `dimension ${i} is ${dims[i]}, expected ${d} (dims [${dims}])`);
    });
  }
  const count = dims.reduce((a, b) => a * b, 1);
  const dataBytes = bytes.length - headerBytes;
  if (dataBytes !== count) {
    throw new IdxFormatError(file, `data section is ${dataBytes} bytes but dims [${dims}] need ${count}`);
  }
  return { dims, data: bytes.subarray(headerBytes) };
}

/** Serialise unsigned bytes as an IDX file (used by tests to make small files). */
export function encodeIdx(dims: readonly number[], data: ArrayLike<number>): Uint8Array {
  const count = dims.reduce((a, b) => a * b, 1);
  if (data.length !== count) throw new IdxFormatError('encodeIdx', `${data.length} entries for dims [${dims}] (need ${count})`);
  const out = new Uint8Array(4 + 4 * dims.length + count);
  const view = new DataView(out.buffer);
  out[2] = UBYTE;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}

function hex(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += (bytes[i] as number).toString(16).padStart(2, '0');
  return s;
}
