import { describe, expect, it } from 'vitest';
import { DenseOperator, JsBackend, Rng, createBackend, type Vec } from '@dpr/linalg';
import {
  SOLVERS, amplitudeFlow, fienup, gaussianMeasurements, gaussianSignalInstance, gerchbergSaxton, getSolver, magnitudes, raf,
  relativeError, relativeErrorUpToSign, rwf, taf, twf, wirtingerFlow, type BetaChoice, type Problem, type SearchMethod, type Solver,
} from '../src/index.js';
import { nonNegativeInstance } from './solver-conformance.js';

const GRADIENT_METHODS = [wirtingerFlow, amplitudeFlow, taf, raf, twf, rwf];
const BASELINES = [gerchbergSaxton, fienup, ...GRADIENT_METHODS];

// the solver contract runs on every registered solver in solvers.test.ts
const small = () => gaussianSignalInstance({ n: 20, m: 120, seed: 4 }).problem;

describe('baselines: registry and defaults', () => {
  it('registers every baseline as a plain-signal solver', () => {
    for (const s of BASELINES) {
      expect(SOLVERS[s.id]).toBe(s);
      expect(getSolver(s.id)).toBe(s);
      expect(s.needsPrior).toBe(false);
    }
  });

  it("starts from each paper's initializer, or from `init` (custom)", () => {
    // PhasePack's default initMethod (manageOptions) for every solver
    const want: Record<string, string> = Object.fromEntries(BASELINES.map((s) => [s.id, 'optimal']));
    const p = small();
    for (const s of BASELINES) {
      expect(s.capabilities.initializers?.default).toBe(want[s.id]);
      expect(s.solve(p, { maxIters: 1 }).info['initializer']).toBe(want[s.id]);
      const init = new Rng(3).gaussianVec(20);
      const r = s.solve(p, { maxIters: 0, init });
      expect(r.info['initializer']).toBe('custom');
      expect(Array.from(r.estimate)).toEqual(Array.from(init));
    }
  });

  it('rejects bad solver options with typed errors', () => {
    const p = small();
    for (const s of BASELINES) {
      expect(() => s.solve(p, { initializer: 'nope' } as never)).toThrow(/options\.initializer/);
      expect(() => s.solve(p, { initializer: 'custom' } as never)).toThrow(/options\.init/);
    }
    expect(() => taf.solve(p, { truncationPeriod: 0 })).toThrow(/options\.truncationPeriod/);
    expect(() => rwf.solve(p, { reweightPeriod: 1.5 })).toThrow(/options\.reweightPeriod/);
    expect(() => rwf.solve(p, { eta: -0.5 })).toThrow(/options\.eta/);
    expect(() => taf.solve(p, { gamma: Number.NaN })).toThrow(/options\.gamma/);
    expect(() => raf.solve(p, { beta: 0 })).toThrow(/options\.beta/);
    expect(() => twf.solve(p, { alphaLb: 6 })).toThrow(/options\.alphaLb/);
    expect(() => gerchbergSaxton.solve(p, { maxInnerIters: 0 })).toThrow(/options\.maxInnerIters/);
    expect(() => fienup.solve(p, { nonNegative: 'yes' } as never)).toThrow(/options\.nonNegative/);
  });
});

describe('baselines recover real Gaussian signals (n = 100, m = 600, noiseless)', () => {
  // Two seeds with N(0,1) entries, one with N(0,1/m): the steps are scale-free, no retuning.
  const cases = [
    { seed: 1, measurementScale: 'unit' as const },
    { seed: 2, measurementScale: 'unit' as const },
    { seed: 3, measurementScale: 'inverse-m' as const },
  ];
  for (const solver of BASELINES) {
    it(`${solver.id} reaches relative error ≤ 1e-6 up to sign from its default start`, () => {
      for (const c of cases) {
        const { problem } = gaussianSignalInstance({ n: 100, m: 600, ...c });
        const r = solver.solve(problem, { seed: c.seed });
        expect(relativeErrorUpToSign(r.estimate, problem.truth)).toBeLessThanOrEqual(1e-6);
        expect(r.stopReason).toBe('tol');
      }
    });
  }
});

/** Explicit rows a_i of a dense A, and PhasePack's step written out by hand. */
function explicit(p: Problem & { A: DenseOperator }) {
  const m = p.A.outputDim, n = p.A.inputDim, data = p.A.matrix.toFloat64Array();
  const row = (i: number) => data.subarray(i * n, (i + 1) * n);
  const dot = (a: ArrayLike<number>, y: ArrayLike<number>) => Array.from(a).reduce((s, v, j) => s + v * y[j]!, 0);
  /** Aᵀ g(A y) for a measurement-domain gradient g. */
  const grad = (y: Vec, g: (i: number, z: number) => number) => {
    const out = new Float64Array(n);
    for (let i = 0; i < m; i++) {
      const gi = g(i, dot(row(i), y));
      for (let j = 0; j < n; j++) out[j]! += gi * row(i)[j]!;
    }
    return out;
  };
  const sigma = Math.sqrt(data.reduce((t, v) => t + v * v, 0) / (m * n));
  return { m, n, row, dot, grad, sigma };
}

describe("gradient methods: PhasePack's objectives and its gradient-descent helper, written out", () => {
  const p = gaussianSignalInstance({ n: 8, m: 60, seed: 12 }).problem;
  const E = explicit(p);
  const y = new Rng(5).gaussianVec(8).map((v, j) => 0.7 * p.truth[j]! + 0.3 * v); // a start near y0
  const b = p.b, sign = Math.sign;
  const z0 = Array.from({ length: E.m }, (_, i) => E.dot(E.row(i), y));
  const sum = (f: (i: number) => number) => Array.from({ length: E.m }, (_, i) => f(i)).reduce((a, c) => a + c, 0);
  // the measurement-domain gradients of each method at the start (weights/truncation built at y)
  const tafKeep = (i: number) => Math.abs(z0[i]!) >= b[i]! / 1.7;
  const tafCount = sum((i) => (tafKeep(i) ? 1 : 0));
  const rafW = (i: number) => { const t = Math.abs(z0[i]!) / b[i]!; return t / (t + 10); };
  const rafSum = sum(rafW);
  const rwfW = (i: number) => 1 / (Math.abs(z0[i]! ** 2 - b[i]! ** 2) + 0.9);
  const rwfSum = sum(rwfW);
  const ny = Math.sqrt(E.dot(y, y));
  const K = sum((i) => Math.abs(b[i]! ** 2 - z0[i]! ** 2)) / E.m;
  const twfKeep = (i: number) => {
    const r = Math.abs(z0[i]!) / (E.sigma * ny); // σ² = mean squared entry of A (≈ 1 here)
    return r >= 0.1 && r <= 5 && Math.abs(b[i]! ** 2 - z0[i]! ** 2) <= 6 * K * r;
  };
  const twfCount = sum((i) => (twfKeep(i) ? 1 : 0));
  const cases: [Solver<any>, (i: number, z: number) => number][] = [
    [wirtingerFlow, (i, z) => (z * z - b[i]! ** 2) * z],
    [amplitudeFlow, (i, z) => z - b[i]! * sign(z)],
    [taf, (i, z) => (tafKeep(i) ? (z - b[i]! * sign(z)) / tafCount : 0)],
    [raf, (i, z) => (rafW(i) * (z - b[i]! * sign(z))) / rafSum],
    [rwf, (i, z) => (rwfW(i) * (z * z - b[i]! ** 2) * z) / rwfSum],
    [twf, (i, z) => (twfKeep(i) ? (z * z - b[i]! ** 2) / z / twfCount : 0)],
  ];
  const close = (got: Vec, want: Vec, tol = 1e-10) => expect(relativeError(got, want)).toBeLessThan(tol);

  for (const [s, g] of cases) {
    it(`${s.id}: the first step is x − τ Aᵀ∇f(Ax) with Armijo backtracking; the second a Barzilai–Borwein step`, () => {
      const one = s.solve(p, { init: y, maxIters: 1, tol: 0, seed: 3 });
      const g0 = E.grad(y, g);
      const tau1 = one.info['stepSize'] as number;
      close(one.estimate, y.map((v, j) => v - tau1 * g0[j]!));
      // Armijo: f(x1) ≤ f(x0) − 0.1 τ ‖g‖² unless 20 backtracks were used up
      const f = (x: Vec) => s.solve(p, { init: x, maxIters: 0 }).objective;
      if ((one.info['backtracks'] as number) < 21) expect(one.objective).toBeLessThanOrEqual(f(y) - 0.1 * tau1 * E.dot(g0, g0) + 1e-12 * Math.abs(f(y)));
      // second step: the adaptive BB rule from Δx and Δg (objective not rebuilt within the period)
      const two = s.solve(p, { init: y, maxIters: 2, tol: 0, seed: 3 });
      const x1 = one.estimate, g1 = E.grad(x1, g);
      const dx = x1.map((v, j) => v - y[j]!), dg = g1.map((v, j) => v - g0[j]!);
      const dd = E.dot(dx, dg), tauS = E.dot(dx, dx) / dd, tauM = Math.max(dd / E.dot(dg, dg), 0);
      let tau2 = 2 * tauM > tauS ? tauM : tauS - tauM / 2;
      if (!(tau2 > 0)) tau2 = 1.5 * tau1;
      if (two.info['backtracks'] === one.info['backtracks']) {
        expect(two.info['stepSize'] as number).toBeCloseTo(tau2, 8);
        close(two.estimate, x1.map((v, j) => v - tau2 * g1[j]!), 1e-8);
      }
    });
  }

  it('the objectives are those of PhasePack (AF, TAF, RAF, TWF: ∇f is their derivative; WF, RWF: half of it, the Wirtinger convention)', () => {
    for (const [s, half] of [[amplitudeFlow, 1], [taf, 1], [raf, 1], [twf, 1], [wirtingerFlow, 0.5], [rwf, 0.5]] as const) {
      const one = s.solve(p, { init: y, maxIters: 1, tol: 0, seed: 3 });
      const tau = one.info['stepSize'] as number;
      const f = (x: Vec) => s.solve(p, { init: x, maxIters: 0 }).objective; // the objective built at x
      const h = 1e-6;
      for (let j = 0; j < E.n; j++) {
        const xp = y.slice(), xm = y.slice();
        xp[j]! += h;
        xm[j]! -= h;
        // the weights are rebuilt at x ± h, which moves them only at second order for AF/WF; compare where fixed weights apply
        if (s === raf || s === rwf || s === taf || s === twf) continue;
        const fd = (f(xp) - f(xm)) / (2 * h);
        const step = (y[j]! - one.estimate[j]!) / tau;
        expect(Math.abs(half * fd - step)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(fd)));
      }
    }
  });

  it("PhasePack's other search directions (NCG with each β, L-BFGS) also converge, and differ from steepest descent", () => {
    const q = gaussianSignalInstance({ n: 100, m: 600, seed: 4 }).problem;
    const variants: { searchMethod: SearchMethod; betaChoice?: BetaChoice }[] = [{ searchMethod: 'lbfgs' }, ...(['HS', 'FR', 'PR', 'DY'] as const).map((betaChoice) => ({ searchMethod: 'ncg' as const, betaChoice }))];
    for (const extra of variants) {
      // WF with NCG-FR stalls short of 1e-5, in PhasePack as well (0/10 at n = 100, m = 300 in Octave)
      for (const s of extra.searchMethod === 'ncg' && extra.betaChoice !== 'HS' ? [taf, raf] : [wirtingerFlow, taf, raf]) {
        const r = s.solve(q, { seed: 1, ...extra });
        expect(relativeErrorUpToSign(r.estimate, q.truth), `${s.id} ${JSON.stringify(extra)}`).toBeLessThanOrEqual(1e-5);
        expect(r.stopReason).toBe('tol');
      }
    }
    const lb = taf.solve(q, { seed: 1, searchMethod: 'lbfgs', maxIters: 5, tol: 0 });
    expect(relativeError(lb.estimate, taf.solve(q, { seed: 1, maxIters: 5, tol: 0 }).estimate)).toBeGreaterThan(1e-12);
    expect(() => taf.solve(q, { searchMethod: 'newton' } as never)).toThrow(/options\.searchMethod/);
    expect(() => taf.solve(q, { searchMethod: 'ncg', betaChoice: 'XX' } as never)).toThrow(/options\.betaChoice/);
  });

  it("stops on PhasePack's relative residual ‖Δx‖/max‖Δx‖ ≤ tol, met three times", () => {
    const q = gaussianSignalInstance({ n: 50, m: 300, seed: 2 }).problem;
    let hits = 0, last = 0;
    const r = wirtingerFlow.solve(q, {
      onIteration: (info) => {
        if (info.change <= 1e-6) hits++;
        last = info.change;
      },
    });
    expect(r.stopReason).toBe('tol');
    expect(hits).toBe(3);
    expect(last).toBeLessThanOrEqual(1e-6);
  });
});

describe('scale invariance: A and b scaled by c give the same iterates', () => {
  // not RWF: PhasePack's η is absolute, so its weights depend on the scale of b
  it('every baseline but rwf, from its default start', () => {
    const { problem } = gaussianSignalInstance({ n: 30, m: 180, seed: 8 });
    const c = 0.037;
    const data = problem.A.matrix.toFloat64Array().map((v) => c * v);
    const scaled: Problem = { A: DenseOperator.fromArray(new JsBackend(), data, 180, 30), b: problem.b.map((v) => c * v), truth: problem.truth };
    for (const s of BASELINES.filter((t) => t !== rwf)) {
      const a = s.solve(problem, { maxIters: 15, tol: 0, seed: 2 });
      const b = s.solve(scaled, { maxIters: 15, tol: 0, seed: 2 });
      expect(relativeError(b.estimate, a.estimate)).toBeLessThan(1e-8);
    }
  });
});

describe('fienup', () => {
  it('without a constraint is error reduction: the same iterates as gerchberg-saxton', () => {
    const p = small();
    const a = fienup.solve(p, { maxIters: 4, tol: 0, seed: 3 });
    const b = gerchbergSaxton.solve(p, { maxIters: 4, tol: 0, seed: 3 });
    expect(Array.from(a.estimate)).toEqual(Array.from(b.estimate));
  });

  it("applies the hybrid input-output rule g ← g' where g' ≥ 0, g − β g' elsewhere", () => {
    const p = nonNegativeInstance(20, 120, 6);
    const g = new Rng(1).gaussianVec(20);
    const gPrime = gerchbergSaxton.solve(p, { init: g, maxIters: 1, tol: 0 }).estimate;
    expect(gPrime.some((v) => v < 0)).toBe(true);
    for (const beta of [0.5, 0.9]) {
      const got = fienup.solve(p, { init: g, maxIters: 1, tol: 0, nonNegative: true, beta }).estimate;
      expect(Array.from(got)).toEqual(Array.from(gPrime, (v, j) => (v >= 0 ? v : g[j]! - beta * v)));
    }
  });

  it('the non-negativity constraint recovers what error reduction cannot from a random start', () => {
    for (const seed of [1, 2]) {
      const p = nonNegativeInstance(100, 600, seed);
      const hio = fienup.solve(p, { nonNegative: true, initializer: 'random', seed, maxIters: 300 });
      const er = gerchbergSaxton.solve(p, { initializer: 'random', seed, maxIters: 300 });
      expect(relativeError(hio.estimate, p.truth)).toBeLessThan(1e-6); // not only up to sign
      expect(relativeErrorUpToSign(er.estimate, p.truth)).toBeGreaterThan(0.1);
    }
  });
});

describe('baselines: where the products run (products option)', () => {
  it("computes in float64 by default and on A's own backend with products: 'backend'", async () => {
    const p = small(); // a float64 (js) A: both choices are the same arithmetic
    for (const s of BASELINES) {
      expect((s.defaults as { products?: string }).products).toBe('float64');
      expect(() => s.solve(p, { products: 'half' } as never)).toThrow(/options\.products/);
      expect(Array.from(s.solve(p, { maxIters: 5, products: 'backend' }).estimate)).toEqual(Array.from(s.solve(p, { maxIters: 5 }).estimate));
    }
    // a float32 (wasm) A: float32 products give iterates near, but not equal to, the float64 ones
    const wasm = await createBackend('wasm');
    const A = p.A as DenseOperator;
    const p32: Problem = { ...p, A: DenseOperator.fromArray(wasm, A.matrix.toFloat64Array(), A.outputDim, A.inputDim) };
    for (const s of [gerchbergSaxton, wirtingerFlow]) {
      const a = s.solve(p32, { maxIters: 3 }).estimate, b = s.solve(p32, { maxIters: 3, products: 'backend' }).estimate;
      const d = relativeError(b, a);
      expect(d).toBeGreaterThan(0);
      expect(d).toBeLessThan(1e-4);
    }
    wasm.dispose();
  });
});
