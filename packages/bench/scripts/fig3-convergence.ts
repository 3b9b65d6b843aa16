/**
 * How Figure 3's image baselines converge: per-pixel error of the figure's value (the run with the
 * lowest measurement residual among R seeded runs, as `recoverImage` keeps it) against the
 * iteration cap, for GS, Fienup (non-negative HIO) and WF on MNIST test images, with the products
 * in float64 on the host or in float32 on the wasm backend. One long run per seeded start gives
 * the figure's value at every cap up to `--iters` (a run capped at C is the first C iterations of
 * a longer one), so the cap the figure uses can be read off.
 *
 *   node --conditions=source --import tsx packages/bench/scripts/fig3-convergence.ts \
 *     --methods fienup,gerchberg-saxton,wirtinger-flow --images 0,7 --ms 200,1000,2000 \
 *     --restarts 3 --iters 3000 --products backend
 *
 * Prints one JSON line per (method, image, m): the caps, the figure's per-pixel error and
 * residual at each cap, and the wall time of the runs.
 */
import { parseArgs } from 'node:util';
import { selectBackend } from '@dpr/linalg';
import { imageAt, loadDataset } from '@dpr/datasets';
import { gaussianMeasurements, magnitudes, measurementResidual, perPixelError, recoverImage, type ProductPrecision } from '@dpr/phase-retrieval';
import { fig3Seed } from '@dpr/experiments';

const { values } = parseArgs({
  options: { methods: { type: 'string' }, images: { type: 'string' }, ms: { type: 'string' }, restarts: { type: 'string' }, iters: { type: 'string' }, products: { type: 'string' } },
});
const list = (s: string | undefined, d: string) => (s ?? d).split(',');
const methods = list(values.methods, 'fienup,gerchberg-saxton,wirtinger-flow');
const images = list(values.images, '0,7').map(Number), ms = list(values.ms, '200,1000,2000').map(Number);
const R = Number(values.restarts ?? 3), iters = Number(values.iters ?? 3000);
const products = (values.products ?? 'backend') as ProductPrecision;
const caps = [25, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000].filter((c) => c <= iters);

const backend = await selectBackend({ backend: 'wasm' });
const test = loadDataset('mnist').test;
for (const method of methods) {
  for (const image of images) {
    for (const m of ms) {
      const truth = imageAt(test, image), seed = fig3Seed(m, image);
      const A = gaussianMeasurements({ m, n: truth.length, seed, scale: 'inverse-m', backend });
      const b = magnitudes(A, truth);
      // runs[r][c]: the sign-fixed estimate's residual and per-pixel error at caps[c]; finals[r]: at its last iterate
      const runs: Array<Array<{ residual: number; error: number }>> = [], finals: Array<{ residual: number; error: number }> = [];
      let run = -1, last = 0;
      const snapshot = (y: ArrayLike<number>) => {
        const v = Float64Array.from(y);
        if (v.reduce((s, t) => s + t, 0) < 0) for (let i = 0; i < v.length; i++) v[i] = -v[i]!;
        return { residual: measurementResidual(A, v, b), error: perPixelError(v, truth) };
      };
      const t0 = performance.now();
      const r = recoverImage({
        algorithm: method, A, b, height: 28, width: 28, seed, restarts: R, maxIters: iters, products,
        onIteration(info) {
          if (info.iteration <= last || run < 0) runs[++run] = [];
          last = info.iteration;
          const v = snapshot(info.current().estimate);
          finals[run] = v;
          if (caps.includes(info.iteration)) runs[run]!.push(v);
        },
      });
      const wallS = (performance.now() - t0) / 1000;
      // a run that stopped before a cap keeps its final value there (recoverImage's own residual ranks it)
      const figure = caps.map((_, c) => {
        let best: { residual: number; error: number } | undefined;
        for (const [i, rr] of runs.entries()) {
          const v = rr[c] ?? finals[i];
          if (v && (!best || v.residual < best.residual)) best = v;
        }
        return best!;
      });
      console.log(JSON.stringify({
        method, image, m, products, restarts: R, caps,
        error: figure.map((v) => Number(v.error.toPrecision(4))), residual: figure.map((v) => Number(v.residual.toPrecision(4))),
        final: { error: Number(perPixelError(r.estimate, truth).toPrecision(4)), iterations: r.iterations, stopReason: r.stopReason }, wallS: Number(wallS.toFixed(1)),
      }));
      A.dispose();
    }
  }
}
backend.dispose();
