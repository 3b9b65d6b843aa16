#!/usr/bin/env node
// `pnpm run release`: everything a release needs short of publishing, in order, stopping at the
// first failure: build, typecheck, tests, API docs, pack every public package into .tmp/tarballs
// (with sizes), the end-to-end acceptance (npm install of the tarballs into an empty folder), and
// `pnpm publish -r --dry-run`. Versions come first, from the changesets: `pnpm run version-packages`.
// To publish for real after this passes: `pnpm publish -r` (applies publishConfig: public access,
// exports without the repo-only `source` condition). See docs/RELEASING.md.
import { spawnSync } from 'node:child_process';
import { packAll } from './pack.mjs';

const steps = [
  ['build', () => sh('pnpm', ['build'])],
  ['typecheck', () => sh('pnpm', ['typecheck'])],
  ['test', () => sh('pnpm', ['test'])],
  ['API docs', () => sh('pnpm', ['run', 'docs:api'])],
  ['pack', () => {
    for (const t of packAll('.tmp/tarballs')) console.log(`  ${t.name.padEnd(32)} ${String(t.bytes).padStart(9)} bytes`);
    return true;
  }],
  ['acceptance', () => sh('node', ['scripts/acceptance.mjs'])],
  ['publish dry run', () => sh('pnpm', ['publish', '-r', '--dry-run', '--no-git-checks'])],
];

function sh(cmd, args) {
  return spawnSync(cmd, args, { stdio: 'inherit' }).status === 0;
}

const skip = new Set(process.argv.slice(2).filter((a) => a.startsWith('--skip=')).flatMap((a) => a.slice(7).split(',')));
for (const [name, step] of steps) {
  if (skip.has(name.split(' ')[0])) {
    console.log(`=== ${name}: skipped`);
    continue;
  }
  console.log(`=== ${name}`);
  if (!step()) {
    console.log(`release: ${name} failed`);
    process.exit(1);
  }
}
console.log('release: ready; publish with `pnpm publish -r` (or `pnpm changeset publish`)');
