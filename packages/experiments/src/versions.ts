/** Versions recorded with every trial: the @dpr packages a trial runs on, and Node. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGES = ['@dpr/experiments', '@dpr/linalg', '@dpr/generative-prior', '@dpr/phase-retrieval'] as const;

let cached: Record<string, string> | undefined;

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

/** `{ '@dpr/linalg': '0.1.0', ..., node: 'v20.…' }` (read once). */
export function packageVersions(): Record<string, string> {
  if (!cached) {
    const here = dirname(fileURLToPath(import.meta.url));
    cached = Object.fromEntries(PACKAGES.map((p) => [p, versionOf(p, here)]));
    cached['node'] = process.version;
  }
  return { ...cached };
}
