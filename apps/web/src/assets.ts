/**
 * The static assets the app fetches (written by scripts/assets.ts at build time, never bundled
 * into the JS): the shipped VAE decoders (sha256-checked against their manifests) and a few test
 * images of MNIST and Fashion-MNIST, as the `SolveSources` of `@dpr/lab`.
 */
import { readSafetensors, type SafetensorsFile } from '@dpr/generative-prior';
import { OptionError } from '@dpr/linalg';
import type { SolveSources, TestImageSet } from '@dpr/lab';

/** How many test images of each set ship with the app. */
export const TEST_IMAGES = 16;

/** File names under `assets/` of a shipped model or a test set. */
export function assetNames(name: string): { weights: string; manifest: string; testImages: string } {
  return { weights: `${name}.safetensors`, manifest: `${name}.manifest.json`, testImages: `${name}-test.f32` };
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`fetch ${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A shipped model's weights, after checking the sha256 of its manifest. */
export async function fetchPretrained(base: string, name: string): Promise<SafetensorsFile> {
  const files = assetNames(name);
  const manifest = (await (await fetch(`${base}${files.manifest}`)).json()) as { sha256: string };
  const bytes = await fetchBytes(`${base}${files.weights}`);
  const actual = await sha256Hex(bytes);
  if (actual !== manifest.sha256) throw new Error(`${files.weights}: sha256 ${actual} does not match the manifest's ${manifest.sha256}`);
  return readSafetensors(bytes);
}

/** The shipped test images of a set (TEST_IMAGES × 784 intensities in [0, 1]). */
export async function fetchTestImages(base: string, set: TestImageSet): Promise<Float32Array> {
  const bytes = await fetchBytes(`${base}${assetNames(set).testImages}`);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

/** The sources of a solve for `prior` and `target`: only what they need is fetched. */
export async function browserSources(base: string, prior: string, target: string): Promise<SolveSources> {
  const sources: SolveSources = {};
  if (prior.endsWith('-vae')) {
    const file = await fetchPretrained(base, prior);
    sources.loadPretrained = () => file;
  }
  const set = /^(mnist|fashion)-test:/.exec(target)?.[1] as TestImageSet | undefined;
  if (set) {
    const images = await fetchTestImages(base, set);
    const count = images.length / 784;
    sources.testImage = (_set, index) => {
      if (!Number.isSafeInteger(index) || index < 0 || index >= count) throw new OptionError('target', `${set}-test index ${index} is out of range 0..${count - 1} (the app ships ${count} test images)`);
      return Float64Array.from(images.subarray(index * 784, (index + 1) * 784));
    };
  }
  return sources;
}
