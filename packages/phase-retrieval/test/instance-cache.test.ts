import { describe, expect, it } from 'vitest';
import { ArgumentError, JsBackend } from '@dpr/linalg';
import { InstanceCache, gaussianPriorInstance, sparseInstance } from '../src/index.js';

class Part {
  disposed = 0;
  constructor(readonly id: string) {}
  dispose(): void {
    this.disposed++;
  }
}

describe('InstanceCache', () => {
  it('builds once per key, keeps the most recently used entries and disposes what it evicts or clears', () => {
    const cache = new InstanceCache(2);
    let builds = 0;
    const get = (k: string) => cache.get(k, () => (builds++, new Part(k)));
    const a = get('a');
    expect(get('a')).toBe(a);
    const b = get('b');
    get('a'); // a is now the most recent: c evicts b
    const c = get('c');
    expect(builds).toBe(3);
    expect([a.disposed, b.disposed, c.disposed]).toEqual([0, 1, 0]);
    expect(cache.size).toBe(2);
    cache.clear();
    expect([a.disposed, b.disposed, c.disposed]).toEqual([1, 1, 1]);
    expect(cache.size).toBe(0);
    expect(() => new InstanceCache(0)).toThrow(ArgumentError);
  });

  it('keeps both parts of a prior instance live: a cache of one entry is refused there, fine for sparse instances', () => {
    const backend = new JsBackend();
    // with one entry, building A would evict and dispose the G that the same instance holds
    const one = new InstanceCache(1);
    expect(() => gaussianPriorInstance({ dims: [3, 20, 40], m: 30, seed: 1, backend, cache: one })).toThrow(/cache.*at least 2/);
    expect(one.size).toBe(0);
    const sparse = sparseInstance({ n: 40, m: 30, sparsity: 3, seed: 1, backend, cache: one }).problem;
    expect(sparseInstance({ n: 40, m: 30, sparsity: 5, seed: 1, backend, cache: one }).problem.A).toBe(sparse.A);
    const cache = new InstanceCache(2);
    for (const seed of [1, 2, 1]) {
      const { problem, x0 } = gaussianPriorInstance({ dims: [3, 20, 40], m: 30, seed, backend, cache });
      expect(problem.A.matrix.disposed).toBe(false);
      expect(Array.from(problem.prior.forward(x0))).toEqual(Array.from(problem.truth));
    }
  });

  it('gives the same instances as building them afresh, sharing A between the series of one seed', () => {
    const backend = new JsBackend();
    const cache = new InstanceCache(3);
    const plain = sparseInstance({ n: 40, m: 30, sparsity: 3, seed: 9, backend }).problem;
    const s3 = sparseInstance({ n: 40, m: 30, sparsity: 3, seed: 9, backend, cache }).problem;
    const s5 = sparseInstance({ n: 40, m: 30, sparsity: 5, seed: 9, backend, cache }).problem;
    expect(s5.A).toBe(s3.A);
    expect(Array.from(s3.A.matrix.toFloat64Array())).toEqual(Array.from(plain.A.matrix.toFloat64Array()));
    expect(Array.from(s3.b)).toEqual(Array.from(plain.b));
    const fresh = gaussianPriorInstance({ dims: [3, 20, 40], m: 30, seed: 9, backend }).problem;
    const shared = gaussianPriorInstance({ dims: [3, 20, 40], m: 30, seed: 9, backend, cache }).problem;
    expect(shared.A).toBe(s3.A); // the same seeded A as the sparse series at this (m, n, seed)
    expect(gaussianPriorInstance({ dims: [3, 20, 40], m: 30, seed: 9, backend, cache }).problem.prior).toBe(shared.prior);
    expect(Array.from(shared.b)).toEqual(Array.from(fresh.b));
    expect(Array.from(shared.truth)).toEqual(Array.from(fresh.truth));
    // another seed or another backend object is another entry
    expect(sparseInstance({ n: 40, m: 30, sparsity: 3, seed: 10, backend, cache }).problem.A).not.toBe(s3.A);
    expect(sparseInstance({ n: 40, m: 30, sparsity: 3, seed: 9, backend: new JsBackend(), cache }).problem.A).not.toBe(s3.A);
  });
});
