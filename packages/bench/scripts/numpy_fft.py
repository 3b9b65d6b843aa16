"""numpy (pocketfft) reference timings for `dpr bench fft`: the same cases and timing rule as the
TypeScript suite (3 warm-up calls, then calls until 300 ms have passed, at least 5; the median),
complex128. Prints one JSON line per case: {"case", "medianMs"}.
usage: python3 numpy_fft.py 1d:N ... 2d:HxW ..."""
import json, sys, time
import numpy as np
from numpy_timing import measure

def main():
    rng = np.random.default_rng(12345)
    for spec in sys.argv[1:]:
        kind, size = spec.split(':')
        if kind == '1d':
            x = rng.standard_normal(int(size)) + 1j * rng.standard_normal(int(size))
            fn = lambda: np.fft.fft(x)
        else:
            h, w = (int(v) for v in size.split('x'))
            x = rng.standard_normal((h, w)) + 1j * rng.standard_normal((h, w))
            fn = lambda: np.fft.fft2(x)
        print(json.dumps({'case': spec, 'medianMs': measure(fn)}), flush=True)

if __name__ == '__main__':
    main()
