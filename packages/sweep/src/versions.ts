/** Versions recorded with every trial: the @dpr packages a trial runs on, and Node. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cached = new Map<string, Record<string, string>>();

function versionOf(name: string, from: string): string {
  // this package first, then the node_modules links (pnpm workspace), walking up like Node does
  let dir = from;
  for (;;) {
    const own = join(dir, 'package.json');
    if (existsSync(own)) {
      const pkg = JSON.parse(readFileSync(own, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? 'unknown';
    }
    const dep = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(dep)) return (JSON.parse(readFileSync(dep, 'utf8')) as { version?: string }).version ?? 'unknown';
    const up = dirname(dir);
    if (up === dir) return 'unknown';
    dir = up;
  }
}

/**
 * `{ '@dpr/linalg': '0.1.0', ..., node: 'v20.…' }` for the packages `names`, resolved from the
 * module at `fromUrl` (an `import.meta.url` of a package that depends on them); read once.
 */
export function packageVersions(fromUrl: string, names: readonly string[]): Record<string, string> {
  const key = `${fromUrl}|${names.join(',')}`;
  let found = cached.get(key);
  if (!found) {
    const here = dirname(fileURLToPath(fromUrl));
    found = Object.fromEntries(names.map((p) => [p, versionOf(p, here)]));
    found['node'] = process.version;
    cached.set(key, found);
  }
  return { ...found };
}
