import { describe, expect, it } from 'vitest';
import { JsBackend } from '@dpr/linalg';
import { solve } from '@dpr/lab';
import { negationJumps, landscapeDims } from '../src/work/landscape.js';
import { maxRelDiff } from '../src/work/bench.js';
import { solveRequestOf } from '../src/work/solve.js';
import { signalDim, sweepMs } from '../src/views/sweep.js';
import { DEFAULTS, parseSettings } from '../src/url-state.js';
import { SOLVERS } from '@dpr/phase-retrieval';

describe('the worker logic', () => {
  it('finds negation jumps and nothing else', () => {
    expect(negationJumps([[-1, 0.5], [0.9, -0.45], [1, -0.1], [1, 0]])).toEqual([1]);
    expect(negationJumps([[1, 1], [0.9, 0.8], [0.5, 0.4]])).toEqual([]);
    // a large turn (about 101°) is no negation
    expect(negationJumps([[1, 0], [-0.2, 1]])).toEqual([]);
  });

  it('takes the landscape network from a k = 2 prior only', () => {
    expect(landscapeDims('gaussian:2,50,100')).toEqual([2, 50, 100]);
    expect(landscapeDims('gaussian:10,500,1000')).toEqual([2, 250, 500]);
    expect(landscapeDims('mnist-vae')).toEqual([2, 250, 500]);
  });

  it('measures relative differences', () => {
    expect(maxRelDiff([1, 2, 4], [1, 2, 4])).toBe(0);
    expect(maxRelDiff([1, 2, 4.4], [1, 2, 4])).toBeCloseTo(0.1);
  });

  it('sweeps m = n/20 … n/2 of the prior’s signal dimension', () => {
    expect(signalDim('gaussian:2,50,100')).toBe(100);
    expect(signalDim('mnist-vae')).toBe(784);
    expect(sweepMs(100)).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
  });

  it('builds the same record as dpr solve from the URL settings', () => {
    const s = parseSettings('?prior=gaussian:4,30,60&m=40&seed=3&algorithm=dpr&maxIters=200', Object.keys(SOLVERS));
    const req = solveRequestOf(s);
    expect(req).toEqual({ prior: 'gaussian:4,30,60', algorithm: 'dpr', m: 40, seed: 3, maxIters: 200 });
    const direct = solve({ prior: 'gaussian:4,30,60', algorithm: 'dpr', m: 40, seed: 3, maxIters: 200 }, new JsBackend()).record;
    const viaApp = solve(req, new JsBackend()).record;
    expect({ ...viaApp, timeMs: 0 }).toEqual({ ...direct, timeMs: 0 });
    expect(solveRequestOf({ ...DEFAULTS, prior: 'mnist-vae', algorithm: 'dpr-adam', target: 'image' }, new Uint8Array([1]))).toMatchObject({ target: 'image', targetImage: new Uint8Array([1]) });
  });
});
