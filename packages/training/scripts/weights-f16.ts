/**
 * Half-precision copy of trained VAE weights for shipping: reads `IN.safetensors` and
 * `IN.manifest.json` (as written by `dpr train vae --out IN.safetensors`), writes
 * `OUTDIR/NAME.safetensors` with every tensor as F16 and `OUTDIR/NAME.manifest.json` with the new
 * sha256 and size, `dtype: "F16"` and the float32 file's sha256 and size under `float32`.
 *
 *   node --conditions=source --import tsx packages/training/scripts/weights-f16.ts IN.safetensors OUTDIR
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { sha256Hex, writeFileAtomic } from '@dpr/datasets';
import { readSafetensors, writeSafetensors, type Tensor } from '@dpr/generative-prior';

const [input, outDir] = process.argv.slice(2);
if (!input || !outDir || !input.endsWith('.safetensors')) {
  console.error('usage: weights-f16.ts IN.safetensors OUTDIR');
  process.exit(2);
}
const name = basename(input, '.safetensors');
const bytes = new Uint8Array(readFileSync(input));
const manifest = JSON.parse(readFileSync(input.replace(/\.safetensors$/, '.manifest.json'), 'utf8')) as Record<string, unknown> & { architecture: Record<string, unknown> };
const file = readSafetensors(bytes);
const half = new Map<string, Tensor>([...file.tensors].map(([k, t]) => [k, { ...t, dtype: 'F16' }]));
const out = writeSafetensors(half, file.metadata);
const { float32: _old, ...rest } = manifest as Record<string, unknown>;
const next = {
  ...rest,
  weights: `${name}.safetensors`,
  sha256: sha256Hex(out),
  bytes: out.length,
  dtype: 'F16',
  float32: (manifest['float32'] as unknown) ?? { sha256: sha256Hex(bytes), bytes: bytes.length, note: 'the trained float32 file; this copy rounds every tensor to IEEE half precision (packages/training/scripts/weights-f16.ts)' },
  architecture: { ...manifest.architecture, tensors: String(manifest.architecture['tensors']).replace(/^float32/, 'float16') },
};
writeFileAtomic(join(outDir, `${name}.safetensors`), out);
writeFileAtomic(join(outDir, `${name}.manifest.json`), `${JSON.stringify(next, null, 2)}\n`);
console.log(`${join(outDir, name)}.safetensors: ${bytes.length} → ${out.length} bytes, sha256 ${next.sha256}`);
