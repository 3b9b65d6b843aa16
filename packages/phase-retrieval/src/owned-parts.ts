/**
 * Ownership while an instance or an operator is being built: the parts a builder puts on a backend
 * (a dense A, a ReLU network) belong to the caller once the builder returns, and the caller
 * disposes them; when the builder throws half way (a shape that does not fit, a malformed file),
 * nobody else holds them, so the builder frees them before the error propagates. Without that, a
 * long-lived process (the browser lab, a sweep worker) leaks the parts of every failed call.
 */
import type { Disposable } from './instance-cache.js';

/**
 * Run `build`, which registers each part it allocates with `own` (returns the part). On success
 * the parts are the caller's; when `build` throws, they are disposed (latest first) and the error
 * is rethrown. Do not register parts owned elsewhere (e.g. by an `InstanceCache`).
 */
export function buildOwning<T>(build: (own: <P extends Disposable>(part: P) => P) => T): T {
  const owned: Disposable[] = [];
  try {
    return build((part) => {
      owned.push(part);
      return part;
    });
  } catch (e) {
    for (const part of owned.reverse()) part.dispose();
    throw e;
  }
}
