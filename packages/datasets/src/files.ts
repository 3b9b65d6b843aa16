/**
 * The file helpers every Node-side package shares, one copy each: sha256 of bytes, and the one
 * atomic whole-file write (the `write-file-atomic` library: a temporary file in the same folder,
 * fsync, then rename), so that no run leaves a half-written result, weights file or
 * BENCHMARKS.md. Node-only.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import writeFileAtomicLib from 'write-file-atomic';

/** sha256 of bytes (or of a string's UTF-8), lower-case hex. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Write `data` to `path` atomically, creating parent folders. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomicLib.sync(path, typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
}
