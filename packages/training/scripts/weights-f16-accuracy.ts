/**
 * How much the F16 copy of a VAE changes it: decoder outputs G16(x) vs G32(x) on 1000 latents
 * x ~ N(0, I) (seed 0), and encoder means on the first 1000 test images of the dataset.
 *
 *   node --conditions=source --import tsx packages/training/scripts/weights-f16-accuracy.ts F32.safetensors F16.safetensors [mnist|fashion-mnist]
 */
import { readFileSync } from 'node:fs';
import { imageAt, loadDataset, type DatasetName } from '@dpr/datasets';
import { readSafetensors, vaeDecoderFromSafetensors, vaeEncoderMeanFromSafetensors } from '@dpr/generative-prior';
import { Rng } from '@dpr/linalg';

const [a, b, dataset = 'mnist'] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: weights-f16-accuracy.ts F32.safetensors F16.safetensors [mnist|fashion-mnist]');
  process.exit(2);
}
const [f32, f16] = [a, b].map((p) => readSafetensors(new Uint8Array(readFileSync(p))));
const [G32, G16] = [f32!, f16!].map((f) => vaeDecoderFromSafetensors(f));
const [E32, E16] = [f32!, f16!].map((f) => vaeEncoderMeanFromSafetensors(f));

function compare(label: string, pairs: Iterable<[Float64Array, Float64Array]>): void {
  let max = 0, sumAbs = 0, sumSq = 0, count = 0, rel = 0, n = 0;
  for (const [u, v] of pairs) {
    let d2 = 0, u2 = 0;
    for (let i = 0; i < u.length; i++) {
      const d = Math.abs(u[i]! - v[i]!);
      max = Math.max(max, d);
      sumAbs += d;
      sumSq += d * d;
      d2 += d * d;
      u2 += u[i]! * u[i]!;
      count++;
    }
    rel = Math.max(rel, Math.sqrt(d2 / Math.max(u2, 1e-300)));
    n++;
  }
  console.log(`${label}: ${n} inputs, max |Δ| ${max.toExponential(2)}, mean |Δ| ${(sumAbs / count).toExponential(2)}, mean Δ² per entry ${(sumSq / count).toExponential(2)}, max ‖Δ‖/‖out‖ ${rel.toExponential(2)}`);
}

const rng = new Rng(0);
const latents = Array.from({ length: 1000 }, () => rng.gaussianVec(20));
compare('decoder G(x), x ~ N(0, I_20)', latents.map((x) => [G32!.forward(x), G16!.forward(x)]));
const test = loadDataset(dataset as DatasetName).test;
const images = Array.from({ length: 1000 }, (_, i) => imageAt(test, i));
compare(`encoder mean μ(y), first 1000 ${dataset} test images`, images.map((y) => [E32!.forward(y), E16!.forward(y)]));
