import { describe, expect, it } from 'vitest';
import { ArgumentError, Rng, createBackend, mat, nrm2 } from '@dpr/linalg';
import { MlpGenerator, ReluNetwork } from '../src/index.js';
import { describeGenerator } from './generator-conformance.js';

describeGenerator('ReluNetwork 4-30-50', () => ReluNetwork.random({ dims: [4, 30, 50], seed: 1 }));
describeGenerator('ReluNetwork 3-8-9-20 fan-in', () => ReluNetwork.random({ dims: [3, 8, 9, 20], seed: 2, scale: 'fan-in' }));
describeGenerator('MlpDecoder softplus/sigmoid with biases', () => {
  const rng = new Rng(5);
  return new MlpGenerator([
    { W: rng.gaussianVec(12 * 5, 0.5), inDim: 5, outDim: 12, bias: rng.gaussianVec(12, 0.1), activation: 'softplus' },
    { W: rng.gaussianVec(12 * 12, 0.3), inDim: 12, outDim: 12, bias: rng.gaussianVec(12, 0.1), activation: 'tanh' },
    { W: rng.gaussianVec(30 * 12, 0.3), inDim: 12, outDim: 30, bias: rng.gaussianVec(30, 0.1), activation: 'sigmoid' },
  ]);
});
describeGenerator('MlpDecoder leaky-relu/identity', () => {
  const rng = new Rng(6);
  return new MlpGenerator([
    { W: rng.gaussianVec(15 * 4), inDim: 4, outDim: 15, activation: 'leaky-relu', leakySlope: 0.2 },
    { W: rng.gaussianVec(7 * 15), inDim: 15, outDim: 7, activation: 'identity' },
  ]);
});

describe('ReluNetwork', () => {
  it('matches a hand computation and uses mask 0 at exactly 0', () => {
    // W1 = [[1, 0], [0, 1], [1, -1]], W2 = [[1, 1, 1]]
    const G = new ReluNetwork([[1, 0, 0, 1, 1, -1], [1, 1, 1]], [2, 3, 1]);
    expect(Array.from(G.forward(new Float64Array([2, 1])))).toEqual([4]); // relu([2,1,1]) summed
    const lin = G.linearize(new Float64Array([1, 1])); // z1 = [1, 1, 0] -> mask [1, 1, 0]
    expect(Array.from(lin.derivatives[0]!)).toEqual([1, 1, 0]);
    expect(Array.from(lin.vjp(new Float64Array([1])))).toEqual([1, 1]);
  });

  it('is reproducible from a seed and scales fan-in weights by 1/sqrt(n_i)', () => {
    const a = ReluNetwork.random({ dims: [2, 4000], seed: 3 });
    const b = ReluNetwork.random({ dims: [2, 4000], seed: 3 });
    const c = ReluNetwork.random({ dims: [2, 4000], seed: 3, scale: 'fan-in' });
    expect(Array.from(a.weights(1))).toEqual(Array.from(b.weights(1)));
    const rms = (w: Float64Array) => Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
    expect(rms(a.weights(1))).toBeCloseTo(1, 1);
    expect(rms(c.weights(1)) * Math.sqrt(4000)).toBeCloseTo(1, 1);
  });

  it('rejects bad architectures', () => {
    expect(() => ReluNetwork.random({ dims: [3], seed: 1 })).toThrow(ArgumentError);
    expect(() => ReluNetwork.random({ dims: [3, 0], seed: 1 })).toThrow(/dims\[1\]/);
    expect(() => new ReluNetwork([[1, 2]], [2, 2])).toThrow(/layers\[0\]/);
    expect(() => new MlpGenerator([{ W: [1], inDim: 1, outDim: 1, activation: 'cube' as never }])).toThrow(/activation/);
  });
});

describe('resident pass on wasm (fused float32 kernels)', () => {
  it('matches the float64 js backend forward / vjp / jvp with biases and masks', async () => {
    const wasm = await createBackend('wasm');
    const rng = new Rng(7);
    const layers = [
      { W: rng.gaussianVec(40 * 6), inDim: 6, outDim: 40, bias: rng.gaussianVec(40, 0.1), activation: 'relu' as const },
      { W: rng.gaussianVec(30 * 40, 0.2), inDim: 40, outDim: 30, bias: rng.gaussianVec(30, 0.1), activation: 'softplus' as const },
    ];
    const ref = new MlpGenerator(layers), G = new MlpGenerator(layers, { backend: wasm });
    const R = 3, X = mat(6, R, rng.gaussianVec(6 * R)), V = mat(30, R, rng.gaussianVec(30 * R)), U = mat(6, R, rng.gaussianVec(6 * R));
    const lin = ref.linearizeBatch(X);
    const pass = G.residentPass(5), p = pass.point();
    wasm.writeBatch(p.codes, X);
    pass.forward(p, R, true);
    const read = (B: Parameters<typeof wasm.readBatch>[0], rows: number) => wasm.readBatch(B, mat(rows, R)).data;
    const D = read(p.outputDerivative, 30);
    const Gb = wasm.batch(30, 5), Ub = wasm.batch(6, 5), out = wasm.batch(6, 5), JU = wasm.batch(30, 5);
    wasm.writeBatch(Gb, mat(30, R, V.data.map((v, i) => v * D[i]!)));
    wasm.writeBatch(Ub, U);
    pass.vjpScaled(p, Gb, out, R);
    pass.jvp(p, Ub, JU, R);
    const close = (a: Float64Array, b: Float64Array) => expect(nrm2(a.map((v, i) => v - b[i]!))).toBeLessThanOrEqual(1e-5 * nrm2(b));
    close(read(p.output, 30), lin.value.data);
    close(read(out, 6), lin.vjp(V).data);
    close(read(JU, 30), lin.jvp(U).data);
    pass.dispose();
    wasm.dispose();
  });
});
