/**
 * The kernel benchmark suite behind `dpr bench gemv` and `pnpm bench`: GFLOP/s of GEMV and GEMM
 * per backend, as medians, measured in one process so that backends can be compared as ratios.
 */
import { Rng, mat, measure, type Backend, type MeasureOptions } from '@dpr/linalg';

/** One benchmark record (the `--json` schema of `dpr bench gemv`). */
export interface KernelBenchRecord {
  op: 'gemv' | 'gemvT' | 'gemm';
  backend: string;
  m: number;
  n: number;
  /** Columns of B for GEMM; 1 for GEMV. */
  k: number;
  gflops: number;
  medianMs: number;
  /** The 1-min load average right after the row was measured (other processes share the cores). */
  load1?: number;
}

/** A kernel benchmark case. */
export interface KernelCase {
  op: 'gemv' | 'gemvT' | 'gemm';
  m: number;
  n: number;
  k: number;
}

/** The default cases named in the foundation issue. */
export const DEFAULT_KERNEL_CASES: readonly KernelCase[] = [
  { op: 'gemv', m: 1000, n: 1000, k: 1 },
  { op: 'gemvT', m: 1000, n: 1000, k: 1 },
  { op: 'gemv', m: 500, n: 784, k: 1 },
  { op: 'gemv', m: 2000, n: 1000, k: 1 },
  { op: 'gemv', m: 5000, n: 12288, k: 1 },
  { op: 'gemm', m: 1000, n: 1000, k: 64 },
];

/** Time one case on one backend (A ∈ R^{m×n}, x or B drawn from a fixed seed). */
export function benchKernel(backend: Backend, c: KernelCase, options: MeasureOptions = {}): KernelBenchRecord {
  const rng = new Rng(12345);
  const A = backend.matrix(rng.gaussianVec(c.m * c.n), c.m, c.n);
  try {
    let fn: () => unknown;
    if (c.op === 'gemm') {
      const B = mat(c.n, c.k, rng.gaussianVec(c.n * c.k));
      const C = mat(c.m, c.k);
      fn = () => backend.gemm(false, 1, A, B, 0, C);
    } else {
      const trans = c.op === 'gemvT';
      const x = rng.gaussianVec(trans ? c.m : c.n);
      const y = new Float64Array(trans ? c.n : c.m);
      fn = () => backend.gemv(trans, 1, A, x, 0, y);
    }
    const t = measure(fn, options);
    const flops = 2 * c.m * c.n * c.k;
    return { op: c.op, backend: backend.name, m: c.m, n: c.n, k: c.k, gflops: flops / (t.medianMs * 1e6), medianMs: t.medianMs };
  } finally {
    A.dispose();
  }
}
