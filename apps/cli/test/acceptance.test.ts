/**
 * Release acceptance (issue 14), end to end: scripts/acceptance.mjs packs every public package,
 * installs the tarballs with plain npm into an empty folder (third-party dependencies from the
 * registry) and runs the installed `dpr` through npm's bin symlink and npx. About a minute with a
 * warm npm cache. Needs a build (CI builds before testing) and the npm registry.
 */
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

type Check = { name: string; ok: boolean; detail: string };
const root = resolve(import.meta.dirname, '../../..');
let checks: Check[] = [];

beforeAll(async () => {
  const { acceptance } = (await import(join(root, 'scripts/acceptance.mjs'))) as { acceptance: () => { results: Check[] } };
  checks = acceptance().results;
}, 900_000);

const result = (prefix: string): Check => {
  const c = checks.find((x) => x.name.startsWith(prefix));
  if (!c) throw new Error(`no acceptance check named ${prefix}...`);
  return c;
};

describe('installed from the packed tarballs with npm', () => {
  it('every tarball has LICENSE and README, and license, repository and engines', () => {
    const tarballs = checks.filter((c) => c.name.startsWith('tarball '));
    expect(tarballs.length).toBeGreaterThanOrEqual(13);
    for (const c of tarballs) expect(c.ok, `${c.name}: ${c.detail}`).toBe(true);
  });

  for (const name of [
    'npm i ./tarballs/*.tgz',
    'dpr --version prints a semver',
    'npx dpr --version',
    'dpr solve --m 200 --seed 7 --json succeeds',
    'dpr solve --prior mnist-vae --target mnist-test:0 --m 300: perPixelError < 0.05',
    'dpr reproduce fig1 --out X writes only inside X',
    'dpr solve --bogus: non-zero exit, <= 3 lines, no stack trace',
    'dpr help | head -1: no EPIPE error',
  ]) {
    it(name, () => {
      const c = result(name);
      expect(c.ok, c.detail).toBe(true);
    });
  }
});
