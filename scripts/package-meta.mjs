#!/usr/bin/env node
// The publish metadata of every public workspace package, in one place: license, repository,
// homepage, bugs, keywords, engines, files, publishConfig (access, and `exports` without the
// repo-only `source` condition, so the tarball's exports point only at shipped dist files) and a
// LICENSE file. `node scripts/package-meta.mjs` rewrites them; `--check` lists drift and exits 1.
// Private packages (bench, docs) are left alone.
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const REPO = 'https://github.com/dpr-toolkit/dpr';
const KEYWORDS = ['phase-retrieval', 'generative-prior', 'compressed-sensing', 'inverse-problems', 'neural-networks'];
const EXTRA_KEYWORDS = {
  '@dpr/linalg': ['linear-algebra', 'blas', 'gemm', 'wasm', 'simd', 'webgl'],
  '@dpr/generative-prior': ['relu-network', 'vae', 'dcgan', 'safetensors'],
  '@dpr/phase-retrieval': ['wirtinger-flow', 'fienup', 'sparta', 'optimization'],
  '@dpr/theory-checks': ['weight-distribution-condition', 'rrcp'],
  '@dpr/datasets': ['mnist', 'fashion-mnist', 'idx'],
  '@dpr/render': ['vega-lite', 'svg', 'png'],
  '@dpr/sweep': ['parameter-sweep', 'slurm', 'sharding'],
  '@dpr/training': ['vae', 'training', 'adam'],
  '@dpr/experiments': ['reproducibility', 'neurips-2018'],
  '@dpr/lab': ['phase-retrieval-demo'],
  '@dpr/cli': ['cli'],
  '@dpr/mnist-vae-weights': ['mnist', 'vae', 'pretrained-weights', 'safetensors'],
  '@dpr/fashion-mnist-vae-weights': ['fashion-mnist', 'vae', 'pretrained-weights', 'safetensors'],
};
/** Packages that ship data files next to (or instead of) dist. */
const EXTRA_FILES = {
  '@dpr/mnist-vae-weights': ['*.safetensors', '*.manifest.json'],
  '@dpr/fashion-mnist-vae-weights': ['*.safetensors', '*.manifest.json'],
};

/** `exports` without the `source` condition (the raw .ts entry points exist only in the repo). */
export function stripSource(exports) {
  if (typeof exports !== 'object' || exports === null) return exports;
  return Object.fromEntries(Object.entries(exports).filter(([k]) => k !== 'source').map(([k, v]) => [k, stripSource(v)]));
}

/** Every workspace package folder with its parsed package.json. */
export function workspacePackages() {
  return ['packages', 'apps'].flatMap((group) =>
    readdirSync(join(root, group))
      .map((d) => join(root, group, d))
      .filter((d) => existsSync(join(d, 'package.json')))
      .map((dir) => ({ dir, rel: dir.slice(root.length).replace(/\/$/, ''), pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) })),
  );
}

/** The metadata a public package must have (a function of its name and folder). */
export function expectedMeta({ pkg, rel }) {
  const hasDist = !EXTRA_FILES[pkg.name] || pkg.main !== undefined;
  return {
    license: 'MIT',
    repository: { type: 'git', url: `git+${REPO}.git`, directory: rel },
    homepage: `${REPO}/tree/main/${rel}#readme`,
    bugs: { url: `${REPO}/issues` },
    keywords: [...KEYWORDS, ...(EXTRA_KEYWORDS[pkg.name] ?? [])],
    engines: { node: '>=20.19' },
    files: [...(hasDist ? ['dist', '!dist/**/*.map', '!dist/**/*.test.*'] : []), ...(EXTRA_FILES[pkg.name] ?? []), 'README.md', 'LICENSE'],
    publishConfig: { access: 'public', ...(pkg.exports ? { exports: stripSource(pkg.exports) } : {}) },
  };
}

const ORDER = ['name', 'version', 'description', 'private', 'type', 'license', 'repository', 'homepage', 'bugs', 'keywords', 'engines', 'sideEffects', 'bin', 'exports', 'main', 'types', 'files', 'publishConfig'];

function apply(pkg, meta) {
  const merged = { ...pkg, ...meta };
  const out = {};
  for (const k of ORDER) if (k in merged) out[k] = merged[k];
  for (const [k, v] of Object.entries(merged)) if (!(k in out)) out[k] = v;
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  const license = readFileSync(join(root, 'LICENSE'), 'utf8');
  let drift = 0;
  for (const p of workspacePackages()) {
    if (p.pkg.private) continue;
    const next = apply(p.pkg, expectedMeta(p));
    const text = `${JSON.stringify(next, null, 2)}\n`;
    const licensePath = join(p.dir, 'LICENSE');
    const licenseOk = existsSync(licensePath) && readFileSync(licensePath, 'utf8') === license;
    if (check) {
      if (text !== readFileSync(join(p.dir, 'package.json'), 'utf8')) { console.log(`${p.rel}/package.json: publish metadata out of date`); drift++; }
      if (!licenseOk) { console.log(`${p.rel}/LICENSE: missing or not the root LICENSE`); drift++; }
    } else {
      writeFileSync(join(p.dir, 'package.json'), text);
      if (!licenseOk) copyFileSync(join(root, 'LICENSE'), licensePath);
    }
  }
  if (check && drift) { console.log('run: node scripts/package-meta.mjs'); process.exit(1); }
}
