#!/usr/bin/env node
// Release acceptance, end to end, as a new user would: pack every public workspace package, install
// the tarballs with plain npm into an empty folder (third-party dependencies from the registry;
// --ignore-scripts skips headless-gl's native build, the gpujs backend then falls back), and run
// the installed `dpr` through npm's bin symlink and npx. Needs a build first (`pnpm build`).
//
//   node scripts/acceptance.mjs [--json] [--keep]      (prints one line per check; exit 1 if any fails)
//
// Checks: `dpr --version` prints a semver; `npx dpr --version` too; `dpr solve --m 200 --seed 7
// --json` succeeds; `dpr solve --prior mnist-vae --target mnist-test:0 --m 300 --json` gives
// perPixelError < 0.05; `dpr solve --bogus` exits non-zero with <= 3 lines and no stack trace;
// `dpr help | head -1` writes no EPIPE error; `dpr reproduce fig1 --out X` writes only inside X;
// every tarball has LICENSE and README and its package.json license, repository and engines.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packAll } from './pack.mjs';

/** Run the acceptance; returns [{ name, ok, detail }] and the folder it used. */
export function acceptance({ keep = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'dpr-acceptance-'));
  const app = join(dir, 'app');
  const results = [];
  const check = (name, ok, detail = '') => results.push({ name, ok: Boolean(ok), detail: String(detail).slice(0, 400) });
  const env = { ...process.env, PATH: `${join(app, 'node_modules/.bin')}:${process.env.PATH}`, NO_COLOR: '1' };
  delete env.INIT_CWD;
  const sh = (cmd, cwd = app) => spawnSync('sh', ['-c', cmd], { cwd, env, encoding: 'utf8', timeout: 300_000 });
  try {
    const tarballs = packAll(join(dir, 'tarballs'));
    for (const t of tarballs) {
      const list = spawnSync('tar', ['tzf', t.tarball], { encoding: 'utf8' }).stdout.split('\n');
      const pkg = JSON.parse(spawnSync('tar', ['xzOf', t.tarball, 'package/package.json'], { encoding: 'utf8' }).stdout);
      const missing = ['package/LICENSE', 'package/README.md'].filter((f) => !list.includes(f));
      const fields = ['license', 'repository', 'engines'].filter((f) => !pkg[f]);
      check(`tarball ${t.name} (${t.bytes} bytes): LICENSE, README, license/repository/engines`, missing.length + fields.length === 0, [...missing, ...fields].join(', '));
    }
    spawnSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'dpr-acceptance', private: true }));
    const install = sh(`npm i --no-audit --no-fund --ignore-scripts ${tarballs.map((t) => JSON.stringify(t.tarball)).join(' ')}`);
    check('npm i ./tarballs/*.tgz', install.status === 0, install.stderr.split('\n').slice(-5).join(' | '));
    if (install.status !== 0) return { results, dir };

    const version = sh('dpr --version');
    check('dpr --version prints a semver', version.status === 0 && /^\d+\.\d+\.\d+(-[\w.]+)?\n$/.test(version.stdout), version.stdout + version.stderr);
    const npx = sh('npx --no-install dpr --version');
    check('npx dpr --version', npx.status === 0 && /^\d+\.\d+\.\d+/.test(npx.stdout), npx.stdout + npx.stderr);
    const solve = sh('dpr solve --m 200 --seed 7 --json');
    let rec = null;
    try { rec = JSON.parse(solve.stdout); } catch { /* reported below */ }
    check('dpr solve --m 200 --seed 7 --json succeeds', solve.status === 0 && rec?.success === true, solve.stdout + solve.stderr);
    const mnist = sh('dpr solve --prior mnist-vae --target mnist-test:0 --m 300 --json');
    let mrec = null;
    try { mrec = JSON.parse(mnist.stdout); } catch { /* reported below */ }
    check('dpr solve --prior mnist-vae --target mnist-test:0 --m 300: perPixelError < 0.05', mnist.status === 0 && mrec?.perPixelError < 0.05, mrec ? `perPixelError ${mrec.perPixelError}` : mnist.stderr);
    const bogus = sh('dpr solve --bogus');
    const lines = (bogus.stdout + bogus.stderr).split('\n').filter((l) => l.trim() !== '');
    check('dpr solve --bogus: non-zero exit, <= 3 lines, no stack trace', bogus.status !== 0 && lines.length <= 3 && !/^\s+at /m.test(bogus.stderr), `exit ${bogus.status}, ${lines.length} lines: ${lines.slice(0, 2).join(' | ')}`);
    const pipe = sh('dpr help | head -1');
    check('dpr help | head -1: no EPIPE error', pipe.stdout.startsWith('dpr') && !/EPIPE/.test(pipe.stderr), pipe.stderr.split('\n')[0] ?? '');
    const out = sh('mkdir -p work/keep && dpr reproduce fig1 --quick --out work/keep/fig1 --json >/dev/null && ls work/keep');
    const outside = out.stdout.split('\n').filter((f) => f && f !== 'fig1');
    check('dpr reproduce fig1 --out X writes only inside X', out.status === 0 && outside.length === 0, out.status === 0 ? `beside X: ${outside.join(', ') || 'nothing'}` : out.stderr.split('\n').slice(-3).join(' | '));
    return { results, dir };
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { results, dir } = acceptance({ keep: process.argv.includes('--keep') });
  if (process.argv.includes('--json')) console.log(JSON.stringify(results));
  else for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name}${r.ok ? '' : `  (${r.detail})`}`);
  if (process.argv.includes('--keep')) console.error(`kept ${dir}`);
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}
