import { describe, expect, it } from 'vitest';
import { DenseOperator, JsBackend, Rng, type Vec } from '@dpr/linalg';
import {
  SOLVERS, amplitudeFlow, fienup, gaussianMeasurements, gaussianSignalInstance, gerchbergSaxton, getSolver, magnitudes, raf,
  relativeError, relativeErrorUpToSign, rwf, taf, twf, wirtingerFlow, type Problem, type Solver,
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
    const want: Record<string, string> = {
      'gerchberg-saxton': 'optimal', fienup: 'optimal', 'wirtinger-flow': 'spectral', 'amplitude-flow': 'orthogonal',
      taf: 'orthogonal', raf: 'weighted', twf: 'truncated-spectral', rwf: 'spectral',
    };
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
    for (const s of [amplitudeFlow, taf, raf, twf] as Solver<{ mu: number }>[]) expect(() => s.solve(p, { mu: -1 })).toThrow(/options\.mu/);
    expect(() => wirtingerFlow.solve(p, { muMax: 0 })).toThrow(/options\.muMax/);
    expect(() => rwf.solve(p, { muMax: 0 })).toThrow(/options\.muMax/);
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

/** Explicit rows a_i of a dense A, and the quantities of the papers written out by hand. */
function explicit(p: Problem & { A: DenseOperator }) {
  const m = p.A.outputDim, n = p.A.inputDim, data = p.A.matrix.toFloat64Array();
  const row = (i: number) => data.subarray(i * n, (i + 1) * n);
  const dot = (a: ArrayLike<number>, y: ArrayLike<number>) => Array.from(a).reduce((s, v, j) => s + v * y[j]!, 0);
  const rowNorm2 = (i: number) => dot(row(i), row(i));
  let total = 0;
  for (let i = 0; i < m; i++) total += rowNorm2(i);
  const sigma2 = total / (m * n);
  const lambda2 = (n * p.b.reduce((s, v) => s + v * v, 0)) / total;
  /** y − τ (1/m) Σ_i r_i a_i. */
  const update = (y: Vec, tau: number, r: (i: number, z: number) => number) => {
    const out = y.slice();
    for (let i = 0; i < m; i++) {
      const ri = r(i, dot(row(i), y));
      for (let j = 0; j < n; j++) out[j]! -= (tau / m) * ri * row(i)[j]!;
    }
    return out;
  };
  return { m, n, row, dot, rowNorm2, sigma2, lambda2, update };
}

describe('gradient methods: one step matches the paper formula written out', () => {
  const p = gaussianSignalInstance({ n: 8, m: 60, seed: 12, measurementScale: 'inverse-m' }).problem;
  const E = explicit(p);
  const y = new Rng(5).gaussianVec(8).map((v, j) => 0.7 * p.truth[j]! + 0.3 * v); // a start near y0
  const b = p.b;
  const sign = Math.sign;
  const oneStep = (s: Solver<any>, extra: object = {}) => s.solve(p, { init: y, maxIters: 1, tol: 0, ...extra });
  const close = (got: Vec, want: Vec) => expect(relativeError(got, want)).toBeLessThan(1e-12);

  it('wirtinger-flow: μ_1 = min(1 − e^{−1/330}, 0.2), τ = μ_1/(σ⁴λ²), r_i = ((a_iᵀy)² − b_i²) a_iᵀy', () => {
    const r = oneStep(wirtingerFlow);
    const tau = Math.min(1 - Math.exp(-1 / 330), 0.2) / (E.sigma2 ** 2 * E.lambda2);
    expect(r.info['stepSize']).toBeCloseTo(tau, 10);
    close(r.estimate, E.update(y, tau, (i, z) => (z * z - b[i]! ** 2) * z));
    const late = wirtingerFlow.solve(p, { init: y, maxIters: 2000, tol: 0 });
    expect((late.info['stepSize'] as number) * E.sigma2 ** 2 * E.lambda2).toBeCloseTo(0.2, 12);
  });

  it('amplitude-flow: τ = μ/σ² (μ = 0.6), r_i = a_iᵀy − b_i sgn(a_iᵀy)', () => {
    close(oneStep(amplitudeFlow).estimate, E.update(y, 0.6 / E.sigma2, (i, z) => z - b[i]! * sign(z)));
  });

  it('rwf: WF step with weights w_i = 1/(|e_i|/ν + η) over their mean, ν = (1/m) Σ b_i², η = 0.9', () => {
    const check = (eta: number) => {
      const e = (i: number) => E.dot(E.row(i), y) ** 2 - b[i]! ** 2;
      const nu = b.reduce((s, v) => s + v * v, 0) / E.m; // = σ²λ²
      const w = Array.from({ length: E.m }, (_, i) => 1 / (Math.abs(e(i)) / nu + eta));
      const wMean = w.reduce((s, v) => s + v, 0) / E.m;
      const tau = Math.min(1 - Math.exp(-1 / 330), 0.2) / (E.sigma2 ** 2 * E.lambda2);
      const r = oneStep(rwf, { eta });
      expect(r.info['stepSize']).toBeCloseTo(tau, 10);
      close(r.estimate, E.update(y, tau, (i, z) => (w[i]! / wMean) * (z * z - b[i]! ** 2) * z));
      expect(Math.max(...w) / Math.min(...w)).toBeGreaterThan(2); // the reweighting is exercised
    };
    check(0.9);
    check(0.1);
    // the weights change the step: it is not WF's
    expect(relativeError(oneStep(rwf).estimate, oneStep(wirtingerFlow).estimate)).toBeGreaterThan(1e-6);
    // reported objective: the weighted loss (1/4m) Σ (w_i/w̄) e_i² at the start
    const e0 = (i: number) => E.dot(E.row(i), y) ** 2 - b[i]! ** 2;
    const nu = b.reduce((s, v) => s + v * v, 0) / E.m;
    const w0 = Array.from({ length: E.m }, (_, i) => 1 / (Math.abs(e0(i)) / nu + 0.9));
    const w0Mean = w0.reduce((s, v) => s + v, 0) / E.m;
    const f0 = w0.reduce((s, wi, i) => s + (wi / w0Mean) * e0(i) ** 2, 0) / (4 * E.m);
    expect(Math.abs(rwf.solve(p, { init: y, maxIters: 0 }).objective / f0 - 1)).toBeLessThan(1e-12);
  });

  it('taf: only |a_iᵀy| ≥ b_i/(1+γ) contribute (γ = 0.7, μ = 0.6)', () => {
    const want = E.update(y, 0.6 / E.sigma2, (i, z) => (Math.abs(z) >= b[i]! / 1.7 ? z - b[i]! * sign(z) : 0));
    close(oneStep(taf).estimate, want);
    let dropped = 0;
    for (let i = 0; i < E.m; i++) if (Math.abs(E.dot(E.row(i), y)) < b[i]! / 1.7) dropped++;
    expect(dropped).toBeGreaterThan(0); // the truncation is exercised
    expect(relativeError(oneStep(amplitudeFlow).estimate, want)).toBeGreaterThan(1e-6);
  });

  it('raf: weights |a_iᵀy|/(|a_iᵀy| + β b_i) (β = 10, μ = 2)', () => {
    close(oneStep(raf).estimate, E.update(y, 2 / E.sigma2, (i, z) => (Math.abs(z) / (Math.abs(z) + 10 * b[i]!)) * (z - b[i]! * sign(z))));
    close(oneStep(raf, { beta: 3, mu: 1 }).estimate, E.update(y, 1 / E.sigma2, (i, z) => (Math.abs(z) / (Math.abs(z) + 3 * b[i]!)) * (z - b[i]! * sign(z))));
  });

  it('twf: truncation sets E₁ ∩ E₂ with α_lb = 0.3, α_ub = 5, α_h = 5 and μ = 0.2', () => {
    const check = (alphaLb: number, alphaUb: number, alphaH: number) => {
      const ny = Math.sqrt(E.dot(y, y));
      let K = 0;
      for (let i = 0; i < E.m; i++) K += Math.abs(b[i]! ** 2 - E.dot(E.row(i), y) ** 2) / E.m;
      let kept = 0;
      const want = E.update(y, 0.2 / E.sigma2, (i, z) => {
        const rel = (Math.sqrt(E.n) * Math.abs(z)) / (Math.sqrt(E.rowNorm2(i)) * ny);
        const keep = rel >= alphaLb && rel <= alphaUb && Math.abs(b[i]! ** 2 - z * z) <= alphaH * K * rel;
        if (keep) kept++;
        return keep ? (2 * (z * z - b[i]! ** 2)) / z : 0;
      });
      close(oneStep(twf, { alphaLb, alphaUb, alphaH }).estimate, want);
      return kept;
    };
    const kept = check(0.3, 5, 5);
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(E.m); // the truncation is exercised
    expect(check(0.5, 2, 1)).toBeLessThan(kept);
  });

  it('each step is minus τ times the gradient of the reported objective (central differences)', () => {
    // WF, AF: their losses; TWF with truncation off: the Poisson deviance. (RWF's weights are
    // refreshed from y each step, so its step is the gradient with the weights held fixed.)
    const noTruncation = { alphaLb: 1e-9, alphaUb: 1e9, alphaH: 1e9 };
    for (const [s, extra] of [[wirtingerFlow, {}], [amplitudeFlow, {}], [twf, noTruncation]] as const) {
      const r = oneStep(s, extra);
      const tau = r.info['stepSize'] as number;
      const f = (x: Vec) => s.solve(p, { ...extra, init: x, maxIters: 0 }).objective;
      const h = 1e-6;
      for (let j = 0; j < E.n; j++) {
        const xp = y.slice(), xm = y.slice();
        xp[j]! += h;
        xm[j]! -= h;
        const fd = (f(xp) - f(xm)) / (2 * h);
        const step = (y[j]! - r.estimate[j]!) / tau;
        expect(Math.abs(fd - step)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(fd)));
      }
    }
  });
});

describe('scale invariance: A and b scaled by c give the same iterates', () => {
  it('every baseline, from its default start', () => {
    const { problem } = gaussianSignalInstance({ n: 30, m: 180, seed: 8 });
    const c = 0.037;
    const data = problem.A.matrix.toFloat64Array().map((v) => c * v);
    const scaled: Problem = { A: DenseOperator.fromArray(new JsBackend(), data, 180, 30), b: problem.b.map((v) => c * v), truth: problem.truth };
    for (const s of BASELINES) {
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
