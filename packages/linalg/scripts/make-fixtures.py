"""Regenerates test/fixtures/blas-fixtures.json: small BLAS cases with exact expected outputs
(integer / dyadic entries, so every precision reproduces them exactly), computed with Python's
exact fractions, independent of the TypeScript reference."""
import json
from fractions import Fraction as F

def gemv(trans, alpha, A, m, n, x, beta, y):
    out = []
    for i in range(n if trans else m):
        s = sum(F(A[j*n+i] if trans else A[i*n+j]) * F(x[j]) for j in range(m if trans else n))
        out.append(float(F(alpha)*s + (F(beta)*F(y[i]) if beta else 0)))
    return out

def gemm(trans, alpha, A, m, n, B, p, beta, C):
    rows, inner = (n, m) if trans else (m, n)
    out = []
    for i in range(rows):
        for j in range(p):
            s = sum(F(A[l*n+i] if trans else A[i*n+l]) * F(B[l*p+j]) for l in range(inner))
            out.append(float(F(alpha)*s + (F(beta)*F(C[i*p+j]) if beta else 0)))
    return out

def seq(k, start=1, mod=7):
    return [((start + 2*i) % mod) - mod//2 for i in range(k)]

gv = []
for name, trans, alpha, beta, m, n in [
    ("2x3 identity-scaled", False, 1, 0, 2, 3), ("2x3 transposed", True, 1, 0, 2, 3),
    ("5x4 alpha=2 beta=-1", False, 2, -1, 5, 4), ("5x4 transposed alpha=0.5 beta=0.25", True, 0.5, 0.25, 5, 4),
    ("1x1", False, 3, 2, 1, 1), ("9x5 odd sizes", False, -1.5, 0, 9, 5), ("6x11 transposed", True, 1, 1, 6, 11)]:
    A = seq(m*n, 2, 9); x = seq(m if trans else n, 1, 5); y = seq(n if trans else m, 4, 3)
    gv.append(dict(name=name, trans=trans, alpha=alpha, beta=beta, m=m, n=n, A=A, x=x, y=y,
                   expected=gemv(trans, alpha, A, m, n, x, beta, y)))
gm = []
for name, trans, alpha, beta, m, n, p in [
    ("2x3 by 3x2", False, 1, 0, 2, 3, 2), ("3x2 transposed by 3x4", True, 1, 0, 3, 2, 4),
    ("4x5 by 5x3 alpha=2 beta=0.5", False, 2, 0.5, 4, 5, 3), ("5x4 transposed alpha=-1 beta=1", True, -1, 1, 5, 4, 2)]:
    A = seq(m*n, 3, 7); inner = m if trans else n; rows = n if trans else m
    B = seq(inner*p, 1, 5); C = seq(rows*p, 2, 3)
    gm.append(dict(name=name, trans=trans, alpha=alpha, beta=beta, m=m, n=n, p=p, A=A, B=B, C=C,
                   expected=gemm(trans, alpha, A, m, n, B, p, beta, C)))
json.dump(dict(gemv=gv, gemm=gm), open("test/fixtures/blas-fixtures.json", "w"), separators=(",", ":"))
