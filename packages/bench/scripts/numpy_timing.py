"""The timing rule every numpy reference script shares with the TypeScript suites: 3 warm-up calls,
then calls until 300 ms have passed (at least 5, at most 1000); the median in milliseconds."""
import time
import numpy as np

def measure(fn, warmup=3, min_runs=5, min_time=0.3, max_runs=1000):
    for _ in range(warmup):
        fn()
    times, start = [], time.perf_counter()
    while len(times) < min_runs or (len(times) < max_runs and time.perf_counter() - start < min_time):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return float(np.median(times)) * 1e3
