import { describe, expect, it } from 'vitest';
import { ArgumentError } from '@dpr/linalg';
import { RHO_1, rho, rhoByMinimization, rhoTable } from '../src/index.js';

describe('ρ_d', () => {
  it('ρ_1 = 2/π, the value derived by hand in the README', () => {
    expect(RHO_1).toBe(2 / Math.PI);
    expect(rho(1)).toBeCloseTo(2 / Math.PI, 15);
    expect(rho(1).toPrecision(4)).toBe('0.6366');
  });

  it('equals the 1-D minimiser of f̄ on the −x0 ray for every depth', () => {
    for (let d = 0; d <= 12; d++) expect(rho(d)).toBeCloseTo(rhoByMinimization(d), 6); // golden section: ~sqrt(ε) in the argmin
  });

  it('increases with d ≥ 1 and tends to 1 (ρ_0 = 1: no layers, symmetric minima)', () => {
    expect(rho(0)).toBeCloseTo(1, 15);
    const t = rhoTable([1, 2, 3, 4, 5, 10, 100, 1000, 100000]);
    for (let i = 1; i < t.length; i++) expect(t[i]!.rho).toBeGreaterThan(t[i - 1]!.rho);
    expect(t.at(-1)!.rho).toBeLessThan(1);
    expect(t.at(-1)!.rho).toBeGreaterThan(1 - 1e-6);
    expect(rho(2).toPrecision(4)).toBe('0.6692');
  });

  it('rejects non-integer or negative depths', () => {
    expect(() => rho(-1)).toThrow(ArgumentError);
    expect(() => rho(2.5)).toThrow(ArgumentError);
    expect(() => rho(Number.NaN)).toThrow(ArgumentError);
  });
});
