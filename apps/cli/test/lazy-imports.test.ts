/**
 * Start-up cost: a command loads what it uses. `dpr help`, `dpr solve`, `dpr theory` (but
 * `landscape`) and `dpr bench` never plot, so they must not load the plotting stack (vega,
 * vega-lite, resvg, d3) nor the packages of the other commands. Each case spawns the CLI with
 * record-imports.mjs and reads the modules it loaded; `theory landscape`, which plots, is the
 * check's own control (the recorder does see vega and resvg when they load).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DCT_SPARSITY } from '@dpr/phase-retrieval';
import { USAGE_DCT_SPARSITY } from '../src/commands/solve.js';
import { finished, spawnDpr } from './spawn.js';

const RECORDER = fileURLToPath(new URL('./record-imports.mjs', import.meta.url));

/** The plotting stack: vega and its modules, vega-lite, resvg, d3 (as installed under node_modules). */
const PLOTTING = /node_modules\/(?:vega(?:-[a-z-]+)?|@resvg\/[a-z-]+|d3-[a-z-]+)\//;
/** Workspace packages (source or dist) no non-plotting command needs. */
const OTHER_COMMANDS = /\/packages\/(?:experiments|sweep|training|bench)\//;

/** Run `dpr args` recording its modules; exit code, stdout, and the modules loaded (deduplicated). */
async function loaded(args: string[]): Promise<{ code: number | null; out: string; err: string; modules: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'dpr-imports-'));
  const file = join(dir, 'modules.txt');
  const r = await finished(spawnDpr(args, dir, { RECORD_IMPORTS: file }, ['--import', RECORDER]));
  const modules = [...new Set(readFileSync(file, 'utf8').split('\n').filter(Boolean))];
  return { ...r, modules };
}

const matching = (modules: string[], re: RegExp) => modules.filter((m) => re.test(m));

describe('commands load only what they use', () => {
  it('dpr help: no plotting stack, no solver or command packages', async () => {
    const r = await loaded(['help']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^dpr: phase retrieval under a generative prior/);
    expect(matching(r.modules, /\/apps\/cli\/src\/main\.ts$/)).toHaveLength(1);
    expect(matching(r.modules, PLOTTING)).toEqual([]);
    expect(matching(r.modules, OTHER_COMMANDS)).toEqual([]);
    expect(matching(r.modules, /\/packages\/(?:lab|phase-retrieval|generative-prior|theory-checks|render|datasets)\//)).toEqual([]);
  });

  it('dpr solve on a small seeded instance: the solver packages and PNG helpers only, no plotting stack', async () => {
    const r = await loaded(['solve', '--prior', 'gaussian:2,20,40', '--m', '30', '--seed', '1', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ algorithm: 'dpr', m: 30, n: 40, k: 2, seed: 1 });
    expect(matching(r.modules, /\/packages\/lab\/src\/solve\.ts$/)).toHaveLength(1);
    expect(matching(r.modules, PLOTTING)).toEqual([]);
    expect(matching(r.modules, OTHER_COMMANDS)).toEqual([]);
    // @dpr/lab takes its PNG helpers from @dpr/render/image: png.ts and grid.ts, nothing else of render
    expect(matching(r.modules, /\/packages\/render\//).filter((m) => !/\/src\/(?:image|png|grid)\.ts$/.test(m))).toEqual([]);
    // the image priors' sources (the shipped weights, MNIST) only with an image prior
    expect(matching(r.modules, /\/packages\/(?:datasets\/|lab\/src\/node\.ts$|generative-prior\/src\/pretrained\/mnist-vae\.ts$)/)).toEqual([]);
  });

  it('dpr solve with an image prior loads its sources (the shipped weights and MNIST)', async () => {
    // stops at the prior's check when the weights or MNIST are absent; the sources are loaded before it
    const r = await loaded(['solve', '--prior', 'mnist-vae', '--target', 'mnist-test:0', '--m', '20', '--max-iters', '1', '--json']);
    expect(matching(r.modules, /\/packages\/lab\/src\/node\.ts$/)).toHaveLength(1);
    expect(matching(r.modules, /\/packages\/datasets\/src\/index\.ts$/)).toHaveLength(1);
  });

  it('dpr theory rho and dpr bench (a usage error after loading @dpr/bench): no plotting stack', async () => {
    const theory = await loaded(['theory', 'rho', '--depth', '2', '--json']);
    expect(theory.code, theory.err).toBe(0);
    expect(JSON.parse(theory.out)).toMatchObject({ d: 2 });
    expect(matching(theory.modules, /\/packages\/theory-checks\/src\/index\.ts$/)).toHaveLength(1);
    expect(matching(theory.modules, PLOTTING)).toEqual([]);
    expect(matching(theory.modules, OTHER_COMMANDS)).toEqual([]);
    const bench = await loaded(['bench', 'no-such-suite']);
    expect(bench.code, bench.err).toBe(2);
    expect(matching(bench.modules, /\/packages\/bench\/src\/index\.ts$/)).toHaveLength(1);
    expect(matching(bench.modules, PLOTTING)).toEqual([]);
  });

  it('control: dpr theory landscape plots, and the recorder sees vega, vega-lite and resvg load', async () => {
    const r = await loaded(['theory', 'landscape', '--depth', '1', '--grid', '5', '--out', 'fig1', '--json']);
    expect(r.code, r.err).toBe(0);
    const plotting = matching(r.modules, PLOTTING).join('\n');
    for (const pkg of ['vega', 'vega-lite', '@resvg/resvg-js', 'd3-contour']) expect(plotting, pkg).toContain(`/node_modules/${pkg}/`);
  });

  it("solve's usage text states @dpr/phase-retrieval's default DCT sparsity", () => {
    expect(USAGE_DCT_SPARSITY).toBe(DEFAULT_DCT_SPARSITY);
  });
});
