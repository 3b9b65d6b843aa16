/**
 * G's layers as fused products on batches resident on the generator's backend
 * (`Backend.product`): the forward pass writes each layer's σ(W h + c) and σ'(W h + c) in the same
 * call as the product, and the Jacobian maps apply the frozen σ' as the epilogue of the product
 * that produces it, so every matrix is read once per pass and nothing goes through the host. Used
 * by solver loops that keep many latent codes resident for a whole solve (DPR).
 */
import { ArgumentError, type Backend, type ResidentBatch } from '@dpr/linalg';
import type { DenseLayer } from './layers/dense.js';

/** The batches of one batch of linearisation points: each layer's output and σ'. */
export interface ResidentPoint {
  /** Latent codes, latentDim × capacity (write them with `backend.writeBatch`). */
  readonly codes: ResidentBatch;
  /** G of the codes, outputDim × capacity (the last layer's output). */
  readonly output: ResidentBatch;
  /** The last layer's σ'(z_d), outputDim × capacity (filled by a forward pass with `keep`). */
  readonly outputDerivative: ResidentBatch;
}

/** G on resident batches of up to `capacity` codes (see the module comment). */
export interface ResidentPass {
  readonly backend: Backend;
  readonly capacity: number;
  /** A fresh set of batches for one batch of points. */
  point(): ResidentPoint;
  /** The first `count` columns of `p.output` ← G(p.codes); σ' of every layer kept when `keep`. */
  forward(p: ResidentPoint, count: number, keep: boolean): void;
  /**
   * out (latentDim × ≥ count) ← Jᵀ of the first `count` columns of `G`, where G (outputDim ×
   * capacity) is already multiplied by the last layer's σ' (`p.outputDerivative`, applied by the
   * caller as the epilogue of the product that made G).
   */
  vjpScaled(p: ResidentPoint, G: ResidentBatch, out: ResidentBatch, count: number): void;
  /** out (outputDim × ≥ count) ← J U for the first `count` columns of U (latentDim × capacity). */
  jvp(p: ResidentPoint, U: ResidentBatch, out: ResidentBatch, count: number): void;
  /** Frees every batch this pass created (its points included). */
  dispose(): void;
}

interface Point extends ResidentPoint {
  readonly hidden: ResidentBatch[];
  readonly derivatives: ResidentBatch[];
}

/** A resident pass over dense layers (weights and activations as they are now; biases uploaded once). */
export function denseResidentPass(backend: Backend, layers: readonly DenseLayer[], capacity: number): ResidentPass {
  if (!Number.isSafeInteger(capacity) || capacity < 1) throw new ArgumentError('capacity', 'a positive integer', capacity);
  const owned: ResidentBatch[] = [];
  const batch = (rows: number, cols: number) => {
    const b = backend.batch(rows, cols);
    owned.push(b);
    return b;
  };
  const biases = layers.map((l) => {
    if (!l.bias) return undefined;
    const b = batch(l.outDim, 1);
    backend.writeBatch(b, { rows: l.outDim, cols: 1, data: l.bias });
    return b;
  });
  // one scratch batch per inner layer, shared by the backward and tangent passes
  const scratch = layers.slice(0, -1).map((l) => batch(l.outDim, capacity));
  const d = layers.length;
  const k = layers[0]!.inDim, n = layers[d - 1]!.outDim;
  const check = (name: string, B: ResidentBatch, rows: number, count: number) => {
    if (B.rows !== rows || B.cols < count) throw new ArgumentError(name, `a batch of ${rows} rows and at least ${count} columns`, `${B.rows} × ${B.cols}`);
  };
  const checkCount = (count: number) => {
    if (!Number.isSafeInteger(count) || count < 1 || count > capacity) throw new ArgumentError('count', `an integer in 1..${capacity}`, count);
  };
  /** Checks a product's count, input batch (`name`, `rows` rows) and output batch before it runs. */
  const enter = (p: ResidentPoint, name: string, X: ResidentBatch, rows: number, out: ResidentBatch, outRows: number, count: number): Point => {
    checkCount(count);
    check(name, X, rows, count);
    check('out', out, outRows, count);
    return p as Point;
  };
  return {
    backend,
    capacity,
    point(): Point {
      const hidden = layers.map((l) => batch(l.outDim, capacity));
      const derivatives = layers.map((l) => batch(l.outDim, capacity));
      return { codes: batch(k, capacity), output: hidden[d - 1]!, outputDerivative: derivatives[d - 1]!, hidden, derivatives };
    },
    forward(p, count, keep) {
      checkCount(count);
      const q = p as Point;
      let H = q.codes;
      layers.forEach((l, i) => {
        const bias = biases[i];
        backend.product(false, l.W, H, q.hidden[i]!, { kind: 'activation', activation: l.act, ...(bias ? { bias } : {}), ...(keep ? { derivative: q.derivatives[i]! } : {}) }, count);
        H = q.hidden[i]!;
      });
    },
    vjpScaled(p, G, out, count) {
      const q = enter(p, 'G', G, n, out, k, count);
      let X = G;
      for (let i = d - 1; i >= 1; i--) {
        backend.product(true, layers[i]!.W, X, scratch[i - 1]!, { kind: 'scale', by: q.derivatives[i - 1]! }, count);
        X = scratch[i - 1]!;
      }
      backend.product(true, layers[0]!.W, X, out, undefined, count);
    },
    jvp(p, U, out, count) {
      const q = enter(p, 'U', U, k, out, n, count);
      let X = U;
      layers.forEach((l, i) => {
        const Y = i === d - 1 ? out : scratch[i]!;
        backend.product(false, l.W, X, Y, { kind: 'scale', by: q.derivatives[i]! }, count);
        X = Y;
      });
    },
    dispose() {
      for (const b of owned) b.dispose();
      owned.length = 0;
    },
  };
}
