import { describe, expect, it } from 'vitest';
import { OptionError } from '@dpr/linalg';
import { SOLVERS } from '@dpr/phase-retrieval';
import { DEFAULTS, SUGGESTIONS, parseSettings, serializeSettings, type LabSettings } from '../src/url-state.js';

const ALGOS = Object.keys(SOLVERS);

describe('URL state', () => {
  it('parses the acceptance links', () => {
    const s = parseSettings('?prior=gaussian:10,500,1000&m=200&seed=7&algorithm=dpr&backend=wasm&run=1', ALGOS);
    expect(s).toEqual({ ...DEFAULTS, prior: 'gaussian:10,500,1000', m: 200, seed: 7, algorithm: 'dpr', backend: 'wasm', run: true });
    const t = parseSettings('prior=mnist-vae&target=mnist-test:0&m=300&seed=0&algorithm=dpr-adam&run=1', ALGOS);
    expect(t).toMatchObject({ prior: 'mnist-vae', target: 'mnist-test:0', m: 300, seed: 0, algorithm: 'dpr-adam', run: true });
  });

  it('every suggested prior and target parses', () => {
    for (const prior of SUGGESTIONS.prior) expect(parseSettings(`?prior=${prior}`, ALGOS).prior).toBe(prior);
    for (const target of SUGGESTIONS.target) expect(parseSettings(`?prior=mnist-vae&target=${target}`, ALGOS).target).toBe(target);
  });

  it('an empty query is the defaults; an image prior defaults to DPR-Adam', () => {
    expect(parseSettings('', ALGOS)).toEqual(DEFAULTS);
    expect(parseSettings('?prior=fashion-mnist-vae', ALGOS).algorithm).toBe('dpr-adam');
  });

  it('serialize then parse is the identity, and defaults are left out', () => {
    const cases: LabSettings[] = [
      { ...DEFAULTS },
      { ...DEFAULTS, prior: 'gaussian:2,50,100', m: 77, seed: 3, algorithm: 'sparta', restarts: 4, backend: 'js', maxIters: 30, run: true },
      { ...DEFAULTS, view: 'landscape', prior: 'mnist-vae', target: 'fashion-test:5', algorithm: 'dpr', trials: 9 },
      { ...DEFAULTS, view: 'bench', prior: 'mnist-vae', algorithm: 'dpr-adam' },
    ];
    for (const s of cases) expect(parseSettings(serializeSettings(s), ALGOS)).toEqual(s);
    expect(serializeSettings(DEFAULTS)).toBe('');
    expect(serializeSettings({ ...DEFAULTS, prior: 'gaussian:10,500,1000', m: 200, seed: 7, backend: 'wasm', run: true })).toBe('?seed=7&backend=wasm&run=1');
    expect(serializeSettings({ ...DEFAULTS, prior: 'gaussian:2,50,100' })).toBe('?prior=gaussian:2,50,100');
  });

  it('rejects bad values naming the parameter', () => {
    const bad: Array<[string, string]> = [
      ['m=0', 'm'], ['m=1.5', 'm'], ['seed=-1', 'seed'], ['backend=cuda', 'backend'], ['algorithm=nope', 'algorithm'],
      ['prior=gaussian:10', 'prior'], ['target=mnist-test:x', 'target'], ['run=yes', 'run'], ['color=red', 'color'],
      ['target=mnist-test:0', 'target'],
    ];
    for (const [q, name] of bad) {
      let err: unknown;
      try {
        parseSettings(q, ALGOS);
      } catch (e) {
        err = e;
      }
      expect(err, q).toBeInstanceOf(OptionError);
      expect((err as OptionError).message, q).toContain(name);
    }
  });
});
