/**
 * What each published tarball holds (issue 14, part 5): every public workspace package is packed
 * with `pnpm pack` (publishConfig applied, workspace:* resolved) into a temp folder and checked:
 * README, LICENSE, dist with types (or its data files), package.json with license, repository,
 * homepage, bugs, engines; exports (and bin) pointing only at files in the tarball, no raw .ts
 * source and no `source` condition; no source maps; each tarball under the size limit. Needs a
 * build (CI builds before testing).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
/** The largest tarball allowed (the two weights packages are 2.4 MB each; code packages < 0.1 MB). */
const MAX_TARBALL_BYTES = 3_000_000;
/** The largest code package tarball (everything but the weights). */
const MAX_CODE_TARBALL_BYTES = 250_000;

type Packed = { name: string; tarball: string; bytes: number };
const { packAll } = (await import(join(root, 'scripts/pack.mjs'))) as { packAll: (dest: string) => Packed[] };
const dest = mkdtempSync(join(tmpdir(), 'dpr-pack-'));
const tarballs = packAll(dest);
afterAll(() => rmSync(dest, { recursive: true, force: true }));

/** Every string target of an exports map (all conditions). */
function targets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports];
  if (typeof exports !== 'object' || exports === null) return [];
  return Object.values(exports).flatMap(targets);
}
function conditions(exports: unknown): string[] {
  if (typeof exports !== 'object' || exports === null) return [];
  return Object.entries(exports).flatMap(([k, v]) => [k, ...conditions(v)]);
}

describe('published tarballs', () => {
  it('the publish metadata is in sync (node scripts/package-meta.mjs --check)', () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts/package-meta.mjs'), '--check'], { encoding: 'utf8' });
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  it('packs every public package: the libraries, the weights and the CLI; bench stays private', () => {
    const names = tarballs.map((t) => t.name);
    for (const n of ['@dpr/linalg', '@dpr/generative-prior', '@dpr/phase-retrieval', '@dpr/theory-checks', '@dpr/datasets', '@dpr/render', '@dpr/sweep', '@dpr/training', '@dpr/lab', '@dpr/experiments', '@dpr/cli', '@dpr/mnist-vae-weights']) {
      expect(names).toContain(n);
    }
    expect(names).not.toContain('@dpr/bench');
  });

  for (const t of tarballs) {
    it(`${t.name}: README, LICENSE, dist and types, metadata, exports only to shipped files, small`, () => {
      const files = spawnSync('tar', ['tzf', t.tarball], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
      const pkg = JSON.parse(spawnSync('tar', ['xzOf', t.tarball, 'package/package.json'], { encoding: 'utf8' }).stdout) as Record<string, unknown>;
      expect(files).toContain('README.md');
      expect(files).toContain('LICENSE');
      expect(pkg['license']).toBe('MIT');
      expect(pkg['repository']).toMatchObject({ type: 'git' });
      expect(pkg['homepage']).toMatch(/^https:\/\//);
      expect(pkg['bugs']).toBeTruthy();
      expect(pkg['engines']).toMatchObject({ node: expect.stringMatching(/^>=20/) });
      expect(JSON.stringify(pkg)).not.toContain('workspace:');
      const isData = t.name.endsWith('-weights');
      if (!isData) {
        expect(files.some((f) => /^dist\/.*\.js$/.test(f))).toBe(true);
        expect(files.some((f) => /^dist\/.*\.d\.ts$/.test(f))).toBe(true);
        expect(t.bytes).toBeLessThan(MAX_CODE_TARBALL_BYTES);
      } else {
        expect(files.some((f) => f.endsWith('.safetensors'))).toBe(true);
      }
      expect(t.bytes).toBeLessThan(MAX_TARBALL_BYTES);
      // nothing but shipped files: no raw .ts sources, no source maps, no tests
      expect(files.filter((f) => (/\.ts$/.test(f) && !/\.d\.ts$/.test(f)) || f.endsWith('.map') || /\.test\./.test(f))).toEqual([]);
      expect(conditions(pkg['exports'])).not.toContain('source');
      const bin = typeof pkg['bin'] === 'string' ? [pkg['bin']] : Object.values((pkg['bin'] ?? {}) as Record<string, string>);
      for (const target of [...targets(pkg['exports']), ...bin, ...[pkg['main'], pkg['types']].filter((x): x is string => typeof x === 'string')]) {
        expect(files, `${t.name}: ${target}`).toContain(target.replace(/^\.\//, ''));
      }
    });
  }
});
