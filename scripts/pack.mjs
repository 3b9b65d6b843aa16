#!/usr/bin/env node
// Pack every public workspace package (`pnpm pack`, which applies publishConfig and turns
// workspace:* into versions) into one folder: `node scripts/pack.mjs [DEST]` (default .tmp/tarballs).
// Needs a build first (the tarballs ship dist/). Prints one line per tarball: name, bytes, path.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { workspacePackages } from './package-meta.mjs';

/** Pack the public packages into `dest` (emptied first); returns [{ name, dir, tarball, bytes }]. */
export function packAll(dest) {
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  const out = [];
  for (const p of workspacePackages()) {
    if (p.pkg.private) continue;
    const before = new Set(readdirSync(dest));
    const r = spawnSync('pnpm', ['pack', '--pack-destination', dest], { cwd: p.dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`pnpm pack failed in ${p.rel}: ${r.stderr || r.stdout}`);
    const made = readdirSync(dest).filter((f) => !before.has(f));
    if (made.length !== 1) throw new Error(`pnpm pack in ${p.rel} made ${made.length} files`);
    const tarball = join(dest, made[0]);
    out.push({ name: p.pkg.name, dir: p.dir, tarball, bytes: statSync(tarball).size });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dest = resolve(process.argv[2] ?? '.tmp/tarballs');
  for (const t of packAll(dest)) console.log(`${t.name.padEnd(32)} ${String(t.bytes).padStart(9)}  ${t.tarball}`);
}
