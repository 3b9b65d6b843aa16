import { describe, expect, it } from 'vitest';
import { ArgumentError, JsBackend, Rng, ShapeError, dot, mat, nrm2 } from '@dpr/linalg';
import {
  ConvTranspose2d,
  DCGAN_TUTORIAL_ARCHITECTURE,
  DcganGenerator,
  SafetensorsError,
  convTransposeOutputSize,
  readSafetensors,
  writeSafetensors,
  type DcganArchitecture,
  type DcganLayerWeights,
  type Tensor,
} from '../src/index.js';
import { describeGenerator } from './generator-conformance.js';

describeGenerator('DcganGenerator tiny (nz 4, ngf 2, nc 3, 2 blocks, wide init)', () =>
  DcganGenerator.random({ seed: 1, nz: 4, ngf: 2, nc: 3, blocks: 2, weightStd: 0.5, gammaStd: 0.3, maxBatchGroup: 2 }),
);
describeGenerator('DcganGenerator tiny (nz 5, ngf 3, nc 1, 1 block, DCGAN init, calibrated BN)', () =>
  DcganGenerator.random({ seed: 2, nz: 5, ngf: 3, nc: 1, blocks: 1, calibrationSamples: 16 }),
);

/** Direct loop formula of PyTorch's conv_transpose2d (no bias), CHW input, weight [Ci, Co, K, K]. */
function convTransposeDirect(x: ArrayLike<number>, w: ArrayLike<number>, Ci: number, Co: number, K: number, s: number, p: number, H: number, W: number): Float64Array {
  const Ho = (H - 1) * s - 2 * p + K, Wo = (W - 1) * s - 2 * p + K;
  const y = new Float64Array(Co * Ho * Wo);
  for (let co = 0; co < Co; co++) {
    for (let oy = 0; oy < Ho; oy++) {
      for (let ox = 0; ox < Wo; ox++) {
        let acc = 0;
        for (let ci = 0; ci < Ci; ci++) {
          for (let iy = 0; iy < H; iy++) {
            for (let ix = 0; ix < W; ix++) {
              const ky = oy + p - iy * s, kx = ox + p - ix * s;
              if (ky < 0 || ky >= K || kx < 0 || kx >= K) continue;
              acc += x[(ci * H + iy) * W + ix]! * w[((ci * Co + co) * K + ky) * K + kx]!;
            }
          }
        }
        y[(co * Ho + oy) * Wo + ox] = acc;
      }
    }
  }
  return y;
}

/** The unfolded eval-mode DCGAN forward: convT → γ(z − μ)/√(σ² + ε) + β → ReLU, last convT → tanh. */
function dcganDirect(arch: DcganArchitecture, layers: readonly DcganLayerWeights[], x: Float64Array, eps = 1e-5): Float64Array {
  let h: Float64Array = x, C = arch.nz, S = 1;
  layers.forEach((l, i) => {
    const first = i === 0, Co = i === arch.blocks ? arch.nc : arch.ngf * 2 ** (arch.blocks - 1 - i);
    const z = convTransposeDirect(h, l.weight, C, Co, 4, first ? 1 : 2, first ? 0 : 1, S, S);
    const So = first ? 4 : 2 * S, P = So * So;
    for (let c = 0; c < Co; c++) {
      for (let j = c * P; j < (c + 1) * P; j++) {
        let v = z[j]! + (l.bias ? l.bias[c]! : 0);
        if (l.batchNorm) {
          const bn = l.batchNorm;
          v = (bn.weight[c]! * (v - bn.runningMean[c]!)) / Math.sqrt(bn.runningVar[c]! + eps) + bn.bias[c]!;
          z[j] = Math.max(0, v);
        } else z[j] = Math.tanh(v);
      }
    }
    h = z;
    C = Co;
    S = So;
  });
  return h;
}

/** Random weights with non-trivial batch-norm statistics (and optionally conv biases). */
function randomLayers(arch: DcganArchitecture, seed: number, withBias = false): DcganLayerWeights[] {
  const rng = new Rng(seed);
  const layers: DcganLayerWeights[] = [];
  let Ci = arch.nz;
  for (let i = 0; i <= arch.blocks; i++) {
    const Co = i === arch.blocks ? arch.nc : arch.ngf * 2 ** (arch.blocks - 1 - i);
    const l: DcganLayerWeights = { weight: rng.gaussianVec(Ci * Co * 16, 0.4) };
    if (withBias) l.bias = rng.gaussianVec(Co, 0.2);
    if (i < arch.blocks) {
      l.batchNorm = {
        weight: rng.gaussianVec(Co, 0.3).map((v) => 1 + v),
        bias: rng.gaussianVec(Co, 0.2),
        runningMean: rng.gaussianVec(Co, 0.3),
        runningVar: rng.uniformVec(Co).map((v) => 0.2 + 2 * v),
      };
    }
    layers.push(l);
    Ci = Co;
  }
  return layers;
}

/** The PyTorch state_dict of those layers (F64 so the round trip is exact). */
function stateDict(layers: readonly DcganLayerWeights[], arch: DcganArchitecture, dtype: 'F32' | 'F64' = 'F64'): Map<string, Tensor> {
  const m = new Map<string, Tensor>();
  let Ci = arch.nz;
  layers.forEach((l, i) => {
    const Co = i === arch.blocks ? arch.nc : arch.ngf * 2 ** (arch.blocks - 1 - i);
    m.set(`main.${3 * i}.weight`, { dtype, shape: [Ci, Co, 4, 4], data: Float64Array.from(l.weight) });
    if (l.bias) m.set(`main.${3 * i}.bias`, { dtype, shape: [Co], data: Float64Array.from(l.bias) });
    if (l.batchNorm) {
      const b = l.batchNorm;
      m.set(`main.${3 * i + 1}.weight`, { dtype, shape: [Co], data: Float64Array.from(b.weight) });
      m.set(`main.${3 * i + 1}.bias`, { dtype, shape: [Co], data: Float64Array.from(b.bias) });
      m.set(`main.${3 * i + 1}.running_mean`, { dtype, shape: [Co], data: Float64Array.from(b.runningMean) });
      m.set(`main.${3 * i + 1}.running_var`, { dtype, shape: [Co], data: Float64Array.from(b.runningVar) });
    }
    Ci = Co;
  });
  return m;
}

/** Append scalar I64 tensors (as PyTorch writes `num_batches_tracked`) to a safetensors file. */
function withI64(bytes: Uint8Array, names: readonly string[]): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = Number(view.getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + len))) as Record<string, unknown>;
  const dataLen = bytes.length - 8 - len;
  names.forEach((n, i) => (header[n] = { dtype: 'I64', shape: [], data_offsets: [dataLen + 8 * i, dataLen + 8 * i + 8] }));
  const hb = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + hb.length + dataLen + 8 * names.length);
  const ov = new DataView(out.buffer);
  ov.setBigUint64(0, BigInt(hb.length), true);
  out.set(hb, 8);
  out.set(bytes.subarray(8 + len), 8 + hb.length);
  names.forEach((_, i) => ov.setBigInt64(8 + hb.length + dataLen + 8 * i, 12345n, true));
  return out;
}

const closeTo = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number) => {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  expect(worst).toBeLessThanOrEqual(tol);
};

describe('ConvTranspose2d', () => {
  const backend = new JsBackend();

  it('matches a hand computation: 2×2 input, all-ones 4×4 kernel, stride 2, padding 1 → 4×4', () => {
    expect(convTransposeOutputSize(2, 4, 2, 1)).toBe(4); // (H − 1)·2 − 2 + 4 = 2H
    expect(convTransposeOutputSize(32, 4, 2, 1)).toBe(64);
    expect(convTransposeOutputSize(1, 4, 1, 0)).toBe(4);
    const conv = new ConvTranspose2d(backend, new Float64Array(16).fill(1), { inChannels: 1, outChannels: 1, kernel: 4, stride: 2, padding: 1, inHeight: 2, inWidth: 2 });
    expect([conv.outHeight, conv.outWidth]).toEqual([4, 4]);
    // Output row/column 0 sees input index {0}, 1 and 2 see {0, 1}, 3 sees {1}.
    expect(Array.from(conv.apply(new Float64Array([1, 2, 3, 4])))).toEqual([1, 3, 3, 2, 4, 10, 10, 6, 4, 10, 10, 6, 3, 7, 7, 4]);
    // A single tap: w[0, 0, ky, kx] = 1 only at (ky, kx) = (1, 2) puts x[iy, ix] at (2iy − 1 + 1, 2ix − 1 + 2).
    const w = new Float64Array(16);
    w[1 * 4 + 2] = 1;
    const tap = new ConvTranspose2d(backend, w, { inChannels: 1, outChannels: 1, kernel: 4, stride: 2, padding: 1, inHeight: 2, inWidth: 2 });
    expect(Array.from(tap.apply(new Float64Array([1, 2, 3, 4])))).toEqual([0, 1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4, 0, 0, 0, 0]);
  });

  it('equals the direct loop formula for several shapes, batched in layout C × R × H × W, and its adjoint is the transpose', () => {
    const rng = new Rng(3);
    for (const [Ci, Co, s, p, H, W] of [[3, 2, 2, 1, 2, 2], [4, 5, 1, 0, 1, 1], [2, 3, 2, 1, 3, 5], [2, 2, 3, 2, 4, 3], [1, 2, 1, 1, 3, 3]] as const) {
      const conv = new ConvTranspose2d(backend, rng.gaussianVec(Ci * Co * 16), { inChannels: Ci, outChannels: Co, kernel: 4, stride: s, padding: p, inHeight: H, inWidth: W });
      const wt = conv.weight();
      const R = 3;
      const xs = Array.from({ length: R }, () => rng.gaussianVec(Ci * H * W));
      const xb = new Float64Array(Ci * R * H * W);
      xs.forEach((x, r) => {
        for (let c = 0; c < Ci; c++) xb.set(x.subarray(c * H * W, (c + 1) * H * W), (c * R + r) * H * W);
      });
      const yb = conv.apply(xb, R);
      const P = conv.outHeight * conv.outWidth;
      xs.forEach((x, r) => {
        const want = convTransposeDirect(x, wt, Ci, Co, 4, s, p, H, W);
        closeTo(conv.apply(x), want, 1e-12);
        for (let c = 0; c < Co; c++) closeTo(yb.subarray((c * R + r) * P, (c * R + r + 1) * P), want.subarray(c * P, (c + 1) * P), 1e-12);
      });
      const x = rng.gaussianVec(conv.inSize), y = rng.gaussianVec(conv.outSize);
      expect(dot(conv.apply(x), y)).toBeCloseTo(dot(x, conv.adjoint(y)), 10);
      const yB = rng.gaussianVec(conv.outSize * R);
      expect(dot(yb, yB)).toBeCloseTo(dot(xb, conv.adjoint(yB, R)), 10);
    }
  });

  it('rejects bad shapes with typed errors', () => {
    const shape = { inChannels: 2, outChannels: 1, kernel: 4, stride: 2, padding: 1, inHeight: 2, inWidth: 2 };
    expect(() => new ConvTranspose2d(backend, new Float64Array(31), shape)).toThrow(ShapeError);
    expect(() => new ConvTranspose2d(backend, new Float64Array(32), { ...shape, stride: 0 })).toThrow(/stride/);
    expect(() => new ConvTranspose2d(backend, new Float64Array(32), { ...shape, padding: 3, inHeight: 1 })).toThrow(/padding/);
    const conv = new ConvTranspose2d(backend, new Float64Array(32), shape);
    expect(() => conv.apply(new Float64Array(7))).toThrow(ShapeError);
    expect(() => conv.adjoint(new Float64Array(16), 2)).toThrow(ShapeError);
  });
});

describe('DcganGenerator', () => {
  const tiny: DcganArchitecture = { nz: 3, ngf: 2, nc: 3, blocks: 2 };

  it('has the tutorial architecture by default: k = 100 → 3 × 64 × 64 with the PyTorch state_dict names', () => {
    const shapes = DcganGenerator.stateDictShapes();
    expect([...shapes.entries()]).toEqual([
      ['main.0.weight', [100, 512, 4, 4]],
      ['main.1.weight', [512]], ['main.1.bias', [512]], ['main.1.running_mean', [512]], ['main.1.running_var', [512]],
      ['main.3.weight', [512, 256, 4, 4]],
      ['main.4.weight', [256]], ['main.4.bias', [256]], ['main.4.running_mean', [256]], ['main.4.running_var', [256]],
      ['main.6.weight', [256, 128, 4, 4]],
      ['main.7.weight', [128]], ['main.7.bias', [128]], ['main.7.running_mean', [128]], ['main.7.running_var', [128]],
      ['main.9.weight', [128, 64, 4, 4]],
      ['main.10.weight', [64]], ['main.10.bias', [64]], ['main.10.running_mean', [64]], ['main.10.running_var', [64]],
      ['main.12.weight', [64, 3, 4, 4]],
    ]);
    expect(DCGAN_TUTORIAL_ARCHITECTURE).toEqual({ nz: 100, ngf: 64, nc: 3, blocks: 4 });
  });

  it('runs at full size (k = 100 → n = 12288) with outputs in (−1, 1)', () => {
    const G = DcganGenerator.random({ seed: 7, calibrationSamples: 4 });
    expect([G.latentDim, G.outputDim, G.positivelyHomogeneous]).toEqual([100, 12288, false]);
    expect(G.imageShape).toEqual([3, 64, 64]);
    const lin = G.linearize(new Rng(8).gaussianVec(100));
    expect(lin.value.length).toBe(12288);
    expect(lin.value.every((v) => Math.abs(v) < 1)).toBe(true);
    expect(lin.derivatives.map((d) => d.length)).toEqual([512 * 16, 256 * 64, 128 * 256, 64 * 1024, 3 * 4096]);
    // calibrated batch norm keeps the image at a visible contrast
    expect(nrm2(lin.value) / Math.sqrt(12288)).toBeGreaterThan(0.05);
    expect(lin.vjp(lin.value).length).toBe(100);
    G.dispose();
  });

  it('equals the unfolded batch-norm formula (folded scale/shift), with and without convolution biases', () => {
    for (const withBias of [false, true]) {
      const layers = randomLayers(tiny, 11, withBias);
      const G = new DcganGenerator(tiny, layers, { eps: 1e-3 });
      const rng = new Rng(12);
      for (let t = 0; t < 3; t++) {
        const x = rng.gaussianVec(tiny.nz);
        closeTo(G.forward(x), dcganDirect(tiny, layers, x, 1e-3), 1e-12);
      }
      const { scale, shift } = G.foldedAffine(0);
      const bn = layers[0]!.batchNorm!;
      const a = bn.weight[1]! / Math.sqrt(bn.runningVar[1]! + 1e-3);
      expect(scale[1]).toBeCloseTo(a, 14);
      expect(shift[1]).toBeCloseTo(bn.bias[1]! - a * bn.runningMean[1]! + (withBias ? a * layers[0]!.bias![1]! : 0), 14);
    }
  });

  it('keeps ReLU masks 0 at exactly 0 and tanh derivatives 1 − G(x)²', () => {
    const G = DcganGenerator.random({ seed: 3, ...tiny, weightStd: 0.5 });
    const zero = G.linearize(new Float64Array(tiny.nz)); // β = μ = 0: every first-layer pre-activation is exactly 0
    expect(zero.derivatives[0]!.every((d) => d === 0)).toBe(true);
    expect(Array.from(zero.vjp(new Rng(1).gaussianVec(G.outputDim)))).toEqual([0, 0, 0]);
    const lin = G.linearize(new Rng(4).gaussianVec(tiny.nz));
    const last = lin.derivatives[lin.derivatives.length - 1]!;
    closeTo(last, lin.value.map((v) => 1 - v * v), 1e-15);
    expect(lin.derivatives[1]!.every((d) => d === 0 || d === 1)).toBe(true);
  });

  it('splits large batches into groups with the same results', () => {
    const a = DcganGenerator.random({ seed: 5, ...tiny, weightStd: 0.5 });
    const b = DcganGenerator.random({ seed: 5, ...tiny, weightStd: 0.5, maxBatchGroup: 2 });
    const rng = new Rng(6);
    const X = mat(tiny.nz, 5, rng.gaussianVec(tiny.nz * 5));
    const V = mat(a.outputDim, 5, rng.gaussianVec(a.outputDim * 5));
    expect(Array.from(b.forwardBatch(X).data)).toEqual(Array.from(a.forwardBatch(X).data));
    expect(Array.from(b.linearizeBatch(X).vjp(V).data)).toEqual(Array.from(a.linearizeBatch(X).vjp(V).data));
    expect(a.forwardBatch(mat(tiny.nz, 0)).data.length).toBe(0);
    expect(() => DcganGenerator.random({ seed: 1, ...tiny, maxBatchGroup: 0 })).toThrow(/maxBatchGroup/);
  });

  it('is reproducible from a seed and uses the DCGAN init (N(0, 0.02) weights, γ ~ N(1, 0.02), β = μ = 0, σ² = 1)', () => {
    const arch = { nz: 8, ngf: 16, nc: 3, blocks: 2 };
    const a = DcganGenerator.random({ seed: 9, ...arch }).stateDict('F64');
    const b = DcganGenerator.random({ seed: 9, ...arch }).stateDict('F64');
    expect(Array.from(a.get('main.3.weight')!.data)).toEqual(Array.from(b.get('main.3.weight')!.data));
    const w = a.get('main.3.weight')!.data;
    expect(Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length)).toBeCloseTo(0.02, 3);
    const g = a.get('main.1.weight')!.data;
    expect(g.reduce((s, v) => s + v, 0) / g.length).toBeCloseTo(1, 1);
    expect(a.get('main.1.bias')!.data.every((v) => v === 0)).toBe(true);
    expect(a.get('main.4.running_mean')!.data.every((v) => v === 0)).toBe(true);
    expect(a.get('main.4.running_var')!.data.every((v) => v === 1)).toBe(true);
  });

  describe('safetensors', () => {
    const layers = randomLayers(tiny, 21);
    const reference = new DcganGenerator(tiny, layers);
    const xs = Array.from({ length: 3 }, (_, i) => new Rng(30 + i).gaussianVec(tiny.nz));
    const counters = ['main.1.num_batches_tracked', 'main.4.num_batches_tracked'];

    it('round-trips a PyTorch state_dict with the exact names, including I64 num_batches_tracked', () => {
      const bytes = withI64(writeSafetensors(stateDict(layers, tiny)), counters);
      expect(() => readSafetensors(bytes)).toThrow(/num_batches_tracked/); // the reader itself is unchanged
      const G = DcganGenerator.fromSafetensors(bytes); // architecture inferred from the shapes
      expect(G.architecture).toEqual(tiny);
      for (const x of xs) {
        expect(Array.from(G.forward(x))).toEqual(Array.from(reference.forward(x)));
        closeTo(G.forward(x), dcganDirect(tiny, layers, x), 1e-12);
      }
      // a view with a non-zero byteOffset (as Node's pooled Buffers are)
      const shifted = new Uint8Array(bytes.length + 3).subarray(3);
      shifted.set(bytes);
      expect(Array.from(DcganGenerator.fromSafetensors(shifted).forward(xs[0]!))).toEqual(Array.from(reference.forward(xs[0]!)));
      // explicit architecture, F32 file, parsed-file input
      const f32 = DcganGenerator.fromSafetensors(readSafetensors(writeSafetensors(stateDict(layers, tiny, 'F32'))), { ...tiny });
      for (const x of xs) closeTo(f32.forward(x), reference.forward(x), 1e-5);
    });

    it('round-trips stateDict() and accepts the DataParallel prefix module.', () => {
      const G = DcganGenerator.random({ seed: 4, nz: 5, ngf: 3, nc: 1, blocks: 3, calibrationSamples: 8 });
      const sd = G.stateDict('F64');
      const H = DcganGenerator.fromSafetensors(writeSafetensors(sd));
      const x = new Rng(1).gaussianVec(5);
      expect(Array.from(H.forward(x))).toEqual(Array.from(G.forward(x)));
      const prefixed = new Map([...sd].map(([k, t]) => [`module.${k}`, t]));
      const P = DcganGenerator.fromSafetensors(withI64(writeSafetensors(prefixed), ['module.main.1.num_batches_tracked']));
      expect(Array.from(P.forward(x))).toEqual(Array.from(G.forward(x)));
    });

    it('loads optional convolution biases', () => {
      const withBias = randomLayers(tiny, 22, true);
      const G = DcganGenerator.fromSafetensors(writeSafetensors(stateDict(withBias, tiny)));
      closeTo(G.forward(xs[0]!), dcganDirect(tiny, withBias, xs[0]!), 1e-12);
    });

    const broken = (edit: (m: Map<string, Tensor>) => void): Uint8Array => {
      const m = stateDict(layers, tiny);
      edit(m);
      return writeSafetensors(m);
    };
    const tensorOf = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(SafetensorsError);
        return (e as SafetensorsError).tensor;
      }
      throw new Error('expected a SafetensorsError');
    };

    it('names the tensor on every shape mismatch, missing or unexpected tensor', () => {
      const t = (shape: number[]): Tensor => ({ dtype: 'F64', shape, data: new Float64Array(shape.reduce((a, b) => a * b, 1)) });
      expect(tensorOf(() => DcganGenerator.fromSafetensors(broken((m) => m.set('main.3.weight', t([4, 3, 4, 4])))))).toBe('main.3.weight');
      expect(tensorOf(() => DcganGenerator.fromSafetensors(broken((m) => m.set('main.3.weight', t([4, 2, 3, 3])))))).toBe('main.3.weight');
      expect(tensorOf(() => DcganGenerator.fromSafetensors(broken((m) => m.set('main.4.running_var', t([3])))))).toBe('main.4.running_var');
      expect(tensorOf(() => DcganGenerator.fromSafetensors(broken((m) => m.set('main.1.bias', t([4, 1])))))).toBe('main.1.bias');
      expect(tensorOf(() => DcganGenerator.fromSafetensors(broken((m) => m.delete('main.4.running_mean'))))).toBe('main.4.running_mean');
      expect(tensorOf(() => DcganGenerator.fromSafetensors(broken((m) => m.delete('main.0.weight'))))).toBe('main.0.weight');
      expect(tensorOf(() => DcganGenerator.fromSafetensors(broken((m) => m.set('main.7.weight', t([3])))))).toBe('main.7.weight');
      expect(tensorOf(() => DcganGenerator.fromSafetensors(broken((m) => m.set('main.0.bias', t([5])))))).toBe('main.0.bias');
      const negative = broken((m) => m.set('main.1.running_var', { dtype: 'F64', shape: [4], data: new Float64Array([1, -1, 1, 1]) }));
      expect(tensorOf(() => DcganGenerator.fromSafetensors(negative))).toBe('main.1.running_var');
      // explicit architecture that disagrees with the file
      const ok = writeSafetensors(stateDict(layers, tiny));
      expect(tensorOf(() => DcganGenerator.fromSafetensors(ok, { nz: 100 }))).toBe('main.0.weight');
      expect(tensorOf(() => DcganGenerator.fromSafetensors(ok, { ngf: 64 }))).toBe('main.0.weight');
      expect(tensorOf(() => DcganGenerator.fromSafetensors(ok, { blocks: 1 }))).toBe('main.4.bias');
      expect(tensorOf(() => DcganGenerator.fromSafetensors(ok, { blocks: 3 }))).toBe('main.9.weight');
      // the full-size expectations are named too
      expect(() => DcganGenerator.fromSafetensors(ok, { ...DCGAN_TUTORIAL_ARCHITECTURE })).toThrow(/main\.0\.weight.*\[100,512,4,4\]/);
      // I64 is skipped only for num_batches_tracked
      expect(tensorOf(() => DcganGenerator.fromSafetensors(withI64(ok, ['main.1.step'])))).toBe('main.1.step');
    });

    it('rejects bad explicit weights with typed errors', () => {
      expect(() => new DcganGenerator(tiny, layers.slice(0, 2))).toThrow(ShapeError);
      expect(() => new DcganGenerator(tiny, [{ ...layers[0]!, weight: new Float64Array(5) }, layers[1]!, layers[2]!])).toThrow(/layers\[0\]\.weight/);
      expect(() => new DcganGenerator(tiny, [{ weight: layers[0]!.weight }, layers[1]!, layers[2]!])).toThrow(/layers\[0\]\.batchNorm/);
      expect(() => new DcganGenerator(tiny, [layers[0]!, layers[1]!, { ...layers[2]!, batchNorm: layers[1]!.batchNorm! }])).toThrow(/layers\[2\]\.batchNorm/);
      expect(() => new DcganGenerator({ ...tiny, ngf: 0 }, layers)).toThrow(ArgumentError);
      expect(() => DcganGenerator.random({ seed: 1, blocks: 0 })).toThrow(/blocks/);
    });
  });
});
