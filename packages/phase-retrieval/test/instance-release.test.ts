/**
 * The builders of instances and operators free what they put on the backend when they fail half
 * way (an m or shape the model rejects, a malformed file): a long-lived process (the browser lab, a
 * sweep worker) that keeps making bad requests must not grow its backend's memory. Checked on the
 * wasm backend, whose memory only grows: N failed builds use the memory of one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '@dpr/linalg';
import { memoryAfterFailures, type MeasuredBackend } from '@dpr/test-support';
import { writeSafetensors } from '@dpr/generative-prior';
import { InstanceCache, complexSignalInstance, createMeasurements, exampleMatrixFile, gaussianPriorInstance, measuredPriorInstance, readInstance, writeInstance } from '../src/index.js';

let backend: MeasuredBackend;
beforeAll(async () => {
  backend = await createBackend('wasm', { threads: 1 });
});
afterAll(() => backend.dispose());

/** A 400 × 400 A (640 kB in float32) and a 5-200-400 prior: a leak of either shows in a few calls. */
const dims = [5, 200, 400];

describe('failed builds free what they put on the backend', () => {
  it('measuredPriorInstance: an m the CDP model rejects frees the prior', () => {
    const { first, last } = memoryAfterFailures(backend, 8, /fixed by 'cdp'/, () => measuredPriorInstance({ dims, measurement: 'cdp:2', m: 7, seed: 1, backend }));
    expect(last).toBe(first);
  });

  it('measuredPriorInstance: a dense model without m frees the prior', () => {
    const { first, last } = memoryAfterFailures(backend, 8, /needed by 'gaussian'/, () => measuredPriorInstance({ dims, measurement: 'gaussian', seed: 1, backend }));
    expect(last).toBe(first);
  });

  it('complexSignalInstance: a real model frees its operator', () => {
    const { first, last } = memoryAfterFailures(backend, 8, /a complex measurement model/, () => complexSignalInstance({ measurement: 'gaussian', n: 400, m: 400, seed: 1, backend }));
    expect(last).toBe(first);
  });

  it('gaussianPriorInstance: a bad m frees the prior (and leaves a cache its entries)', () => {
    const { first, last } = memoryAfterFailures(backend, 8, /positive integer number of measurements/, () => gaussianPriorInstance({ dims, m: 0, seed: 1, backend }));
    expect(last).toBe(first);
    const cache = new InstanceCache(2);
    expect(() => gaussianPriorInstance({ dims, m: 0, seed: 1, backend, cache })).toThrow(/positive integer/);
    const { problem } = gaussianPriorInstance({ dims, m: 40, seed: 1, backend, cache }); // the cached prior is still usable
    expect(problem.prior.forward(new Float64Array(5).fill(1))).toHaveLength(400);
    cache.clear();
  });

  it('a matrix file whose n does not fit frees the matrix read onto the backend', () => {
    const file = exampleMatrixFile(400, 400, 1, 'real'), complexFile = exampleMatrixFile(400, 400, 1, 'complex');
    const real = memoryAfterFailures(backend, 8, /columns of the file's matrix/, () => createMeasurements('matrix', { file, n: 399, seed: 0, backend }));
    expect(real.last).toBe(real.first);
    const complex = memoryAfterFailures(backend, 8, /columns of the file's matrix/, () => createMeasurements('complex-matrix', { file: complexFile, n: 399, seed: 0, backend }));
    expect(complex.last).toBe(complex.first);
  });

  it('readInstance: a malformed instance file frees A and the prior', () => {
    const inst = gaussianPriorInstance({ dims, m: 400, seed: 2, backend });
    const good = writeInstance(inst.problem, inst.x0);
    inst.problem.A.dispose();
    inst.problem.prior.dispose();
    const A = { dtype: 'F64' as const, shape: [400, 400], data: new Float64Array(400 * 400).fill(0.01) };
    const noB = memoryAfterFailures(backend, 8, /give the measurements 'b'/, () => readInstance(writeSafetensors({ A }), backend));
    expect(noB.last).toBe(noB.first);
    // W1, W2 read as a prior, then a wrong x0: both A and the prior are freed
    const tensors = { ...readTensors(good), x0: { dtype: 'F64' as const, shape: [4], data: new Float64Array(4) } };
    const badX0 = memoryAfterFailures(backend, 8, /tensor 'x0'/, () => readInstance(writeSafetensors(tensors), backend));
    expect(badX0.last).toBe(badX0.first);
  });
});

/** The tensors of an instance file except `x0` and `b`. */
function readTensors(bytes: Uint8Array) {
  const { problem } = readInstance(bytes, backend);
  const out: Record<string, { dtype: 'F64'; shape: number[]; data: Float64Array }> = {
    A: { dtype: 'F64', shape: [problem.A.outputDim, problem.A.inputDim], data: problem.A.matrix.toFloat64Array() },
  };
  const G = problem.prior as unknown as { dims: number[]; weights(i: number): Float64Array };
  for (let i = 1; i < G.dims.length; i++) out[`W${i}`] = { dtype: 'F64', shape: [G.dims[i]!, G.dims[i - 1]!], data: G.weights(i) };
  problem.A.dispose();
  problem.prior!.dispose();
  return out;
}
