/**
 * The TypeScript examples of the guides (docs/guides/*.md) and of the root README: every ```ts
 * block is written to a file, the files are typechecked together (strict, like the packages) and
 * each is run. A guide whose example stops compiling or throws fails here.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const outDir = resolve(import.meta.dirname, '../.tmp/doc-examples');
const sources = [...readdirSync(join(root, 'docs/guides')).filter((f) => f.endsWith('.md')).map((f) => join('docs/guides', f)), 'README.md'];

/** The ```ts blocks of a markdown file. */
export function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
}

const examples = sources.flatMap((src) =>
  tsBlocks(readFileSync(join(root, src), 'utf8')).map((code, i) => ({ src, name: `${src.replace(/[/.]/g, '-')}-${i + 1}.ts`, code })),
);

describe('documentation examples', () => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const e of examples) writeFileSync(join(outDir, e.name), `${e.code}\nexport {};\n`);

  it('the guides have examples (getting started, math, backends, own generator, reproducing)', () => {
    for (const g of ['getting-started', 'math', 'backends', 'own-generator', 'reproducing']) {
      expect(examples.some((e) => e.src.includes(g)), g).toBe(true);
    }
  });

  it('typecheck', () => {
    const tsconfig = join(outDir, 'tsconfig.json');
    writeFileSync(tsconfig, JSON.stringify({ extends: '../../tsconfig.json', compilerOptions: { rootDir: '.', noEmit: true, noUnusedLocals: false }, include: ['*.ts'] }));
    const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 600_000);

  for (const e of examples) {
    it(`runs ${e.src} example ${e.name.replace(/.*-(\d+)\.ts$/, '$1')}`, async () => {
      await import(pathToFileURL(join(outDir, e.name)).href);
    }, 120_000);
  }
});
