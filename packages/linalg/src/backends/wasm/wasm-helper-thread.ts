/**
 * The `wasm` backend's second thread: one persistent worker that instantiates the same kernel
 * module over the backend's shared memory (the `*_SHARED` builds of `scripts/build-wasm.mjs`) and
 * shares large products with the calling thread: the product is cut into chunks (row panels of A
 * for `mv`, column chunks for `mtv`) that both threads take in turn from an atomic counter. Each
 * output entry is computed by one call over its whole sum, in the same order as on one thread, so
 * results are bitwise those of one thread whichever thread took which chunk. A descheduled worker
 * (a busy machine) costs at most the chunk it holds: the caller takes the rest, and withdraws the
 * job if the worker has not woken up by the time the caller has done every chunk.
 *
 * Hand-off through a control block in wasm memory, with Atomics: the caller writes the arguments,
 * marks the job posted and bumps `SEQ`; the worker, blocked in `Atomics.wait` on `SEQ`, claims the
 * job (posted → taken), takes chunks until none is left and stores the sequence number in `DONE`;
 * the caller, out of chunks, withdraws an unclaimed job or spins briefly on `DONE`, then blocks in
 * `Atomics.wait` where the runtime allows it (Node, workers; a browser's main thread only spins).
 *
 * Where it runs: Node (`worker_threads`, reached through `process.getBuiltinModule` by its bare
 * name, so no Node import or `node:` specifier enters a browser bundle; the worker is unref'd and
 * never keeps a process alive) and cross-origin-isolated browsers (a Web Worker from a Blob URL).
 * Elsewhere {@link helperThreadSupported} is false and the backend stays on one thread.
 */

/** Bytes of the control block (two cache lines). */
export const CONTROL_BYTES = 128;

/** Int32 slots of the control block. */
const SEQ = 0, DONE = 1, READY = 2, FAILED = 3, OP = 4, STATE = 5, NEXT = 6, CHUNKS = 7, CHUNK = 8, PARTS = 9, ARGS = 10;
/** `STATE` values: no job, posted (unclaimed), taken by the worker. */
const IDLE = 0, POSTED = 1, TAKEN = 2;
/** `OP` values: which kernel the worker runs. */
export const HELPER_OPS = { mv: 0, mtv: 1 } as const;
/** Polls of `DONE` before blocking (a few microseconds: the worker holds one chunk at most). */
const SPINS = 4000;
/** Most products run on one thread after a share that did not pay (doubling from 1). */
const MAX_BACKOFF = 64;

/**
 * The worker's program, plain JavaScript for both kinds of worker: Node eval workers (`workerData`,
 * reached without `require`, which an ES-module eval lacks) and Web Workers (the first message).
 * Args are i32 slots; addresses above 2³¹ wrap in the Int32Array and reach the kernels with the
 * same bits. Args: `mv` a, ld, x, xs, n, y, ys; `mtv` a, ld, panels, x, xs, n, t (the worker's own
 * scratch), y, ys; the chunk's range goes in between.
 */
const WORKER_SOURCE = `'use strict';
function serve(module, memory, ctrl) {
  const k = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const c = new Int32Array(memory.buffer, ctrl, ${CONTROL_BYTES / 4});
  const a = ${ARGS};
  let seq = 0;
  Atomics.store(c, ${READY}, 1);
  for (;;) {
    Atomics.wait(c, ${SEQ}, seq);
    seq = Atomics.load(c, ${SEQ});
    if (seq < 0) return;
    if (Atomics.compareExchange(c, ${STATE}, ${POSTED}, ${TAKEN}) !== ${POSTED}) continue;
    seq = Atomics.load(c, ${SEQ});
    try {
      const chunks = c[${CHUNKS}], chunk = c[${CHUNK}], parts = c[${PARTS}], mv = c[${OP}] === ${HELPER_OPS.mv};
      for (let i; (i = Atomics.add(c, ${NEXT}, 1)) < chunks; ) {
        const p0 = i * chunk, p1 = Math.min(p0 + chunk, parts);
        if (mv) k.mv(c[a], c[a + 1], p0, p1, c[a + 2], c[a + 3], c[a + 4], c[a + 5], c[a + 6]);
        else k.mtv(c[a], c[a + 1], c[a + 2], p0, p1, c[a + 3], c[a + 4], c[a + 5], c[a + 6], c[a + 7], c[a + 8]);
      }
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

/** The calling thread's side of the helper: share a product with it, close it. */
export class HelperThread {
  private readonly ctrl: Int32Array;
  private seq = 0;
  private readonly canBlock: boolean;
  private closed = false;
  private backoff = 0;
  private skip = 0;

  private constructor(
    memory: WebAssembly.Memory,
    ctrlPtr: number,
    private readonly terminate: () => void,
  ) {
    this.ctrl = new Int32Array(memory.buffer, ctrlPtr, CONTROL_BYTES / 4);
    this.canBlock = canBlock(this.ctrl);
  }

  /**
   * Start the worker over `memory` (shared) with the control block at `ctrlPtr` (zeroed,
   * {@link CONTROL_BYTES} bytes). It becomes {@link ready} once it has instantiated the module;
   * until then, and if it never starts, the backend computes every product itself.
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

  /**
   * Whether the next large product should be shared: false for a while after a share that did
   * not pay (the worker took no chunk, or the caller waited more than two chunks' time for it:
   * its core was busy), for 1, 2, 4 … up to {@link MAX_BACKOFF} products; a share that paid
   * resets it.
   * Results are bitwise the same either way; this only keeps a busy machine from making products
   * slower than on one thread.
   */
  wanted(): boolean {
    if (this.skip === 0) return true;
    this.skip--;
    return false;
  }

  /**
   * Compute `parts` parts (row panels for `mv`, column chunks for `mtv`) in chunks of `chunk` on
   * both threads: the worker calls kernel `op` with `args` (see the worker's program), this thread
   * calls `compute(p0, p1)`. Returns once every chunk is done: true, or false if the worker threw
   * (then the helper is closed and the caller must compute the whole product again itself).
   */
  share(op: number, args: readonly number[], parts: number, chunk: number, compute: (p0: number, p1: number) => void): boolean {
    const c = this.ctrl, chunks = Math.ceil(parts / chunk);
    c[OP] = op;
    c[CHUNKS] = chunks;
    c[CHUNK] = chunk;
    c[PARTS] = parts;
    for (let i = 0; i < args.length; i++) c[ARGS + i] = args[i] as number;
    Atomics.store(c, NEXT, 0);
    // SEQ before STATE: a worker that claims the job (STATE) then reads its number from SEQ.
    const seq = (this.seq = this.seq === 0x7fffffff ? 1 : this.seq + 1);
    Atomics.store(c, SEQ, seq);
    Atomics.store(c, STATE, POSTED);
    Atomics.notify(c, SEQ);
    const t0 = performance.now();
    let mine = 0;
    for (let i; (i = Atomics.add(c, NEXT, 1)) < chunks; mine++) compute(i * chunk, Math.min((i + 1) * chunk, parts));
    const t1 = performance.now();
    if (Atomics.compareExchange(c, STATE, POSTED, IDLE) === POSTED) {
      this.paid(false);
      return true;
    }
    for (let spin = 0; ; spin++) {
      const done = Atomics.load(c, DONE);
      if (done === seq) break;
      if (spin >= SPINS && this.canBlock) Atomics.wait(c, DONE, done, 50);
    }
    this.paid(mine < chunks && performance.now() - t1 <= (2 * (t1 - t0)) / Math.max(1, mine));
    if (Atomics.load(c, FAILED) === 0) return true;
    this.close();
    return false;
  }

  /** Back off after a share that did not pay (see {@link wanted}). */
  private paid(ok: boolean): void {
    this.backoff = ok ? 0 : Math.min(MAX_BACKOFF, Math.max(1, 2 * this.backoff));
    this.skip = this.backoff;
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
