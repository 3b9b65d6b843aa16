/**
 * The `wasm` backend's second thread: one persistent worker that instantiates the same kernel
 * module over the backend's shared memory (the `*_SHARED` builds of `scripts/build-wasm.mjs`) and
 * computes the second half of a large product while the calling thread computes the first: rows
 * (panels) of A for `mv`, output columns for `mtv`. The halves write disjoint outputs and each
 * entry is summed in the same order as on one thread, so results are bitwise the same.
 *
 * Hand-off through a 64-byte control block in wasm memory, with Atomics: the caller writes the
 * arguments and bumps `SEQ`; the worker, blocked in `Atomics.wait` on `SEQ`, runs the kernel and
 * stores the sequence number in `DONE`; the caller spins briefly on `DONE`, then blocks in
 * `Atomics.wait` where the runtime allows it (Node, workers; a browser's main thread only spins).
 *
 * Where it runs: Node (`worker_threads`, reached through `process.getBuiltinModule` by its bare
 * name, so no Node import or `node:` specifier enters a browser bundle; the worker is unref'd and never keeps a process alive) and
 * cross-origin-isolated browsers (a Web Worker from a Blob URL). Elsewhere {@link helperThreadSupported}
 * is false and the backend stays on one thread.
 */

/** Bytes of the control block (one cache line). */
export const CONTROL_BYTES = 64;

/** Int32 slots of the control block. */
const SEQ = 0, DONE = 1, READY = 2, FAILED = 3, OP = 4, ARGS = 5;
/** `OP` values: which kernel the worker runs. */
export const HELPER_OPS = { mv: 0, mtv: 1 } as const;
/** Polls of `DONE` before blocking (a few microseconds: the halves finish close together). */
const SPINS = 4000;

/**
 * The worker's program, plain JavaScript for both kinds of worker: Node eval workers (`workerData`,
 * reached without `require`, which an ES-module eval lacks) and Web Workers (the first message). Args are i32 slots; addresses above 2³¹ wrap
 * in the Int32Array and reach the kernels with the same bits.
 */
const WORKER_SOURCE = `'use strict';
function serve(module, memory, ctrl) {
  const k = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const c = new Int32Array(memory.buffer, ctrl, ${CONTROL_BYTES / 4});
  let seq = 0;
  Atomics.store(c, ${READY}, 1);
  for (;;) {
    Atomics.wait(c, ${SEQ}, seq);
    seq = Atomics.load(c, ${SEQ});
    if (seq < 0) return;
    const a = ${ARGS};
    try {
      if (c[${OP}] === ${HELPER_OPS.mv}) k.mv(c[a], c[a + 1], c[a + 2], c[a + 3], c[a + 4], c[a + 5], c[a + 6], c[a + 7], c[a + 8]);
      else k.mtv(c[a], c[a + 1], c[a + 2], c[a + 3], c[a + 4], c[a + 5], c[a + 6], c[a + 7], c[a + 8], c[a + 9], c[a + 10]);
    } catch {
      Atomics.store(c, ${FAILED}, 1);
    }
    Atomics.store(c, ${DONE}, seq);
    Atomics.notify(c, ${DONE});
  }
}
const node = typeof process === 'object' && typeof process.getBuiltinModule === 'function';
if (node) {
  const { workerData } = process.getBuiltinModule('worker_threads');
  serve(workerData.module, workerData.memory, workerData.ctrl);
} else {
  self.onmessage = (e) => serve(e.data.module, e.data.memory, e.data.ctrl);
}
`;

/** The part of Node's `worker_threads` used here. */
interface NodeWorkerThreads {
  Worker: new (source: string, options: { eval: true; workerData: unknown }) => { unref(): void; terminate(): unknown };
  isMainThread: boolean;
}

/**
 * Whether this is a Node worker thread (e.g. one of a sweep's pool, which already keeps the cores
 * busy): there the backend defaults to one thread.
 */
export function inNodeWorkerThread(): boolean {
  return nodeWorkerThreads()?.isMainThread === false;
}

/** Node's `worker_threads` where this is Node (never imported: browser bundles see no Node module). */
function nodeWorkerThreads(): NodeWorkerThreads | undefined {
  const proc = (globalThis as { process?: { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown } }).process;
  if (!proc?.versions?.node || typeof proc.getBuiltinModule !== 'function') return undefined;
  return proc.getBuiltinModule('worker_threads') as NodeWorkerThreads | undefined;
}

/** Whether this runtime can run the helper thread: shared wasm memory plus Node workers or an isolated browser. */
export function helperThreadSupported(): boolean {
  if (typeof SharedArrayBuffer !== 'function' || typeof Atomics !== 'object') return false;
  if (nodeWorkerThreads()) return true;
  const g = globalThis as { crossOriginIsolated?: boolean; Worker?: unknown; Blob?: unknown; URL?: { createObjectURL?: unknown } };
  return g.crossOriginIsolated === true && typeof g.Worker === 'function' && typeof g.Blob === 'function' && typeof g.URL?.createObjectURL === 'function';
}

/** The calling thread's side of the helper: post half a product, wait for it, close. */
export class HelperThread {
  private readonly ctrl: Int32Array;
  private seq = 0;
  private readonly canBlock: boolean;
  private closed = false;

  private constructor(
    memory: WebAssembly.Memory,
    ctrlPtr: number,
    private readonly terminate: () => void,
  ) {
    this.ctrl = new Int32Array(memory.buffer, ctrlPtr, CONTROL_BYTES / 4);
    this.canBlock = canBlock(this.ctrl);
  }

  /**
   * Start the worker over `memory` (shared) with the control block at `ctrlPtr` (zeroed, 64
   * bytes). It becomes {@link ready} once it has instantiated the module; until then, and if it
   * never starts, the backend computes every product itself.
   */
  static start(module: WebAssembly.Module, memory: WebAssembly.Memory, ctrlPtr: number): HelperThread {
    const data = { module, memory, ctrl: ctrlPtr };
    const node = nodeWorkerThreads();
    if (node) {
      const worker = new node.Worker(WORKER_SOURCE, { eval: true, workerData: data });
      worker.unref();
      return new HelperThread(memory, ctrlPtr, () => void worker.terminate());
    }
    const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
    const worker = new Worker(url);
    worker.postMessage(data);
    URL.revokeObjectURL(url);
    return new HelperThread(memory, ctrlPtr, () => worker.terminate());
  }

  /** Whether the worker is up and takes work. */
  get ready(): boolean {
    return !this.closed && Atomics.load(this.ctrl, READY) === 1;
  }

  /** Hand the worker one kernel call (`HELPER_OPS`, with its i32 arguments); pair with {@link wait}. */
  post(op: number, args: readonly number[]): void {
    const c = this.ctrl;
    c[OP] = op;
    for (let i = 0; i < args.length; i++) c[ARGS + i] = args[i] as number;
    this.seq = this.seq === 0x7fffffff ? 1 : this.seq + 1;
    Atomics.store(c, SEQ, this.seq);
    Atomics.notify(c, SEQ);
  }

  /**
   * Return once the worker has finished the call of the last {@link post}: true if it ran, false
   * if it threw (then the helper is closed and the caller computes that part itself).
   */
  wait(): boolean {
    const c = this.ctrl, seq = this.seq;
    for (let spin = 0; ; spin++) {
      const done = Atomics.load(c, DONE);
      if (done === seq) {
        if (Atomics.load(c, FAILED) === 0) return true;
        this.close();
        return false;
      }
      if (spin >= SPINS && this.canBlock) Atomics.wait(c, DONE, done, 50);
    }
  }

  /** Stop the worker (it leaves its loop; then terminated). Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.ctrl, SEQ, -1);
    Atomics.notify(this.ctrl, SEQ);
    this.terminate();
  }
}

/** Whether `Atomics.wait` may block this thread (not on a browser's main thread). */
function canBlock(ctrl: Int32Array): boolean {
  try {
    Atomics.wait(ctrl, OP, 0x7fffffff, 0);
    return true;
  } catch {
    return false;
  }
}
