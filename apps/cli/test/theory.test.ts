import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rng } from '@dpr/linalg';
import { writeSafetensors } from '@dpr/generative-prior';
import { run } from './run.js';


describe('dpr theory', () => {
  it('rho --depth d --json prints exactly {"d","rho"}', async () => {
    const r = await run(['theory', 'rho', '--depth', '2', '--json']);
    expect(r.code).toBe(0);
    const rec = JSON.parse(r.out);
    expect(Object.keys(rec)).toEqual(['d', 'rho']);
    expect(rec.d).toBe(2);
    expect(rec.rho).toBeCloseTo(0.6692, 4);
    expect((await run(['theory', 'rho', '--depth', '1'])).out).toBe('ρ_1 = 0.6366');
    expect((await run(['theory', 'rho'])).out).toMatch(/\| 10 \| 0.8883 \|/);
  });

  it('wdc and rrcp on small seeded nets (--json)', async () => {
    const w = await run(['theory', 'wdc', '--dims', '3,40,80', '--pairs', '10', '--search', '10', '--json']);
    expect(w.code).toBe(0);
    const wr = JSON.parse(w.out);
    expect(wr.layers).toHaveLength(2);
    expect(wr.layers[0]).toMatchObject({ layer: 1, n: 40, k: 3 });
    const single = JSON.parse((await run(['theory', 'wdc', '--k', '3', '--n', '50', '--pairs', '5', '--search', '5', '--json'])).out);
    expect(single.layers).toHaveLength(1);
    const r = await run(['theory', 'rrcp', '--dims', '3,20,40', '--m', '60', '--pairs', '4', '--search', '8', '--json']);
    expect(r.code).toBe(0);
    const rr = JSON.parse(r.out);
    expect(rr).toMatchObject({ m: 60, n: 40, k: 3 });
    expect(rr.value).toBeLessThanOrEqual(rr.fullMatrix.value);
  });

  it('wdc/rrcp read W1, W2, … and A from a safetensors file (N(0, 1) weights are rescaled with a note)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dpr-theory-'));
    const rng = new Rng(1);
    writeFileSync(join(dir, 'net.safetensors'), writeSafetensors({
      W1: { dtype: 'F64', shape: [30, 3], data: rng.gaussianVec(90) },
      W2: { dtype: 'F64', shape: [50, 30], data: rng.gaussianVec(1500) },
      A: { dtype: 'F64', shape: [70, 50], data: rng.gaussianVec(3500) },
    }));
    const w = await run(['theory', 'wdc', '--weights', 'net.safetensors', '--pairs', '5', '--search', '5'], dir);
    expect(w.code).toBe(0);
    expect(w.out).toMatch(/note: layer 1: W_1: empirical entry variance/);
    const r = JSON.parse((await run(['theory', 'rrcp', '--weights', 'net.safetensors', '--pairs', '3', '--search', '3', '--json'], dir)).out);
    expect(r).toMatchObject({ m: 70, n: 50, k: 3 });
    expect(r.note).toMatch(/rescaled/);
  });

  it('descent runs the certificate on a small grid', async () => {
    const r = await run(['theory', 'descent', '--dims', '2,30,60', '--m', '80', '--grid', '31', '--backend', 'js', '--json']);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.out);
    expect(c.points + c.excluded).toBe(31 * 31);
    expect(c.fraction).toBeGreaterThan(0.99);
    expect(c.setup).toMatchObject({ dims: [2, 30, 60], m: 80, backend: 'js' });
  });

  it('landscape writes fig1.svg and fig1.png into --out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dpr-theory-'));
    const r = await run(['theory', 'landscape', '--out', 'figs', '--grid', '41', '--json'], dir);
    expect(r.code).toBe(0);
    const rec = JSON.parse(r.out);
    expect(existsSync(join(dir, 'figs', 'fig1.svg')) && existsSync(join(dir, 'figs', 'fig1.png'))).toBe(true);
    expect(rec.d).toBe(2);
  });

  it('bad input: usage errors (exit 2) and typed errors (exit 1)', async () => {
    const cases: Array<[string[], number, RegExp]> = [
      [['theory'], 2, /expected a check/],
      [['theory', 'nope'], 2, /expected a check/],
      [['theory', 'rho', '--depth', '-1'], 2, /--depth/],
      [['theory', 'wdc', '--dims', '3'], 2, /--dims/],
      [['theory', 'wdc', '--weights', 'missing.safetensors'], 2, /--weights: cannot read/],
      [['theory', 'descent', '--dims', '2,10,20', '--x0', '1,2,3'], 2, /--x0/],
    ];
    for (const [args, code, msg] of cases) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.err).toMatch(msg);
    }
  });
});
