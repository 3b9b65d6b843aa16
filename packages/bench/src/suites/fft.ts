/**
 * The FFT suite of `dpr bench fft`: milliseconds per transform of the in-repo FFT (`@dpr/linalg`
 * FftPlan/Fft2Plan on split float64 buffers) in its two implementations, the wasm one that plans
 * use by default (`dpr`: mixed radix 2/3/4/5 and odd radices, f64x2 SIMD, Bluestein for large
 * prime factors) and the TypeScript fallback (`dpr-js`: radix-2, Bluestein otherwise), then of the
 * CDP operator built on it, each beside numpy's pocketfft (complex128, `scripts/numpy_fft.py`)
 * in the same run, as ratios.
 */
import { Fft2Plan, FftPlan, Rng, measure, type FftImplementation } from '@dpr/linalg';
import { createMeasurements } from '@dpr/phase-retrieval';
import { machineDescription } from '../machine.js';
import { runNumpyScript } from '../numpy.js';
import { table, type Suite } from '../suite.js';

/** One measured case. */
export interface FftBenchRecord {
  case: string;
  /** `dpr` (the default plan: wasm), `dpr-js` (the TypeScript fallback) or `numpy`. */
  implementation: string;
  medianMs: number;
}

const CASES = [
  { id: '1d:4096', label: '1-D 4096 = 2^12' },
  { id: '1d:4095', label: '1-D 4095 = 3^2·5·7·13' },
  { id: '1d:4099', label: '1-D 4099 (prime)' },
  { id: '2d:64x64', label: '2-D 64x64' },
  { id: '2d:100x100', label: '2-D 100x100 (2^2·5^2)' },
  { id: '2d:128x128', label: '2-D 128x128 (fourier:2 of 64x64)' },
  { id: '2d:97x97', label: '2-D 97x97 (prime)' },
] as const;

const IMPLEMENTATIONS: readonly { name: string; implementation: FftImplementation }[] = [
  { name: 'dpr', implementation: 'wasm' },
  { name: 'dpr-js', implementation: 'js' },
];

/** Median ms of one forward transform of a fresh copy of the input (numpy's fft copies its input too). */
function timeCase(id: string, implementation: FftImplementation): { ms: number; algorithm: string } {
  const [kind, size] = id.split(':') as [string, string];
  const dims = size.split('x').map(Number);
  const n = dims.reduce((a, d) => a * d, 1);
  const rng = new Rng(1);
  const xr = rng.gaussianVec(n), xi = rng.gaussianVec(n);
  const re = new Float64Array(n), im = new Float64Array(n);
  const plan = kind === '1d' ? new FftPlan(n, { implementation }) : new Fft2Plan(dims[0]!, dims[1]!, { implementation });
  const ms = measure(() => {
    re.set(xr);
    im.set(xi);
    plan.forward(re, im);
  }).medianMs;
  return { ms, algorithm: plan.algorithm };
}

export const fftSuite: Suite = {
  options: [],
  async run(_options, log) {
    const records: FftBenchRecord[] = [];
    const np = runNumpyScript<{ case: string; medianMs: number }>('numpy_fft.py', CASES.map((c) => c.id), log) ?? [];
    const rows: string[][] = [];
    for (const c of CASES) {
      const ours = IMPLEMENTATIONS.map(({ name, implementation }) => {
        const { ms, algorithm } = timeCase(c.id, implementation);
        records.push({ case: c.id, implementation: name, medianMs: ms });
        log(`  ${c.label}, ${name} (${algorithm}): ${ms.toFixed(4)} ms per transform`);
        return { ms, algorithm };
      });
      const ref = np.find((r) => r.case === c.id)?.medianMs;
      if (ref !== undefined) records.push({ case: c.id, implementation: 'numpy', medianMs: ref });
      const ratio = (ms: number) => (ref === undefined ? '-' : (ms / ref).toFixed(2));
      const [wasm, js] = ours as [{ ms: number; algorithm: string }, { ms: number; algorithm: string }];
      rows.push([c.label, `${wasm.ms.toFixed(4)} (${wasm.algorithm})`, `${js.ms.toFixed(4)} (${js.algorithm})`, ref === undefined ? '-' : ref.toFixed(4), ratio(wasm.ms), ratio(js.ms)]);
    }
    // the CDP operator (L = 6 masks, 64x64): one forward and one adjoint product, default plan
    const A = createMeasurements('cdp:6', { n: 4096, shape: [64, 64], seed: 1 });
    const x = new Rng(2).gaussianVec(A.inputDim);
    const y = A.apply(x);
    const fwd = measure(() => A.apply(x, y)).medianMs, adj = measure(() => A.adjoint(y, x)).medianMs;
    records.push({ case: 'cdp:6 64x64 apply', implementation: 'dpr', medianMs: fwd }, { case: 'cdp:6 64x64 adjoint', implementation: 'dpr', medianMs: adj });
    log(`  cdp:6 on 64x64: apply ${fwd.toFixed(3)} ms, adjoint ${adj.toFixed(3)} ms`);
    rows.push(['CDP, L = 6, 64x64: A y (one batch of 6 2-D FFTs)', fwd.toFixed(3), '-', '-', '-', '-']);
    rows.push(['CDP, L = 6, 64x64: Aᴴ z (one batch of 6 inverse 2-D FFTs)', adj.toFixed(3), '-', '-', '-', '-']);
    const markdown = `## FFT (the CDP and Fourier operators)

Command: \`pnpm --silent dpr bench fft\`. Machine: ${machineDescription()}. Date: ${new Date().toISOString().slice(0, 10)}.
The FFT plans of \`@dpr/linalg\` (\`FftPlan\`/\`Fft2Plan\`, split float64 buffers, in place) in both implementations, \`dpr\` (the default: the wasm FFT of \`assembly-fft/\`, Stockham passes of radix 4, 2, 3, 5 and any odd radix on f64x2 SIMD, Bluestein on a 2·3·5-smooth length for large prime factors; 2-D as a batch of row transforms, then column passes on whole rows) and \`dpr-js\` (the TypeScript fallback for runtimes without WebAssembly SIMD: radix-2, Bluestein otherwise), against numpy's pocketfft (complex128, \`packages/bench/scripts/numpy_fft.py\`) in the same run. Median ms per forward transform of a fresh copy of the input (the copy included, as numpy's fft copies its input into a new array; 3 warm-up calls, then calls for 300 ms), with the algorithm each plan chose.

${table(['transform', 'dpr ms', 'dpr-js ms', 'numpy ms', 'dpr / numpy', 'dpr-js / numpy'], rows)}`;
    return { records, markdown };
  },
};
