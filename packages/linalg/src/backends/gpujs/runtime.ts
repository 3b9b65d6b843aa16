/**
 * Starting gpu.js on a real WebGL mode, and the few parts of its API this backend uses (typed here
 * so that nothing public depends on gpu.js's own typings). gpu.js is an optional dependency and
 * is loaded lazily, so CPU-only users never load it.
 *
 * gpu.js quietly degrades to its CPU/`webasm` modes when WebGL is missing, and a kernel that
 * fails to build on WebGL replaces itself with a CPU kernel. Neither may happen here: the mode is
 * forced (`headlessgl` in Node, `webgl2`/`webgl` in browsers) and every call checks that the
 * kernel that ran is still the WebGL one.
 */
import { BackendUnavailableError } from '../../errors.js';

/** The WebGL modes this backend accepts, best first. */
export type GlMode = 'headlessgl' | 'webgl2' | 'webgl';

/** A gpu.js kernel class (static side). */
interface KernelClass {
  readonly isSupported: boolean;
  readonly features: { isFloatRead: boolean; isTextureFloat: boolean; maxTextureSize: number } | null;
}

/** A compiled gpu.js kernel (its "run shortcut"). */
export interface GpuKernel {
  (...args: unknown[]): unknown;
  /** The kernel instance that runs; replaced by a CPU kernel if gpu.js falls back. */
  readonly kernel: object & { fallbackReason?: string | null };
  destroy(removeCanvas?: boolean): void;
}

/** A texture resident on the device (output of a `pipeline: true` kernel). */
export interface GpuTexture {
  toArray(): Float32Array | Float32Array[];
  delete(): void;
}

interface GpuInstance {
  readonly Kernel: unknown;
  createKernel(source: string, settings: Record<string, unknown>): GpuKernel;
  destroy(): Promise<void>;
}

interface GpuJsModule {
  GPU: new (settings: { mode: GlMode }) => GpuInstance;
  input(value: Float32Array, size: number[]): unknown;
  HeadlessGLKernel: KernelClass;
  WebGL2Kernel: KernelClass;
  WebGLKernel: KernelClass;
}

/** Whether we run in Node (headless-gl) rather than a browser. */
export const isNode = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';

let loaded: Promise<GpuJsModule> | undefined;

/** Import gpu.js once (optional dependency). */
export function loadGpuJs(): Promise<GpuJsModule> {
  loaded ??= import('gpu.js').then(
    (mod) => {
      const m = mod as unknown as GpuJsModule & { default?: GpuJsModule };
      return typeof m.GPU === 'function' ? m : (m.default as GpuJsModule);
    },
    (err: unknown) => {
      throw new BackendUnavailableError('gpujs', 'the optional dependency gpu.js is not installed', { cause: err });
    },
  );
  return loaded;
}

/** A started gpu.js instance on a WebGL mode with float32 textures. */
export class GlRuntime {
  private constructor(
    readonly lib: GpuJsModule,
    readonly gpu: GpuInstance,
    readonly mode: GlMode,
    /** The gpu.js kernel class every kernel must keep running on. */
    private readonly kernelClass: KernelClass,
    /** MAX_TEXTURE_SIZE of the context. */
    readonly maxTextureSize: number,
  ) {}

  /** Start gpu.js on the first WebGL mode that works; throws BackendUnavailableError otherwise. */
  static async start(): Promise<GlRuntime> {
    const lib = await loadGpuJs();
    const modes: Array<[GlMode, KernelClass]> = isNode
      ? [['headlessgl', lib.HeadlessGLKernel]]
      : [['webgl2', lib.WebGL2Kernel], ['webgl', lib.WebGLKernel]];
    const reasons: string[] = [];
    for (const [mode, K] of modes) {
      if (!K.isSupported) {
        reasons.push(`${mode}: no WebGL context${mode === 'headlessgl' ? headlessGlHint() : ''}`);
        continue;
      }
      const f = K.features;
      if (!f || !f.isTextureFloat || !f.isFloatRead) {
        reasons.push(`${mode}: float32 textures are not supported`);
        continue;
      }
      return new GlRuntime(lib, new lib.GPU({ mode }), mode, K, f.maxTextureSize);
    }
    throw new BackendUnavailableError('gpujs', `gpu.js found no real WebGL mode (${reasons.join('; ')})`);
  }

  /** Compile (lazily, on first call) a float32 kernel from source text. */
  kernel(source: string, settings: Record<string, unknown>): GpuKernel {
    return this.gpu.createKernel(source, { precision: 'single', tactic: 'precision', ...settings });
  }

  /** Run a kernel, refusing any result that gpu.js computed in a CPU fallback. */
  run(k: GpuKernel, ...args: unknown[]): unknown {
    const out = k(...args);
    if (!(k.kernel instanceof (this.kernelClass as unknown as abstract new () => object))) {
      throw new BackendUnavailableError('gpujs', `gpu.js left ${this.mode} for a CPU kernel (${k.kernel.fallbackReason ?? 'no reason given'})`);
    }
    return out;
  }

  /** Wrap host data as a 2D gpu.js input: `rows` rows of `cols` entries, row-major. */
  input2d(data: Float32Array, rows: number, cols: number): unknown {
    return this.lib.input(data, [cols, rows]);
  }

  /** Free the WebGL context and everything on it. */
  destroy(): void {
    void this.gpu.destroy().catch(() => undefined);
  }
}

function headlessGlHint(): string {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined>; platform?: string } }).process;
  if (env?.platform === 'linux' && !env.env?.['DISPLAY']) return ' (DISPLAY is unset: headless-gl needs an X server, e.g. run under xvfb-run)';
  return ' (is the native `gl` module (headless-gl) built?)';
}
