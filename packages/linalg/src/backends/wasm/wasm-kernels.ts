/**
 * Loading the kernel module of the `wasm` backend (`assembly/kernels.ts`, embedded as base64 by
 * `scripts/build-wasm.mjs`, so it loads in Node and browsers without fs or fetch). Two builds
 * ship: relaxed SIMD, whose multiply-adds are fused (one instruction), and plain SIMD; `auto`
 * takes the relaxed build when the runtime validates it (browsers since 2023, Node 22; Node 20
 * only with V8's `--experimental-wasm-relaxed-simd`, which the `dpr` CLI turns on) and the plain
 * one otherwise.
 */
import { BackendUnavailableError } from '../../errors.js';

/** The exports of the kernel module (addresses are byte offsets; see `assembly/`). */
export interface Kernels {
  readonly memory: WebAssembly.Memory;
  heapBase(): number;
  relaxed(): number;
  finish(kind: number, y: number, ys: number, len: number, n: number, out: number, os: number, aux: number, as: number, d: number, param: number, sums: number): void;
  mv(a: number, ld: number, p0: number, p1: number, x: number, xs: number, n: number, y: number, ys: number): void;
  mtv(a: number, ld: number, panels: number, q0: number, q1: number, x: number, xs: number, n: number, t: number, y: number, ys: number): void;
  product(
    trans: number, a: number, ld: number, panels: number, x: number, xs: number, n: number, t: number, y: number,
    kind: number, len: number, out: number, os: number, aux: number, as: number, d: number, param: number, sums: number,
  ): void;
  packPanel(src: number, rows: number, ld: number, dst: number): void;
  unpackPanel(src: number, rows: number, ld: number, dst: number): void;
}

/** Which build of the kernels to use. */
export type WasmSimd = 'auto' | 'relaxed' | 'plain';

/** Epilogue kinds of `assembly/epilogue.ts`. */
export const EPILOGUE_KINDS = {
  copy: 0, relu: 1, 'leaky-relu': 2, softplus: 3, sigmoid: 4, tanh: 5, identity: 6, scale: 7, amplitude: 8, sumsq: 9,
} as const;

/** A build's key: its SIMD flavour, and `-shared` for the builds that import a shared memory. */
type BuildKey = 'plain' | 'relaxed' | 'plain-shared' | 'relaxed-shared';
type Builds = Record<BuildKey, Uint8Array<ArrayBuffer>>;

let builds: Promise<Builds> | undefined;
const compiled = new Map<BuildKey, Promise<WebAssembly.Module>>();

/** The bytes of a wasm module embedded as base64 (the generated files of `scripts/build-wasm.mjs`). */
export function decodeWasm(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
}

function loadBuilds(): Promise<Builds> {
  builds ??= import('./generated/kernels.js').then(
    (m) => ({
      plain: decodeWasm(m.KERNELS_SIMD_BASE64),
      relaxed: decodeWasm(m.KERNELS_RELAXED_BASE64),
      'plain-shared': decodeWasm(m.KERNELS_SIMD_SHARED_BASE64),
      'relaxed-shared': decodeWasm(m.KERNELS_RELAXED_SHARED_BASE64),
    }),
    (err: unknown) => {
      builds = undefined;
      throw new BackendUnavailableError('wasm', 'kernels not built (run `pnpm --filter @dpr/linalg build:wasm`)', { cause: err });
    },
  );
  return builds;
}

/** Whether this runtime accepts the relaxed-SIMD build (checked by validating it). */
export async function relaxedSimdSupported(): Promise<boolean> {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.validate !== 'function') return false;
  return WebAssembly.validate((await loadBuilds()).relaxed);
}

/**
 * Compile (once per process) the build that `simd` asks for, the one that imports a shared memory
 * when `shared` (see `wasm-helper-thread.ts`); returns it with its SIMD flavour.
 */
export async function kernelModule(simd: WasmSimd, shared = false): Promise<{ module: WebAssembly.Module; build: 'plain' | 'relaxed' }> {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.compile !== 'function') {
    throw new BackendUnavailableError('wasm', 'WebAssembly is not available');
  }
  const all = await loadBuilds();
  let build: 'plain' | 'relaxed' = simd === 'plain' ? 'plain' : 'relaxed';
  if (build === 'relaxed' && !WebAssembly.validate(all.relaxed)) {
    if (simd === 'relaxed') throw new BackendUnavailableError('wasm', 'relaxed SIMD is not supported by this runtime');
    build = 'plain';
  }
  const key: BuildKey = shared ? `${build}-shared` : build;
  let module = compiled.get(key);
  if (!module) {
    module = WebAssembly.compile(all[key]).catch((err: unknown) => {
      compiled.delete(key);
      throw new BackendUnavailableError('wasm', `WebAssembly SIMD is not supported here (${String(err)})`, { cause: err });
    });
    compiled.set(key, module);
  }
  return { module: await module, build };
}
