#!/usr/bin/env node
// The README's test command (`pnpm test`): builds the generated wasm module if needed, runs the one
// root vitest run (all packages) — under a virtual X display when none is present and xvfb-run is
// installed, so the gpujs backend is tested through real WebGL kernels — and ends with the plain
// line `N passed, N failed`, where files that failed to load count as failures.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', ...opts });
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

const prep = run('pnpm', ['exec', 'turbo', 'run', 'build:wasm', '--output-logs=errors-only']);
if (prep.status !== 0) {
  console.log('build:wasm failed before any test ran');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
mkdirSync('.tmp', { recursive: true });
const report = '.tmp/vitest-report.json';
rmSync(report, { force: true });
const vitestArgs = ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
const useXvfb = !process.env.DISPLAY && process.platform === 'linux' && has('xvfb-run');
const res = useXvfb
  ? run('xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', 'pnpm', ...vitestArgs])
  : run('pnpm', vitestArgs);

let passed = 0, failed = 0, skipped = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests ?? 0;
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  failed = (r.numFailedTests ?? 0);
  // A file that failed to import has no failed test but a failed suite: count it.
  for (const f of r.testResults ?? []) {
    if (f.status === 'failed' && (f.assertionResults ?? []).every((a) => a.status !== 'failed')) failed += 1;
  }
}
if (res.status !== 0 && failed === 0) failed = 1; // the runner itself failed
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(res.status === 0 && failed === 0 ? 0 : 1);
