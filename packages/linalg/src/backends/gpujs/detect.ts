/**
 * Is the WebGL that gpu.js runs on a real (hardware) GPU? `auto` backend selection picks gpujs
 * only when it is, because gpu.js on a software rasterizer (Mesa llvmpipe/softpipe, SwiftShader)
 * is several times slower than the plain js loops.
 *
 * Renderer strings cannot answer this in Node: headless-gl reports `RENDERER = "ANGLE"` on every
 * driver and has no `WEBGL_debug_renderer_info`. So in Node (Linux) the answer comes from what the
 * GL context actually loaded into this process:
 *
 * - software if a software rasterizer library is mapped (`swrast_dri.so`, `kms_swrast_dri.so`,
 *   SwiftShader, lavapipe), or Mesa is forced to software by `LIBGL_ALWAYS_SOFTWARE` /
 *   `GALLIUM_DRIVER=llvmpipe|softpipe|swr`;
 * - otherwise hardware if a hardware GL driver is mapped (NVIDIA's `libnvidia-glcore` /
 *   `libGLX_nvidia`, Mesa `iris`/`radeonsi`/`nouveau`/... `_dri.so`) or the process holds a GPU
 *   device node open (`/dev/dri/renderD*`, `/dev/dri/card*`, `/dev/nvidia<N>`), which no software
 *   rasterizer opens;
 * - otherwise (nothing identifiable, or not Linux) not a real GPU: auto stays on the CPU, and
 *   `--backend gpujs` remains available explicitly.
 *
 * Before any of that, a Linux machine with no X display or no GPU device node at all is answered
 * "no" without loading gpu.js, so `auto` costs CPU-only machines nothing.
 *
 * In browsers: a context created with `failIfMajorPerformanceCaveat: true` (which browsers refuse
 * on software rendering) whose unmasked renderer (`WEBGL_debug_renderer_info`) names no software
 * rasterizer. Under Xvfb, GL is always Mesa's software rasterizer even on a machine with an NVIDIA
 * GPU (Xvfb has no GPU GLX), and this check says so.
 */

import { isNode, loadGpuJs } from './runtime.js';

/** The subset of Node's `fs` this module reads `/proc` and `/dev` with. */
interface NodeFs {
  readFileSync(path: string, encoding: 'utf8'): string;
  readdirSync(path: string): string[];
  readlinkSync(path: string): string;
  existsSync(path: string): boolean;
}

/**
 * Node's `fs` through `process.getBuiltinModule('fs')` (Node >= 20.16), never an `import` of a
 * Node built-in: this module is on the browser path of `@dpr/linalg`, and bundlers for the
 * browser must find nothing Node-only in it (not even a `node:` specifier string).
 */
function nodeFs(): NodeFs {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.('fs') as NodeFs | undefined;
  if (!fs) throw new Error("Node's fs is not available (process.getBuiltinModule needs Node >= 20.16)");
  return fs;
}

/** What this process's GL driver says about the renderer. */
export interface GlDriverInfo {
  /** True only for a hardware GPU. */
  readonly hardware: boolean;
  /** Human-readable renderer, e.g. `'software rasterizer (swrast_dri.so)'`. */
  readonly renderer: string;
}

const SOFTWARE_LIB = /\/((?:kms_)?swrast_dri|libvk_swiftshader|libswiftshader\w*|libGLESv2_swiftshader|libvulkan_lvp|lvp_icd\.\w+)\.so\b/;
const NVIDIA_LIB = /\/(libnvidia-glcore|libGLX_nvidia|libEGL_nvidia)\.so\b/;
const MESA_HW_LIB = /\/(iris|i965|i915|crocus|radeonsi|r600|r300|nouveau|zink|virtio_gpu|vmwgfx|panfrost|lima|freedreno|msm|v3d|vc4|etnaviv|asahi|d3d12)_dri\.so\b/;
const GPU_DEVICE = /^\/dev\/(dri\/(card|renderD)\d+|nvidia\d+)$/;
const SOFTWARE_RENDERER = /llvmpipe|softpipe|swiftshader|lavapipe|swrast|software|basic render/i;

/**
 * Classify the GL driver from the shared objects mapped into the process (`/proc/self/maps`), the
 * files it holds open (`/proc/self/fd` link targets) and its environment. Pure, for testing.
 */
export function classifyGlDriver(
  mappedFiles: readonly string[],
  openFiles: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): GlDriverInfo {
  const forced = env['LIBGL_ALWAYS_SOFTWARE'];
  const gallium = env['GALLIUM_DRIVER'];
  if ((forced !== undefined && /^(1|true|yes)$/i.test(forced)) || (gallium !== undefined && /^(llvmpipe|softpipe|swr)$/.test(gallium))) {
    return { hardware: false, renderer: `Mesa ${gallium ?? 'llvmpipe'} (software, forced by the environment)` };
  }
  const find = (re: RegExp): RegExpExecArray | undefined => {
    for (const f of mappedFiles) {
      const m = re.exec(f);
      if (m) return m;
    }
    return undefined;
  };
  const sw = find(SOFTWARE_LIB);
  if (sw) return { hardware: false, renderer: `software rasterizer (${sw[1]}.so)` };
  const nv = find(NVIDIA_LIB);
  if (nv) return { hardware: true, renderer: `NVIDIA GL driver (${nv[1]}.so)` };
  const mesa = find(MESA_HW_LIB);
  if (mesa) return { hardware: true, renderer: `Mesa ${mesa[1]} (${mesa[1]}_dri.so)` };
  const device = openFiles.find((f) => GPU_DEVICE.test(f));
  if (device) return { hardware: true, renderer: `GPU device ${device}` };
  return { hardware: false, renderer: 'unidentified renderer (no GPU driver or device in use)' };
}

/** Whether an unmasked WebGL renderer string names a hardware GPU (browsers). */
export function isHardwareRendererString(renderer: string): boolean {
  return renderer.trim() !== '' && !SOFTWARE_RENDERER.test(renderer);
}

/** Inspect this Linux process after a headless-gl context exists. */
export async function inspectNodeGlDriver(): Promise<GlDriverInfo> {
  const proc = (globalThis as { process?: { platform?: string; env?: Record<string, string | undefined> } }).process;
  if (proc?.platform !== 'linux') {
    return { hardware: false, renderer: `headless-gl on ${proc?.platform ?? 'unknown OS'} (driver not identifiable)` };
  }
  const fs = nodeFs();
  const mapped = fs.readFileSync('/proc/self/maps', 'utf8').split('\n').map((line) => line.split(/\s+/)[5] ?? '');
  const open: string[] = [];
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      open.push(fs.readlinkSync(`/proc/self/fd/${fd}`));
    } catch {
      // the fd closed meanwhile (e.g. the one readdirSync used)
    }
  }
  return classifyGlDriver(mapped, open, proc.env ?? {});
}

/** Browser check: hardware-accelerated context and an unmasked renderer that is not software. */
export function inspectBrowserGl(): GlDriverInfo {
  const doc = (globalThis as { document?: { createElement(tag: 'canvas'): HTMLCanvasElement } }).document;
  const canvas = doc ? doc.createElement('canvas') : typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1) : null;
  if (canvas === null) return { hardware: false, renderer: 'no canvas' };
  const context = (attrs: WebGLContextAttributes): WebGLRenderingContext | null =>
    (canvas.getContext('webgl2', attrs) ?? canvas.getContext('webgl', attrs)) as WebGLRenderingContext | null;
  const rendererOf = (gl: WebGLRenderingContext): string => {
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : '';
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  };
  const gl = context({ failIfMajorPerformanceCaveat: true });
  if (!gl) {
    // refused as slow: name what runs instead (e.g. SwiftShader), on a fresh canvas
    const fresh = doc ? doc.createElement('canvas') : new OffscreenCanvas(1, 1);
    const soft = (fresh.getContext('webgl2') ?? fresh.getContext('webgl')) as WebGLRenderingContext | null;
    const name = soft ? rendererOf(soft) : '';
    return { hardware: false, renderer: `${name || 'a WebGL context'} (not hardware-accelerated: refused with failIfMajorPerformanceCaveat)` };
  }
  const renderer = rendererOf(gl);
  if (renderer === '') return { hardware: false, renderer: 'masked renderer' };
  return { hardware: isHardwareRendererString(renderer), renderer };
}

let detected: Promise<GlDriverInfo> | undefined;

/** The GL driver gpu.js runs on here (computed once, then cached). Never throws. */
export function glDriverInfo(): Promise<GlDriverInfo> {
  detected ??= (async (): Promise<GlDriverInfo> => {
    if (!isNode) return inspectBrowserGl();
    const lib = await loadGpuJs();
    if (!lib.HeadlessGLKernel.isSupported) return { hardware: false, renderer: 'no WebGL context' };
    return inspectNodeGlDriver();
  })().catch((err: unknown) => ({ hardware: false, renderer: `unavailable (${err instanceof Error ? err.message : String(err)})` }));
  return detected;
}

/** Linux, before loading anything: why headless-gl certainly cannot reach a GPU, if it cannot. */
async function linuxWithoutGpu(): Promise<string | undefined> {
  const proc = (globalThis as { process?: { platform?: string; env?: Record<string, string | undefined> } }).process;
  if (proc?.platform !== 'linux') return undefined;
  if (!proc.env?.['DISPLAY']) return 'no X display';
  const fs = nodeFs();
  if (fs.existsSync('/dev/dri') || fs.readdirSync('/dev').some((f) => /^nvidia\d+$/.test(f))) return undefined;
  return 'no GPU device node';
}

let real: Promise<boolean> | undefined;

/** Whether gpu.js runs on a hardware GPU here; see the module comment. Cached; never throws. */
export function detectRealGpu(): Promise<boolean> {
  real ??= (async () => {
    if (isNode && (await linuxWithoutGpu()) !== undefined) return false;
    return (await glDriverInfo()).hardware;
  })().catch(() => false);
  return real;
}
