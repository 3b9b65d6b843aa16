/**
 * The checks of `dpr theory` as one call each, on seeded random networks or on weights from a
 * safetensors file (`W1, W2, …` row-major [n_i, n_{i−1}], chained; `A` [m, n] for RRCP). Each
 * returns the setup it ran on (`source`) with the result; printing is the caller's.
 */
import { ArgumentError, DenseOperator, JsBackend, deriveSeed, type Backend, type Vec } from '@dpr/linalg';
import { ReluNetwork, SafetensorsError, readSafetensors, requireTensor } from '@dpr/generative-prior';
import { gaussianMeasurements, gaussianPriorInstance, magnitudes } from '@dpr/phase-retrieval';
import { descentCertificate } from './descent.js';
import { rrcp, type RrcpResult } from './rrcp.js';
import { wdcNetwork, type WdcNetworkResult } from './wdc.js';

/**
 * W1, W2, … (and A when `needA`) of a safetensors file as a ReLU network (and an operator) on
 * `backend`; the caller owns both and disposes them. A malformed file leaves nothing on the backend.
 */
export function reluNetworkFromSafetensors(bytes: Uint8Array, needA: boolean, backend: Backend = new JsBackend()): { G: ReluNetwork; A?: DenseOperator } {
  const st = readSafetensors(bytes);
  const Ws = [];
  for (let i = 1; st.tensors.has(`W${i}`); i++) Ws.push(requireTensor(st, `W${i}`, [-1, -1]));
  if (Ws.length === 0) throw new SafetensorsError(`no tensors W1, W2, ... (present: ${[...st.tensors.keys()].join(', ') || 'none'})`);
  const dims = [Ws[0]!.shape[1]!];
  Ws.forEach((W, i) => {
    if (W.shape[1] !== dims[i]) throw new SafetensorsError(`expected ${dims[i]} columns (the rows of W${i}), got ${W.shape[1]}`, `W${i + 1}`);
    dims.push(W.shape[0]!);
  });
  const A = needA ? requireTensor(st, 'A', [-1, dims[dims.length - 1]!]) : undefined; // checked before anything is uploaded
  const G = new ReluNetwork(Ws.map((W) => W.data), dims, backend);
  if (!A) return { G };
  try {
    return { G, A: DenseOperator.fromArray(backend, A.data, A.shape[0]!, A.shape[1]!) };
  } catch (e) {
    G.dispose();
    throw e;
  }
}

function checkDims(dims: readonly number[]): void {
  if (dims.length < 2) throw new ArgumentError('dims', 'at least two widths k,n1[,...]', dims.join(','));
}

/** Options of {@link runWdcCheck}: a weights file, or a seeded random net. */
export interface WdcCheckOptions {
  weights?: Uint8Array;
  /** Name of the weights file (for `source`). */
  weightsName?: string;
  dims?: readonly number[];
  scale?: 'fan-in' | 'unit';
  seed?: number;
  pairs?: number;
  search?: number;
}

/** The WDC constants of every layer. */
export function runWdcCheck(o: WdcCheckOptions): { source: string } & WdcNetworkResult {
  const seed = o.seed ?? 1;
  let G: ReluNetwork, source: string;
  if (o.weights) {
    G = reluNetworkFromSafetensors(o.weights, false).G;
    source = o.weightsName ?? 'weights';
  } else {
    const dims = o.dims ?? [10, 500, 1000], scale = o.scale ?? 'fan-in';
    checkDims(dims);
    G = ReluNetwork.random({ dims, seed: deriveSeed(seed, 1), scale });
    source = `random ReLU net ${dims.join('-')} (${scale === 'fan-in' ? 'N(0, 1/n_i)' : 'N(0, 1)'} weights, seed ${seed})`;
  }
  return { source, ...wdcNetwork(G, { seed, pairs: o.pairs ?? 100, search: o.search ?? 200 }) };
}

/** Options of {@link runRrcpCheck}. */
export interface RrcpCheckOptions {
  weights?: Uint8Array;
  weightsName?: string;
  dims?: readonly number[];
  m?: number;
  seed?: number;
  pairs?: number;
  search?: number;
}

/** The RRCP quantity of A over the range of G. */
export function runRrcpCheck(o: RrcpCheckOptions): { source: string } & RrcpResult {
  const seed = o.seed ?? 1;
  let G: ReluNetwork, A: DenseOperator, source: string;
  if (o.weights) {
    const w = reluNetworkFromSafetensors(o.weights, true);
    G = w.G;
    A = w.A!;
    source = o.weightsName ?? 'weights';
  } else {
    const dims = o.dims ?? [10, 500, 1000], m = o.m ?? 1000;
    checkDims(dims);
    G = ReluNetwork.random({ dims, seed: deriveSeed(seed, 1), scale: 'fan-in' });
    A = gaussianMeasurements({ m, n: G.outputDim, seed: deriveSeed(seed, 2), scale: 'inverse-m' });
    source = `A iid N(0, 1/m), m = ${m}, random ReLU net ${dims.join('-')} (N(0, 1/n_i), seed ${seed})`;
  }
  return { source, ...rrcp(A, G, { seed, pairs: o.pairs ?? 40, search: o.search ?? 200 }) };
}

/** Options of {@link runDescentCheck}. */
export interface DescentCheckOptions {
  dims?: readonly number[];
  m?: number;
  /** The true latent code (default e_1). */
  x0?: Vec;
  seed?: number;
  radius?: number;
  extent?: number;
  grid?: number;
  samples?: number;
  backend?: Backend;
}

/** The descent certificate (Theorem 2) on a seeded Section 4.1-like instance. */
export function runDescentCheck(o: DescentCheckOptions) {
  const seed = o.seed ?? 1, dims = o.dims ?? [2, 500, 1000], m = o.m ?? 1000;
  checkDims(dims);
  const k = dims[0]!;
  const x0 = o.x0 ?? Float64Array.from({ length: k }, (_, i) => (i === 0 ? 1 : 0));
  if (x0.length !== k) throw new ArgumentError('x0', `${k} numbers (k = ${k})`, x0.length);
  const backend = o.backend ?? new JsBackend();
  const { problem } = gaussianPriorInstance({ dims, m, seed, backend });
  const b: Vec = magnitudes(problem.A, problem.prior.forward(x0));
  try {
    const certificate = descentCertificate({ ...problem, b }, { x0, radius: o.radius ?? 0.1, extent: o.extent ?? 2, gridSize: o.grid ?? 201, samples: o.samples ?? 20000, seed });
    return { setup: { dims, m, seed, x0, backend: backend.name, weights: 'N(0, 1)', measurements: 'N(0, 1)' }, certificate };
  } finally {
    problem.prior.dispose();
    problem.A.dispose();
  }
}
