/**
 * A user's measurement matrix from safetensors bytes. Convention: a real A is one tensor `A`
 * [m, n]; a complex A is two tensors of one shape, `A_re` [m, n] (real parts) and `A_im` [m, n]
 * (imaginary parts), row-major, any float dtype the reader accepts (safetensors has no complex
 * dtype, so the parts are stored apart; this is also the split layout of `@dpr/linalg`'s CMat).
 */
import { ArgumentError, ComplexDenseOperator, DenseOperator, JsBackend, Rng, type Backend } from '@dpr/linalg';
import { SafetensorsError, readSafetensors, requireTensor, writeSafetensors } from '@dpr/generative-prior';

/** The dense real or complex operator stored in `bytes` (see the module comment). */
export function readMeasurementMatrix(bytes: Uint8Array | undefined, dtype: 'real' | 'complex', backend: Backend = new JsBackend()): DenseOperator | ComplexDenseOperator {
  if (!(bytes instanceof Uint8Array)) throw new ArgumentError('file', 'the bytes of a safetensors file with the measurement matrix', bytes);
  const file = readSafetensors(bytes);
  if (dtype === 'real') {
    const A = requireTensor(file, 'A', [-1, -1]);
    return DenseOperator.fromArray(backend, A.data, A.shape[0]!, A.shape[1]!);
  }
  const re = requireTensor(file, 'A_re', [-1, -1]);
  const im = requireTensor(file, 'A_im', [-1, -1]);
  if (re.shape[0] !== im.shape[0] || re.shape[1] !== im.shape[1]) throw new SafetensorsError(`expected the shape of A_re, [${re.shape.join(', ')}], got [${im.shape.join(', ')}]`, 'A_im');
  return ComplexDenseOperator.fromArrays(backend, re.data, im.data, re.shape[0]!, re.shape[1]!);
}

/** Safetensors bytes of a seeded Gaussian m × n matrix in the convention above (examples and tests). */
export function exampleMatrixFile(m: number, n: number, seed: number, dtype: 'real' | 'complex'): Uint8Array {
  const rng = new Rng(seed);
  const tensor = () => ({ dtype: 'F64' as const, shape: [m, n], data: rng.gaussianVec(m * n) });
  return writeSafetensors(dtype === 'real' ? { A: tensor() } : { A_re: tensor(), A_im: tensor() });
}
