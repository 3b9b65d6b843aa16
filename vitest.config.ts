import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/** One vitest project per workspace package; tests import sibling packages from source. */
const dirs = ['packages', 'apps'].flatMap((group) =>
  readdirSync(group).map((d) => join(group, d)).filter((d) => existsSync(join(d, 'package.json'))),
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
