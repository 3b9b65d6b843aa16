/**
 * Times the full-size DCGAN generator (PyTorch tutorial: k = 100 → 3 × 64 × 64) on a backend:
 *   node --conditions=source --import tsx packages/bench/scripts/dcgan-timing.ts [wasm|js] [reps]
 * (from the repository root). Prints the median of `reps` (default 5) runs of one forward, one
 * linearize (forward keeping the activation pattern), one VJP and one JVP, plus a batched forward
 * of 8 codes, after one warm-up run each.
 */
import { createBackend, Rng, mat, type BackendName } from '@dpr/linalg';
import { DcganGenerator } from '@dpr/generative-prior';

const name = (process.argv[2] ?? 'wasm') as BackendName;
const reps = Number(process.argv[3] ?? 5);
const backend = await createBackend(name);
const t0 = performance.now();
const G = DcganGenerator.random({ seed: 1, backend, calibrationSamples: Number(process.env["DCGAN_CALIBRATION"] ?? 0) });
const out = (line: string) => process.stdout.write(`${line}\n`);
out(`backend ${backend.description}; k = ${G.latentDim}, n = ${G.outputDim} (${G.imageShape.join('×')}); init ${(performance.now() - t0).toFixed(0)} ms`);
const rng = new Rng(2);
const x = rng.gaussianVec(G.latentDim), v = rng.gaussianVec(G.outputDim), u = rng.gaussianVec(G.latentDim);
const time = (label: string, f: () => unknown) => {
  f();
  const ts: number[] = [];
  for (let i = 0; i < reps; i++) {
    const s = performance.now();
    f();
    ts.push(performance.now() - s);
  }
  ts.sort((a, b) => a - b);
  out(`${label.padEnd(22)} median ${ts[Math.floor(ts.length / 2)]!.toFixed(1)} ms (min ${ts[0]!.toFixed(1)}, max ${ts[ts.length - 1]!.toFixed(1)})`);
};
time('forward', () => G.forward(x));
time('linearize', () => G.linearize(x));
const lin = G.linearize(x);
time('vjp', () => lin.vjp(v));
time('jvp', () => lin.jvp(u));
const X = mat(G.latentDim, 8, rng.gaussianVec(G.latentDim * 8));
time('forwardBatch (R = 8)', () => G.forwardBatch(X));
const y = G.forward(x);
let s = 0, s2 = 0;
for (const t of y) {
  s += t;
  s2 += t * t;
}
out(`output mean ${(s / y.length).toExponential(2)}, rms ${Math.sqrt(s2 / y.length).toExponential(2)}`);
G.dispose();
backend.dispose();
