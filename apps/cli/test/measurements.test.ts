/**
 * `dpr solve` flags of the measurement models: --noise (realized SNR in the record), --init ppower,
 * --measurement (complex models refused with the solver's capability named), --n HxW.
 */
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

describe('dpr solve --noise, --init, --measurement, --n', () => {
  it('--noise gaussian:SNR gives the realized SNR in snrDb; noiseless runs give null', async () => {
    const base = ['solve', '--prior', 'gaussian:4,40,80', '--m', '60', '--seed', '1', '--restarts', '2', '--backend', 'js', '--json'];
    const clean = JSON.parse((await run(base)).out);
    expect(clean.snrDb).toBeNull();
    const r = await run([...base, '--noise', 'gaussian:30']);
    expect(r.code).toBe(0);
    const rec = JSON.parse(r.out);
    expect(rec.snrDb).toBeGreaterThan(27);
    expect(rec.snrDb).toBeLessThan(33);
    expect(rec.relError).toBeLessThan(0.3);
    const again = JSON.parse((await run([...base, '--noise', 'gaussian:30'])).out);
    expect(again.relError).toBe(rec.relError);
    const p = JSON.parse((await run([...base, '--noise', 'poisson:1000'])).out);
    expect(p.snrDb).toBeGreaterThan(20);
  });

  it('--init ppower runs DPR from the PPower start; text output names the noise', async () => {
    const r = await run(['solve', '--prior', 'gaussian:4,40,80', '--m', '60', '--seed', '1', '--backend', 'js', '--json', '--init', 'ppower']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ algorithm: 'dpr', m: 60, n: 80 });
    const t = await run(['solve', '--prior', 'gaussian:4,40,80', '--m', '60', '--seed', '1', '--backend', 'js', '--noise', 'gaussian:20']);
    expect(t.out).toMatch(/realized SNR \d+\.\d+ dB/);
  });

  it('--measurement gaussian and --n HxW run; bad values and complex measurements are clear errors', async () => {
    const ok = await run(['solve', '--algorithm', 'taf', '--n', '4x5', '--m', '120', '--measurement', 'gaussian', '--seed', '2', '--backend', 'js', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ n: 20, m: 120 });
    const cases: Array<[string[], RegExp]> = [
      [['solve', '--measurement', 'complex-gaussian', '--n', '64', '--m', '512', '--algorithm', 'sparta'], /--measurement: solver 'sparta' lacks the 'complex' capability/],
      [['solve', '--measurement', 'cdp:6', '--n', '64x64', '--algorithm', 'sparta'], /'complex' capability/],
      [['solve', '--measurement', 'cdp:2', '--prior', 'gaussian:4,40,80', '--m', '100'], /--m: expected 160 \(fixed by 'cdp'/],
      [['solve', '--measurement', 'cdp:2', '--prior', 'gaussian:4,40,80', '--save-instance', 'x.safetensors'], /--save-instance: instance files hold a real dense A/],
      [['solve', '--measurement', 'cdp:0', '--n', '8'], /--measurement.*cdp:L/],
      [['solve', '--measurement', 'nope'], /--measurement: expected one of gaussian, complex-gaussian, cdp, fourier/],
      [['solve', '--measurement', 'matrix'], /--instance/],
      [['solve', '--noise', 'gaussian:abc'], /--noise/],
      [['solve', '--noise', 'laplace:3'], /--noise/],
      [['solve', '--init', 'spectral'], /--init/],
      [['solve', '--init', 'ppower', '--algorithm', 'taf', '--n', '10'], /--init: ppower initializes a prior solver/],
      [['solve', '--n', '4x0'], /--n/],
    ];
    for (const [args, msg] of cases) {
      const r = await run([...args, '--backend', 'js']);
      expect(r.code, args.join(' ')).toBeGreaterThan(0);
      expect(r.err, args.join(' ')).toMatch(msg);
    }
  });
});

describe('dpr solve with complex measurements (DPR, DPR-Adam)', () => {
  it('--measurement complex-gaussian, cdp:L (1-D and --n HxW 2-D) and fourier:OS recover a generated signal', async () => {
    for (const args of [
      ['--measurement', 'complex-gaussian', '--m', '60'],
      ['--measurement', 'cdp:2'],
      ['--measurement', 'cdp:2', '--n', '8x10'],
      ['--measurement', 'fourier:2', '--n', '8x10', '--init', 'ppower'],
    ]) {
      const r = await run(['solve', '--prior', 'gaussian:4,40,80', '--seed', '2', '--restarts', '3', '--backend', 'js', '--json', ...args]);
      expect(r.code, args.join(' ')).toBe(0);
      const rec = JSON.parse(r.out);
      expect(rec.n).toBe(80);
      expect(rec.m).toBe(args[1] === 'complex-gaussian' ? 60 : args[1] === 'cdp:2' ? 160 : 16 * 20);
      expect(rec.relError, args.join(' ')).toBeLessThan(1e-3);
    }
  });
});

describe('dpr solve on a complex signal (issue 16 acceptance)', () => {
  it('--measurement complex-gaussian --n 64 --m 512 --algorithm wirtinger-flow: relError <= 1e-4 (up to a global phase) for seeds 0, 1, 2', async () => {
    for (const seed of ['0', '1', '2']) {
      const r = await run(['solve', '--measurement', 'complex-gaussian', '--n', '64', '--m', '512', '--algorithm', 'wirtinger-flow', '--seed', seed, '--json']);
      expect(r.code, r.err).toBe(0);
      const rec = JSON.parse(r.out);
      expect(rec).toMatchObject({ algorithm: 'wirtinger-flow', n: 64, m: 512, success: true });
      expect(rec.relError, `seed ${seed}`).toBeLessThanOrEqual(1e-4);
    }
  }, 60_000);

  it('--measurement cdp:6 --n 64x64 --algorithm wirtinger-flow: relError <= 1e-4 for seeds 0, 1', async () => {
    for (const seed of ['0', '1']) {
      const r = await run(['solve', '--measurement', 'cdp:6', '--n', '64x64', '--algorithm', 'wirtinger-flow', '--seed', seed, '--json']);
      expect(r.code, r.err).toBe(0);
      const rec = JSON.parse(r.out);
      expect(rec).toMatchObject({ n: 4096, m: 6 * 4096 });
      expect(rec.relError, `seed ${seed}`).toBeLessThanOrEqual(1e-4);
    }
  }, 120_000);

  it('the other PhasePack gradient methods and fourier:OS take complex signals too', async () => {
    for (const algorithm of ['twf', 'rwf', 'amplitude-flow', 'taf', 'raf']) {
      const r = await run(['solve', '--measurement', 'complex-gaussian', '--n', '16', '--m', '128', '--algorithm', algorithm, '--seed', '3', '--backend', 'js', '--json']);
      expect(r.code, `${algorithm}: ${r.err}`).toBe(0);
      expect(JSON.parse(r.out).relError, algorithm).toBeLessThanOrEqual(1e-4);
    }
    const f = await run(['solve', '--measurement', 'fourier:2', '--n', '4x4', '--algorithm', 'wirtinger-flow', '--seed', '1', '--max-iters', '5', '--backend', 'js', '--json']);
    expect(f.code, f.err).toBe(0);
    expect(JSON.parse(f.out)).toMatchObject({ n: 16, m: 64 });
  }, 60_000);
});

describe('dpr bench init', () => {
  it('sweeps noise specs: one record per instance, spec and initializer, with the realized SNR', async () => {
    const r = await run(['bench', 'init', '--instances', '1', '--m', '100', '--noise', 'gaussian:20,gaussian:40', '--json']);
    expect(r.code).toBe(0);
    const recs = JSON.parse(r.out) as Array<{ init: string; noise: string; snrDb: number; m: number }>;
    expect(recs.map((x) => `${x.noise}/${x.init}`)).toEqual(['gaussian:20/random', 'gaussian:20/ppower', 'gaussian:40/random', 'gaussian:40/ppower']);
    expect(recs[0]!.snrDb).toBeGreaterThan(19);
    expect(recs[2]!.snrDb).toBeGreaterThan(39);
    const bad = await run(['bench', 'init', '--instances', '1', '--noise', 'gaussian:x']);
    expect(bad.code).toBeGreaterThan(0);
    expect(bad.err).toMatch(/noise/);
  }, 120_000);
});
