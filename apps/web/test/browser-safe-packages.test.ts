/**
 * Every export of every package under packages/ either bundles for the browser with no Node
 * built-in (esbuild, platform=browser, the `browser` and `source` conditions), or says it is
 * Node-only with `"browser": null` in its exports. The app's own packages must be browser-safe.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinModules } from 'node:module';
import { build, type Message } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CONDITIONS = ['browser', 'source', 'import', 'default'];

type ExportTarget = string | null | { [condition: string]: ExportTarget };

/** The target of an export for the browser conditions (first matching key, in object order). */
function browserTarget(target: ExportTarget): string | null | undefined {
  if (target === null || typeof target === 'string') return target;
  for (const [key, value] of Object.entries(target)) {
    if (CONDITIONS.includes(key)) {
      const t = browserTarget(value);
      if (t !== undefined) return t;
    }
  }
  return undefined;
}

interface Entry {
  pkg: string;
  subpath: string;
  dir: string;
  /** The source file, or null when the export is Node-only (`"browser": null`). */
  file: string | null;
}

function entries(): Entry[] {
  const out: Entry[] = [];
  for (const d of readdirSync(join(root, 'packages'))) {
    const dir = join(root, 'packages', d);
    if (!existsSync(join(dir, 'package.json'))) continue;
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; exports: Record<string, ExportTarget> };
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      if (subpath.endsWith('.json')) continue;
      const file = browserTarget(target);
      if (file === undefined) throw new Error(`${pkg.name} export ${subpath}: no browser, source or default target`);
      out.push({ pkg: pkg.name, subpath, dir, file: file === null ? null : join(dir, file) });
    }
  }
  return out;
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Bundle one entry for the browser; the Node built-ins (and native modules) it reaches. */
async function nodeImports(file: string): Promise<string[]> {
  const found = new Set<string>();
  try {
    const r = await build({
      entryPoints: [file], bundle: true, write: false, platform: 'browser', format: 'esm', outdir: join(root, '.tmp/browser-bundle'),
      conditions: ['browser', 'source'], logLevel: 'silent', metafile: true,
    });
    for (const input of Object.values(r.metafile.inputs)) for (const imp of input.imports) if (NODE_BUILTINS.has(imp.path) || imp.path.startsWith('node:')) found.add(imp.path);
    for (const f of r.outputFiles) if (/\b(?:from\s*|import\s*\(\s*|require\s*\(\s*)["']node:/.test(f.text)) found.add(`a node: import in ${f.path}`);
  } catch (e) {
    const errors = (e as { errors?: Message[] }).errors;
    if (!errors) throw e;
    for (const m of errors) found.add(`${m.text}${m.location ? ` (${m.location.file})` : ''}`);
  }
  return [...found];
}

const all = entries();

describe('browser-safe packages', () => {
  it('finds the packages and their Node-only entries', () => {
    const nodeOnly = all.filter((e) => e.file === null).map((e) => `${e.pkg}${e.subpath.slice(1)}`);
    expect(nodeOnly).toEqual(expect.arrayContaining(['@dpr/datasets', '@dpr/sweep', '@dpr/generative-prior/mnist-vae', '@dpr/lab/node']));
    // what the browser app composes is never Node-only
    for (const pkg of ['@dpr/linalg', '@dpr/generative-prior', '@dpr/phase-retrieval', '@dpr/theory-checks', '@dpr/render', '@dpr/lab']) {
      expect(nodeOnly, pkg).not.toContain(pkg);
    }
  });

  // data exports (the weights packages' .safetensors and manifests) are fetched as assets, not bundled
  for (const e of all.filter((x) => x.file !== null && /\.[cm]?[jt]s$/.test(x.file))) {
    it(`${e.pkg}${e.subpath.slice(1)} bundles for platform=browser without Node built-ins`, async () => {
      expect(await nodeImports(e.file!)).toEqual([]);
    });
  }

  it('the check itself catches a Node built-in', async () => {
    const found = await nodeImports(join(root, 'packages/generative-prior/src/pretrained/mnist-vae.ts'));
    expect(found.join('\n')).toMatch(/node:(fs|crypto|url)/);
  });
});
