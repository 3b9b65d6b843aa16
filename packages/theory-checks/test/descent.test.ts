import { describe, expect, it } from 'vitest';
import { ArgumentError, Rng, mat, type Mat, type Vec } from '@dpr/linalg';
import { MlpGenerator, ReluNetwork } from '@dpr/generative-prior';
import { dprDescentDirection, dprObjective, gaussianPriorInstance, magnitudes, type Problem } from '@dpr/phase-retrieval';
import { ReluPasses, descentCertificate } from '../src/index.js';

const col = (x: Vec): Mat => mat(x.length, 1, x);

/** One-sided derivative by finite differences with Richardson extrapolation (exact on a quadratic piece). */
function fdDerivative(p: Problem, x: Vec, u: Vec, t = 1e-6): number {
  const f = (s: number) => dprObjective(p, x.map((q, i) => q + s * (u[i] as number)));
  const f0 = f(0);
  return (4 * (f(t) - f0) - (f(2 * t) - f0)) / (2 * t);
}

describe('exact one-sided directional derivatives (ReluPasses)', () => {
  const { problem, x0 } = gaussianPriorInstance({ dims: [3, 30, 60], m: 80, seed: 1 });
  const passes = new ReluPasses(problem.prior, problem.A, problem.b);

  it('f and v agree with the phase-retrieval package; D_{−v} f = −‖v‖² where f is differentiable', () => {
    const rng = new Rng(2);
    for (let t = 0; t < 5; t++) {
      const x = rng.gaussianVec(3);
      const r = passes.evaluate(col(x));
      const ref = dprDescentDirection(problem, x);
      expect(r.f[0]).toBeCloseTo(ref.f, 8);
      for (let i = 0; i < 3; i++) expect(r.v.data[i]).toBeCloseTo(ref.v[i] as number, 8);
      const vn2 = ref.v.reduce((s, q) => s + q * q, 0);
      expect(r.derivative[0]! / -vn2).toBeCloseTo(1, 12);
      expect(r.derivative[0]! / fdDerivative(problem, x, ref.v.map((q) => -q))).toBeCloseTo(1, 4);
    }
  });

  it('matches finite differences along arbitrary directions, also at a ReLU kink', () => {
    const rng = new Rng(3);
    const W1 = problem.prior.weights(1);
    // x ⊥ row 0 of W_1 (in R^3): that unit's input is exactly 0 at x
    const x = Float64Array.from([W1[1] as number, -(W1[0] as number), 0]);
    expect((W1[0] as number) * (x[0] as number) + (W1[1] as number) * (x[1] as number) + (W1[2] as number) * (x[2] as number)).toBe(0);
    for (let t = 0; t < 6; t++) {
      const u = rng.gaussianVec(3);
      const r = passes.evaluate(col(x), col(u));
      expect(r.derivative[0]! / fdDerivative(problem, x, u)).toBeCloseTo(1, 4);
      // one-sided: D_{−u} ≠ −D_u in general at a kink, but each matches its own finite difference
      const back = passes.evaluate(col(x), col(u.map((q) => -q)));
      expect(back.derivative[0]! / fdDerivative(problem, x, u.map((q) => -q))).toBeCloseTo(1, 4);
    }
    void x0;
  });

  it('at x = 0: D_w f(0) = −⟨|A G(w)|, b⟩ < 0 (positive homogeneity)', () => {
    const rng = new Rng(4);
    for (let t = 0; t < 4; t++) {
      const w = rng.gaussianVec(3);
      const r = passes.evaluate(col(new Float64Array(3)), col(w));
      const AGw = problem.A.apply(problem.prior.forward(w));
      const exact = -AGw.reduce((s, q, j) => s + Math.abs(q) * (problem.b[j] as number), 0);
      expect(r.derivative[0]! / exact).toBeCloseTo(1, 12);
      expect(exact).toBeLessThan(0);
      expect(r.derivative[0]! / fdDerivative(problem, new Float64Array(3), w)).toBeCloseTo(1, 4);
    }
  });
});

describe('descentCertificate', () => {
  it('k = 2 grid on a small Section 4.1-like net: every point outside the balls descends', () => {
    const { problem } = gaussianPriorInstance({ dims: [2, 60, 120], m: 150, seed: 5 });
    const x0 = Float64Array.from([1, 0]);
    const p = { ...problem, b: magnitudes(problem.A, problem.prior.forward(x0)) };
    const c = descentCertificate(p, { x0, gridSize: 61, keepValues: true });
    expect(c.points + c.excluded).toBe(61 * 61);
    expect(c.excluded).toBeGreaterThan(0);
    expect(c.fraction).toBeGreaterThan(0.99);
    expect(c.worst.derivative).toBeLessThanOrEqual(Math.max(...Array.from(c.values!).filter((q) => !Number.isNaN(q))));
    expect(c.atZero.negative).toBe(c.atZero.directions);
    expect(c.atZero.max).toBeLessThan(0);
    expect(c.depth).toBe(2);
    expect(c.rho).toBeCloseTo(0.6692, 4);
    expect(c.sampling).toMatch(/61×61 grid/);
  });

  it('k > 2: random points and rays (including ±x̂0)', () => {
    const { problem, x0 } = gaussianPriorInstance({ dims: [4, 60, 120], m: 200, seed: 6 });
    const c = descentCertificate(problem, { x0, samples: 500, rays: 6, rayPoints: 20, zeroDirections: 32, radius: 0.2 });
    expect(c.points + c.excluded).toBe(500 + 120);
    expect(c.fraction).toBeGreaterThan(0.97);
    expect(c.atZero.negative).toBe(32);
  });

  it('rejects bad input with ArgumentError', () => {
    const { problem, x0 } = gaussianPriorInstance({ dims: [2, 10, 20], m: 30, seed: 7 });
    expect(() => descentCertificate(problem, {} as never)).toThrow(ArgumentError);
    expect(() => descentCertificate(problem, { x0: new Float64Array(3) })).toThrow(ArgumentError);
    expect(() => descentCertificate(problem, { x0, radius: -1 })).toThrow(ArgumentError);
    expect(() => descentCertificate(problem, { x0, gridSize: 0 })).toThrow(ArgumentError);
    const soft = new MlpGenerator([{ W: new Float64Array(20).fill(0.1), inDim: 2, outDim: 10, activation: 'softplus' }, { W: new Float64Array(200).fill(0.1), inDim: 10, outDim: 20, activation: 'relu' }]);
    expect(() => descentCertificate({ ...problem, prior: soft }, { x0 })).toThrow(ArgumentError);
    expect(() => descentCertificate({ ...problem, prior: undefined } as never, { x0 })).toThrow(ArgumentError);
    void ReluNetwork;
  });
});
