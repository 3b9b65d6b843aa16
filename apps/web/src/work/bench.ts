/**
 * The backend benchmark panel: GFLOP/s of GEMV (n × n) and GEMM (n × n times n × 32) on every
 * backend that starts here, each timed over repeats until 150 ms have passed, and the gpujs
 * results checked against wasm on the same data (max |gpujs − wasm| / max |wasm|).
 */
import { Rng, createBackend, mat, type Backend, type BackendName } from '@dpr/linalg';
import type { BenchRequestMessage, WorkerEvent } from '../protocol.js';

const GEMM_COLS = 32;
const MIN_MS = 150;

function timed(run: () => void): number {
  run(); // warm-up (compiles gpujs kernels, uploads)
  let reps = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < MIN_MS) {
    run();
    reps++;
    t = performance.now();
  }
  return (t - t0) / reps;
}

/** Max |a − b| / max |b|. */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0, s = 0;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i]! - b[i]!));
    s = Math.max(s, Math.abs(b[i]!));
  }
  return s === 0 ? d : d / s;
}

interface Outputs { gemv: Float64Array; gemm: Float64Array }

function benchOne(backend: Backend, n: number, data: Float64Array, x: Float64Array, B: Float64Array, post: (e: WorkerEvent) => void, reference?: Outputs): Outputs {
  const A = backend.matrix(data, n, n);
  try {
    const y = new Float64Array(n);
    const msV = timed(() => backend.gemv(false, 1, A, x, 0, y));
    const C = mat(n, GEMM_COLS);
    const Bm = mat(n, GEMM_COLS, B);
    const msM = timed(() => backend.gemm(false, 1, A, Bm, 0, C));
    post({ type: 'bench-row', backend: backend.name, op: 'gemv', size: n, gflops: (2 * n * n) / (msV * 1e6), maxRelDiff: reference ? maxRelDiff(y, reference.gemv) : null });
    post({ type: 'bench-row', backend: backend.name, op: 'gemm', size: n, gflops: (2 * n * n * GEMM_COLS) / (msM * 1e6), maxRelDiff: reference ? maxRelDiff(C.data, reference.gemm) : null });
    return { gemv: y, gemm: C.data };
  } finally {
    A.dispose();
  }
}

/** Runs the panel on backends it starts for the run and frees them when it ends, also when a run or a post throws (the worker lives on). */
export async function runBench(msg: BenchRequestMessage, post: (e: WorkerEvent) => void): Promise<void> {
  const names: BackendName[] = ['wasm', 'gpujs', 'js'];
  const backends: Backend[] = [];
  try {
    for (const name of names) {
      let b: Backend;
      try {
        b = await createBackend(name);
      } catch (e) {
        post({ type: 'backend', requested: name, name: 'unavailable', description: '', fallback: e instanceof Error ? e.message : String(e) });
        continue;
      }
      backends.push(b);
      post({ type: 'backend', requested: name, name: b.name, description: b.description, fallback: null });
    }
    const rng = new Rng(1);
    for (const n of msg.sizes) {
      const data = rng.gaussianVec(n * n), x = rng.gaussianVec(n), B = rng.gaussianVec(n * GEMM_COLS);
      let wasm: Outputs | undefined;
      for (const b of backends) {
        const out = benchOne(b, n, data, x, B, post, b.name === 'gpujs' ? wasm : undefined);
        if (b.name === 'wasm') wasm = out;
      }
    }
  } finally {
    for (const b of backends) b.dispose();
  }
}
