/**
 * The app in a real browser: the built dist/ served on loopback, driven by Debian's headless
 * Chromium through playwright-core (WebGL from SwiftShader, so gpujs really runs on WebGL). Skips
 * with the reason when /usr/bin/chromium is absent, except under CI=true, where that fails.
 * Builds the app first when dist/ is missing or older than the app's sources (CI builds it in
 * `pnpm build`). Screenshots go to apps/web/test-results/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { encodePng } from '@dpr/render';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from './static-server.js';

const CHROMIUM = '/usr/bin/chromium';
const app = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(app, 'dist');
const shots = join(app, 'test-results');
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env['CI']) throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium (apt-get install chromium)`);

/** Newest modification time under a directory. */
function newest(dir: string): number {
  return Math.max(...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
}

function ensureBuilt(): void {
  const index = join(dist, 'index.html');
  const packages = join(app, '../../packages');
  const sources = [join(app, 'src'), ...readdirSync(packages).map((d) => join(packages, d, 'src')).filter((d) => existsSync(d))];
  if (existsSync(index) && statSync(index).mtimeMs > Math.max(statSync(join(app, 'index.html')).mtimeMs, ...sources.map(newest))) return;
  const r = spawnSync('pnpm', ['run', 'build'], { cwd: app, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pnpm run build failed:\n${r.stdout}\n${r.stderr}`);
}

interface SolveRecord { relError: number | null; perPixelError: number | null; residual: number; iterations: number; timeMs: number; stopReason: string; backend: string; algorithm: string }

describe.skipIf(!haveChromium)(`the app in headless Chromium (${haveChromium ? CHROMIUM : `skipped: ${CHROMIUM} is absent and CI is not set`})`, () => {
  let browser: Browser;
  let server: { url: string; close(): Promise<void> };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensureBuilt();
    mkdirSync(shots, { recursive: true });
    server = await serveStatic(dist);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(query: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(`${query}: ${e.message}`));
    await page.goto(`${server.url}${query}`);
    return page;
  }

  /** Waits for the JSON in `[data-testid=TESTID]` (holding `hasText`), screenshots the page to SHOT.png, parses it. */
  async function readJson<T>(page: Page, testid: string, o: { timeout: number; hasText?: string; shot?: string }): Promise<T> {
    const all = page.locator(`[data-testid=${testid}]`);
    const el = o.hasText ? all.filter({ hasText: o.hasText }) : all;
    await el.waitFor({ timeout: o.timeout });
    if (o.shot) await page.screenshot({ path: join(shots, `${o.shot}.png`), fullPage: true });
    const text = await el.textContent() ?? '';
    console.log(`e2e ${testid} ${page.url().split('?')[1]}: ${text}`);
    return JSON.parse(text) as T;
  }

  const result = (page: Page, timeout: number, shot?: string) => readJson<SolveRecord>(page, 'result', { timeout, ...(shot ? { shot } : {}) });

  it('has no node: import (or any node: specifier) in the bundle', () => {
    const js = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(0);
    for (const f of js) expect(readFileSync(join(dist, 'assets', f), 'utf8'), f).not.toMatch(/node:/);
  });

  for (const backend of ['wasm', 'gpujs'] as const) {
    it(`recovers the Gaussian instance with DPR on ${backend} (relError <= 1e-3)`, async () => {
      const page = await open(`?prior=gaussian:10,500,1000&m=200&seed=7&algorithm=dpr&backend=${backend}&run=1`);
      const r = await result(page, 240_000, `gaussian-dpr-${backend}`);
      expect(r.backend).toBe(backend);
      expect(r.relError).not.toBeNull();
      expect(r.relError!).toBeLessThanOrEqual(1e-3);
      const line = await page.locator('[data-testid=backend]').textContent();
      expect(line).toContain(`backend: ${backend}`);
      if (backend === 'gpujs') expect(line).toMatch(/webgl2? \(float32 WebGL\)/);
      expect(line).not.toContain('fallback');
      await page.close();
    }, 300_000);
  }

  it('recovers MNIST test digit 0 with DPR-Adam under the shipped VAE (per-pixel error < 0.05)', async () => {
    const page = await open('?prior=mnist-vae&target=mnist-test:0&m=300&seed=0&algorithm=dpr-adam&run=1');
    const r = await result(page, 240_000, 'mnist-dpr-adam');
    expect(r.algorithm).toBe('dpr-adam');
    expect(r.perPixelError!).toBeLessThan(0.05);
    await page.close();
  }, 300_000);

  it('recovers an image the user picks (target image), through the PNG path', async () => {
    const f32 = readFileSync(join(dist, 'assets/mnist-test.f32'));
    const digit = new Float32Array(f32.buffer, f32.byteOffset + 784 * 4, 784); // test image 1
    const png = encodePng({ width: 28, height: 28, channels: 1, data: Uint8Array.from(digit, (v) => Math.round(255 * v)) });
    const page = await open('?prior=mnist-vae&m=300&seed=0');
    await page.locator('[data-testid=image-file]').setInputFiles({ name: 'digit.png', mimeType: 'image/png', buffer: Buffer.from(png) });
    await expect.poll(() => page.url(), { timeout: 10_000 }).toContain('target=image');
    await page.click('#run');
    const r = await result(page, 240_000);
    expect(r.algorithm).toBe('dpr-adam');
    expect(r.perPixelError!).toBeLessThan(0.05);
    await page.close();
  }, 300_000);

  it('stops a run on Stop and stays responsive', async () => {
    const page = await open('?prior=mnist-vae&target=mnist-test:1&m=300&algorithm=dpr-adam&backend=js&maxIters=1000000&run=1');
    await page.locator('[data-testid=progress]').filter({ hasText: 'iteration' }).waitFor({ timeout: 60_000 });
    const t0 = Date.now();
    await page.click('#stop');
    await expect.poll(() => page.locator('[data-testid=status]').textContent(), { timeout: 5_000 }).toBe('stopped');
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(await page.locator('[data-testid=result]').count()).toBe(0);
    await page.close();
  }, 120_000);

  it('benchmarks the backends, gpujs (WebGL) agreeing with wasm', async () => {
    const page = await open('?view=bench&run=1');
    const r = await readJson<{ backends: Array<{ name: string; requested: string }>; rows: Array<{ backend: string; op: string; size: number; gflops: number; maxRelDiff: number | null }> }>(page, 'bench-result', { timeout: 180_000, hasText: 'rows', shot: 'bench' });
    expect(r.backends.map((b) => b.name).sort()).toEqual(['gpujs', 'js', 'wasm']);
    const gpu = r.rows.filter((x) => x.backend === 'gpujs');
    expect(gpu.length).toBe(6);
    for (const row of gpu) expect(row.maxRelDiff!, `${row.op} ${row.size}`).toBeLessThan(1e-4);
    for (const row of r.rows) expect(row.gflops).toBeGreaterThan(0);
    await page.close();
  }, 240_000);

  it('draws the landscape and a DPR path from a clicked start', async () => {
    const page = await open('?view=landscape&prior=gaussian:2,250,500&m=250&run=1');
    await page.locator('[data-testid=status]').filter({ hasText: 'done' }).waitFor({ timeout: 120_000 });
    const canvas = page.locator('canvas').first();
    const box = (await canvas.boundingBox())!;
    // a start at about (−1.2, 0.6): DPR must reach x0 = [1, 0]
    await page.mouse.click(box.x + ((-1.2 + 2) / 4) * box.width, box.y + (1 - (0.6 + 2) / 4) * box.height);
    const r = await readJson<{ iterations: number; relError: number; end: [number, number] }>(page, 'path-result', { timeout: 60_000, hasText: 'relError', shot: 'landscape' });
    expect(r.iterations).toBeGreaterThan(0);
    expect(r.relError).toBeLessThan(0.1);
    await page.close();
  }, 180_000);

  it('fills in a success-rate sweep', async () => {
    const page = await open('?view=sweep&prior=gaussian:2,50,100&trials=2&backend=js&run=1');
    const r = await readJson<{ n: number; points: Array<{ mOverN: number; rate: number }> }>(page, 'sweep-result', { timeout: 120_000, hasText: 'points', shot: 'sweep' });
    expect(r.points.length).toBe(10);
    expect(r.points[r.points.length - 1]!.rate).toBeGreaterThanOrEqual(0.5);
    expect(await page.locator('[data-testid=sweep-progress]').getAttribute('value')).toBe('1');
    await page.close();
  }, 180_000);

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
