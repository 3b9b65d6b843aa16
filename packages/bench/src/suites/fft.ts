/**
 * The FFT suite of `dpr bench fft`: milliseconds per transform of the in-repo FFT (`@dpr/linalg`
 * FftPlan/Fft2Plan: radix-2 for powers of two, Bluestein otherwise) on split float64 buffers, and
 * of the CDP operator built on it, each followed by numpy's pocketfft (complex128,
 * `scripts/numpy_fft.py`) in the same run, as a ratio.
 */
import { Fft2Plan, FftPlan, Rng, measure } from '@dpr/linalg';
import { createMeasurements } from '@dpr/phase-retrieval';
import { machineDescription } from '../machine.js';
import { runNumpyScript } from '../numpy.js';
import { table, type Suite } from '../suite.js';

/** One measured case. */
export interface FftBenchRecord {
  case: string;
  implementation: string;
  medianMs: number;
}

const CASES = [
  { id: '1d:4096', label: '1-D 4096 (radix-2)' },
  { id: '1d:4095', label: '1-D 4095 (Bluestein)' },
  { id: '2d:64x64', label: '2-D 64x64 (radix-2)' },
  { id: '2d:100x100', label: '2-D 100x100 (Bluestein)' },
] as const;

function timeCase(id: string): number {
  const [kind, size] = id.split(':') as [string, string];
  const dims = size.split('x').map(Number);
  const n = dims.reduce((a, d) => a * d, 1);
  const rng = new Rng(1);
  const re = rng.gaussianVec(n), im = rng.gaussianVec(n);
  const plan = kind === '1d' ? new FftPlan(n) : new Fft2Plan(dims[0]!, dims[1]!);
  // forward then inverse keeps the data bounded; half the pair is one transform
  return measure(() => {
    plan.forward(re, im);
    plan.inverse(re, im);
    for (let i = 0; i < n; i++) {
      re[i] = (re[i] as number) / n;
      im[i] = (im[i] as number) / n;
    }
  }).medianMs / 2;
}

export const fftSuite: Suite = {
  options: [],
  async run(_options, log) {
    const records: FftBenchRecord[] = [];
    const np = runNumpyScript<{ case: string; medianMs: number }>('numpy_fft.py', CASES.map((c) => c.id), log) ?? [];
    for (const c of CASES) {
      const ms = timeCase(c.id);
      records.push({ case: c.id, implementation: 'dpr', medianMs: ms });
      log(`  ${c.label}: ${ms.toFixed(4)} ms per transform`);
      const ref = np.find((r) => r.case === c.id);
      if (ref) records.push({ case: c.id, implementation: 'numpy', medianMs: ref.medianMs });
    }
    // the CDP operator (L = 6 masks, 64x64): one forward and one adjoint product
    const A = createMeasurements('cdp:6', { n: 4096, shape: [64, 64], seed: 1 });
    const x = new Rng(2).gaussianVec(A.inputDim);
    const y = A.apply(x);
    const fwd = measure(() => A.apply(x, y)).medianMs, adj = measure(() => A.adjoint(y, x)).medianMs;
    records.push({ case: 'cdp:6 64x64 apply', implementation: 'dpr', medianMs: fwd }, { case: 'cdp:6 64x64 adjoint', implementation: 'dpr', medianMs: adj });
    log(`  cdp:6 on 64x64: apply ${fwd.toFixed(3)} ms, adjoint ${adj.toFixed(3)} ms`);
    const rows = CASES.map((c) => {
      const ours = records.find((r) => r.case === c.id && r.implementation === 'dpr')!.medianMs;
      const ref = records.find((r) => r.case === c.id && r.implementation === 'numpy')?.medianMs;
      return [c.label, ours.toFixed(4), ref === undefined ? '-' : ref.toFixed(4), ref === undefined ? '-' : (ours / ref).toFixed(1)];
    });
    rows.push(['CDP, L = 6, 64x64: A y (6 2-D FFTs)', fwd.toFixed(3), '-', '-'], ['CDP, L = 6, 64x64: Aᴴ z (6 inverse 2-D FFTs)', adj.toFixed(3), '-', '-']);
    const markdown = `## FFT (the CDP and Fourier operators)\n\nCommand: \`pnpm --silent dpr bench fft\`. Machine: ${machineDescription()}. Date: ${new Date().toISOString().slice(0, 10)}.\nThe in-repo FFT of \`@dpr/linalg\` (\`FftPlan\`/\`Fft2Plan\`: iterative radix-2 with precomputed twiddles, Bluestein for other lengths; split float64 buffers, in place) against numpy's pocketfft (complex128, \`packages/bench/scripts/numpy_fft.py\`) in the same run. Median ms per complex transform (a forward + inverse pair halved; 3 warm-up calls, then calls for 300 ms).\n\n${table(['transform', 'dpr ms', 'numpy ms', 'dpr / numpy'], rows)}`;
    return { records, markdown };
  },
};
