/**
 * Problem instances as safetensors files, so users bring their own data and results can be compared
 * with other implementations on identical instances. Tensors (row-major, `y = W x`):
 * `A` [m, n]; for a generative prior `W1` [n1, k], `W2` [n2, n1], … (bias-free ReLU net) and the
 * truth `x0` [k] and/or the measurements `b` [m]; for a plain signal `y0` [n] and/or `b` [m].
 * When `b` is absent it is computed as |A y0|; when present it is used as given.
 */
import { DenseOperator, JsBackend, type Backend, type Vec } from '@dpr/linalg';
import { ReluNetwork, SafetensorsError, readSafetensors, requireTensor, writeSafetensors, type Tensor } from '@dpr/generative-prior';
import { magnitudes } from './measurements/gaussian.js';
import type { Problem } from './problem.js';
import { buildOwning } from './owned-parts.js';

/** A problem read from a file, with its latent truth when known. */
export interface LoadedInstance {
  /** The problem; A is the file's dense matrix on the backend (dispose it, and the prior, when done). */
  problem: Problem & { A: DenseOperator };
  x0?: Vec;
}

/**
 * Build a problem from safetensors bytes (see the module comment for the tensor names). The caller
 * owns `problem.A` and `problem.prior` and disposes them; when the file is malformed the parts
 * already put on the backend are freed before the error propagates.
 */
export function readInstance(bytes: Uint8Array, backend: Backend = new JsBackend()): LoadedInstance {
  const file = readSafetensors(bytes);
  const A = requireTensor(file, 'A', [-1, -1]);
  const [m, n] = A.shape as [number, number];
  return buildOwning((own) => {
    const op = own(DenseOperator.fromArray(backend, A.data, m, n));
    const weights: Tensor[] = [];
    for (let i = 1; file.tensors.has(`W${i}`); i++) weights.push(requireTensor(file, `W${i}`, [-1, -1]));
    let prior: ReluNetwork | undefined;
    let truth: Vec | undefined;
    let x0: Vec | undefined;
    if (weights.length > 0) {
      const dims = [weights[0]!.shape[1]!];
      weights.forEach((W, i) => {
        if (W.shape[1] !== dims[i]) throw new SafetensorsError(`expected ${dims[i]} columns (rows of W${i}), got ${W.shape[1]}`, `W${i + 1}`);
        dims.push(W.shape[0]!);
      });
      if (dims[dims.length - 1] !== n) throw new SafetensorsError(`output dimension ${dims[dims.length - 1]} does not match A's ${n} columns`, `W${weights.length}`);
      prior = own(new ReluNetwork(weights.map((W) => W.data), dims, backend));
      if (file.tensors.has('x0')) {
        x0 = requireTensor(file, 'x0', [dims[0]!]).data;
        truth = prior.forward(x0);
      }
    } else if (file.tensors.has('y0')) {
      truth = requireTensor(file, 'y0', [n]).data;
    }
    let b: Vec;
    if (file.tensors.has('b')) b = requireTensor(file, 'b', [m]).data;
    else if (truth) b = magnitudes(op, truth);
    else throw new SafetensorsError(`missing: give the measurements 'b' [${m}] or the truth ('x0' with W1.., or 'y0')`, 'b');
    return { problem: { A: op, b, ...(prior ? { prior } : {}), ...(truth ? { truth } : {}) }, ...(x0 ? { x0 } : {}) };
  });
}

/** Serialise a problem (A as F64; prior weights only for {@link ReluNetwork} priors). */
export function writeInstance(problem: Problem & { A: DenseOperator }, x0?: Vec): Uint8Array {
  const tensors: Record<string, Tensor> = {
    A: { dtype: 'F64', shape: [problem.A.outputDim, problem.A.inputDim], data: problem.A.matrix.toFloat64Array() },
    b: { dtype: 'F64', shape: [problem.b.length], data: problem.b },
  };
  if (problem.prior instanceof ReluNetwork) {
    const dims = problem.prior.dims;
    for (let i = 1; i < dims.length; i++) tensors[`W${i}`] = { dtype: 'F64', shape: [dims[i]!, dims[i - 1]!], data: problem.prior.weights(i) };
    if (x0) tensors['x0'] = { dtype: 'F64', shape: [x0.length], data: x0 };
  } else if (problem.truth) {
    tensors['y0'] = { dtype: 'F64', shape: [problem.truth.length], data: problem.truth };
  }
  return writeSafetensors(tensors, { format: 'dpr-instance' });
}
