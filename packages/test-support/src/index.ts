/**
 * Helpers shared by the workspace's tests (this package is private and never published; the root
 * package.json links it for every package's tests).
 */
import { expect } from 'vitest';
import type { Backend } from '@dpr/linalg';

/** A backend that reports its memory, which only grows (the wasm backend's `memoryBytes`). */
export type MeasuredBackend = Backend & { readonly memoryBytes?: number };

function bytesOf(backend: MeasuredBackend): number {
  if (backend.memoryBytes === undefined) throw new Error(`a backend that reports memoryBytes (wasm), got '${backend.name}'`);
  return backend.memoryBytes;
}

/**
 * The memory of `backend` after `count` runs of `run`, beside its memory after the first run: the
 * two are equal when each run frees what it put on the backend (the first run may grow the
 * memory to the size every later run reuses).
 */
export function memoryAfter(backend: MeasuredBackend, count: number, run: () => unknown): { first: number; last: number } {
  run();
  const first = bytesOf(backend);
  for (let i = 1; i < count; i++) run();
  return { first, last: bytesOf(backend) };
}

/** {@link memoryAfter} for a call that must throw `error` (an error class or a message pattern) every time. */
export function memoryAfterFailures(backend: MeasuredBackend, count: number, error: RegExp | (abstract new (...args: never[]) => Error), run: () => unknown): { first: number; last: number } {
  return memoryAfter(backend, count, () => expect(run).toThrow(error as RegExp));
}
