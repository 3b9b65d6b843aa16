import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The repository root (this file's folder), so that `vitest --root ../..` works from a package too. */
const root = dirname(fileURLToPath(import.meta.url));

/** One vitest project per workspace package; tests import sibling packages from source. */
const dirs = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(root, group)).map((d) => join(root, group, d)).filter((d) => existsSync(join(d, 'package.json'))),
);

export default defineConfig({
  test: {
    projects: dirs.map((dir) => ({
      resolve: { conditions: ['source'] },
      ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
      test: {
        name: (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string }).name,
        root: dir,
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        testTimeout: 60_000,
        hookTimeout: 600_000,
      },
    })),
  },
});
