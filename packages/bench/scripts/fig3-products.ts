/**
 * Figure 3's pixel baselines with their products in float64 on the host and in float32 on the
 * wasm backend, on part of the grid: the full figure's trials (its caps, 10 runs, the kept run by
 * residual) for the given images and m values, one JSON line per trial with both per-pixel errors.
 *
 *   node --conditions=source --import tsx packages/bench/scripts/fig3-products.ts \
 *     --images 0,1 --ms 25,50,100,200,500,1000,1500,2000,3000 --methods fienup,gerchberg-saxton,wirtinger-flow
 */
import { parseArgs } from 'node:util';
import { fig3Config, fig3Seed, fig3State, fig3Trial, type Fig3Config } from '@dpr/experiments';

const { values } = parseArgs({ options: { images: { type: 'string' }, ms: { type: 'string' }, methods: { type: 'string' } } });
const full = fig3Config(false);
const images = (values.images ?? '0,1').split(',').map(Number);
const ms = values.ms ? values.ms.split(',').map(Number) : full.ms;
const methods = (values.methods ?? 'fienup,gerchberg-saxton,wirtinger-flow').split(',');
const configs: Record<string, Fig3Config> = { float64: { ...full, baselineProducts: 'float64' }, backend: { ...full, baselineProducts: 'backend' } };
const state = await fig3State(full);
for (const m of ms) {
  for (const image of images) {
    for (const method of methods) {
      const out: Record<string, unknown> = { method, m, image };
      for (const [name, config] of Object.entries(configs)) {
        const r = fig3Trial({ method, m, image }, fig3Seed(m, image), config, state);
        out[name] = { perPixelError: r['perPixelError'], iterations: r['iterations'], stopReason: r['stopReason'], solveS: Number(((r['solveMs'] as number) / 1000).toFixed(2)) };
      }
      console.log(JSON.stringify(out));
    }
  }
}
state.cache?.clear();
state.prior.dispose();
state.encoder.dispose();
state.backend.dispose();
