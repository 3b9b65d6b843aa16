"""numpy/OpenBLAS reference timings for `dpr bench gemv`: the same cases and the same timing rule
as the TypeScript suite (3 warm-up calls, then calls until 300 ms have passed, at least 5; the
median), in float32 (the precision of the wasm and gpujs kernels) and float64. Run it with
OPENBLAS_NUM_THREADS=1 for the single-thread reference (the suite does). Prints one JSON line per
case and dtype: {"op", "m", "n", "k", "dtype", "medianMs", "gflops", "threads"}.
usage: python3 numpy_kernels.py OP:M:N:K ...   (OP = gemv | gemvT | gemm; K = 1 for GEMV)"""
import json, os, sys, time
import numpy as np
from numpy_timing import measure

def main():
    rng = np.random.default_rng(12345)
    threads = os.environ.get('OPENBLAS_NUM_THREADS', 'default')
    for spec in sys.argv[1:]:
        op, m, n, k = spec.split(':')
        m, n, k = int(m), int(n), int(k)
        for dtype in ('float32', 'float64'):
            A = rng.standard_normal((m, n)).astype(dtype)
            if op == 'gemm':
                B = rng.standard_normal((n, k)).astype(dtype)
                C = np.empty((m, k), dtype)
                fn = lambda: np.matmul(A, B, out=C)
            elif op == 'gemvT':
                x = rng.standard_normal(m).astype(dtype)
                y = np.empty(n, dtype)
                fn = lambda: np.matmul(x, A, out=y)
            else:
                x = rng.standard_normal(n).astype(dtype)
                y = np.empty(m, dtype)
                fn = lambda: np.matmul(A, x, out=y)
            ms = measure(fn)
            print(json.dumps({'op': op, 'm': m, 'n': n, 'k': k, 'dtype': dtype, 'medianMs': ms, 'gflops': 2 * m * n * k / (ms * 1e6), 'threads': threads}), flush=True)

if __name__ == '__main__':
    main()
