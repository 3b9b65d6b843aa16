"""Seeded Section 4.1 instances written by numpy (not by the toolkit), for the acceptance
measurement of issue 12 (`node --conditions=source --import tsx packages/bench/scripts/dpr-vs-numpy.ts`):
k = 10, n1 = 500, n = 1000, W_i, A, x0 iid N(0, 1) from numpy.random.default_rng(seed),
b = |A relu(W2 relu(W1 x0))| in float64. Each file holds A [m, n], W1 [n1, k], W2 [n, n1], x0 [k]
and b [m] (F64 safetensors, the format `dpr solve --instance` reads).
usage: python3 dpr_instances.py OUTDIR [--count 25] [--m 200] [--first-seed 1]"""
import json, os, struct, sys
import numpy as np

def write_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, arr in tensors.items():
        raw = np.ascontiguousarray(arr, dtype='<f8').tobytes()
        header[name] = {'dtype': 'F64', 'shape': list(arr.shape), 'data_offsets': [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    header['__metadata__'] = {'format': 'dpr-instance', 'writer': 'dpr_instances.py'}
    h = json.dumps(header, separators=(',', ':')).encode()
    h += b' ' * (-len(h) % 8)
    tmp = path + '.tmp'
    with open(tmp, 'wb') as f:
        f.write(struct.pack('<Q', len(h)) + h + b''.join(blobs))
    os.replace(tmp, path)

def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    out, opts = args[0], dict(zip(args[1::2], args[2::2]))
    count, m, first = int(opts.get('--count', 25)), int(opts.get('--m', 200)), int(opts.get('--first-seed', 1))
    k, n1, n = 10, 500, 1000
    os.makedirs(out, exist_ok=True)
    for seed in range(first, first + count):
        rng = np.random.default_rng(seed)
        W1 = rng.standard_normal((n1, k))
        W2 = rng.standard_normal((n, n1))
        A = rng.standard_normal((m, n))
        x0 = rng.standard_normal(k)
        y0 = np.maximum(W2 @ np.maximum(W1 @ x0, 0), 0)
        b = np.abs(A @ y0)
        path = os.path.join(out, f'instance-{seed:03d}.safetensors')
        write_safetensors(path, {'A': A, 'W1': W1, 'W2': W2, 'x0': x0, 'b': b})
        print(path)

if __name__ == '__main__':
    main()
