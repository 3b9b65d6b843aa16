"""A straightforward numpy implementation of DPR (Algorithm 1) with the same step rule as
@dpr/phase-retrieval's `dpr` solver (the Barzilai-Borwein step ||s||^2/<s, y>, the exact step of
the local quadratic model where that is undefined -- first iteration, after a negation, <s, y> <= 0
--, growth capped at 4x the previous step, halving while f does not decrease, negation check every
iteration), used by `dpr bench dpr` and `dpr-vs-numpy.ts` as the
reference to beat. Reads instance files written by `dpr solve --save-instance` and prints one
JSON line per instance: {"file", "iterations", "timeMs", "msPerIter", "relError"}.
usage: python3 dpr_numpy.py [--repeat N] [--fit F] FILE.safetensors ...
--fit F: stop once 2 f <= F ||b||^2 (default 1e-28, a float64 exact fit; 2**-40 is the float32
solver's own exact-fit level, for a comparison at equal accuracy)."""
import json, struct, sys, time
import numpy as np

def read_safetensors(path):
    raw = open(path, 'rb').read()
    (n,) = struct.unpack('<Q', raw[:8])
    header = json.loads(raw[8:8 + n])
    out = {}
    for name, t in header.items():
        if name == '__metadata__':
            continue
        b, e = t['data_offsets']
        dt = {'F64': '<f8', 'F32': '<f4'}[t['dtype']]
        out[name] = np.frombuffer(raw[8 + n + b: 8 + n + e], dtype=dt).reshape(t['shape']).astype(np.float64)
    return out

def solve(A, Ws, b, x, max_iters=500, tol=1e-10, fit=1e-28):
    def forward(x):
        masks, h = [], x
        for W in Ws:
            z = W @ h
            m = z > 0
            masks.append(m)
            h = z * m
        return h, masks
    def f_of(x):
        y, _ = forward(x)
        return 0.5 * np.sum((np.abs(A @ y) - b) ** 2)
    # rescale the start so that ||A G(x)|| = ||b|| (G is positively homogeneous)
    y, _ = forward(x)
    nz = np.linalg.norm(A @ y)
    if nz > 0:
        x = x * (np.linalg.norm(b) / nz)
    y, masks = forward(x)
    z = A @ y
    f = 0.5 * np.sum((np.abs(z) - b) ** 2)
    nb2 = b @ b
    it = 0
    prev, last_alpha = None, 0.0  # x and v of the previous iteration (None after a negation)
    for it in range(1, max_iters + 1):
        fneg = f_of(-x)
        if fneg < f:
            x = -x
            y, masks = forward(x)
            z = A @ y
            f = 0.5 * np.sum((np.abs(z) - b) ** 2)
            prev = None
        r = np.sign(z) * (np.abs(z) - b)
        g = A.T @ r
        for W, m in zip(reversed(Ws), reversed(masks)):
            g = W.T @ (g * m)
        v = g
        alpha = 0.0
        if prev is not None:
            s, yv = x - prev[0], v - prev[1]
            sy = s @ yv
            alpha = (s @ s) / sy if sy > 0 else 0.0
        prev = (x, v)
        if not alpha > 0:
            Jv = v
            for W, m in zip(Ws, masks):
                Jv = (W @ Jv) * m
            AJv = A @ Jv
            den = AJv @ AJv
            alpha = (v @ v) / den if den > 0 else 0.0
        if last_alpha > 0:
            alpha = min(alpha, 4 * last_alpha)
        for _ in range(31):
            xc = x - alpha * v
            yc, mc = forward(xc)
            zc = A @ yc
            fc = 0.5 * np.sum((np.abs(zc) - b) ** 2)
            if fc <= f or alpha == 0:
                break
            alpha /= 2
        last_alpha = alpha
        change = alpha * np.linalg.norm(v) / max(np.linalg.norm(x), 1e-300)
        x, y, masks, z, f = xc, yc, mc, zc, fc
        if change <= tol or 2 * f <= fit * nb2:
            break
    return x, y, it

def main():
    args = sys.argv[1:]
    repeat, fit = 1, 1e-28
    while args and args[0] in ('--repeat', '--fit'):
        if args[0] == '--repeat':
            repeat = int(args[1])
        else:
            fit = float(args[1])
        args = args[2:]
    for path in args:
        t = read_safetensors(path)
        A, b = t['A'], t['b']
        Ws = [t[f'W{i}'] for i in range(1, 100) if f'W{i}' in t]
        x0 = t['x0']
        y0 = x0
        for W in Ws:
            y0 = np.maximum(W @ y0, 0)
        rng = np.random.default_rng(0)
        start = rng.standard_normal(Ws[0].shape[1])
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            x, y, it = solve(A, Ws, b, start.copy(), fit=fit)
            times.append((time.perf_counter() - t0) * 1e3)
        ms = float(np.median(times))
        print(json.dumps({'file': path, 'iterations': it, 'timeMs': ms, 'msPerIter': ms / max(it, 1),
                          'relError': float(np.linalg.norm(y - y0) / np.linalg.norm(y0))}))

if __name__ == '__main__':
    main()
