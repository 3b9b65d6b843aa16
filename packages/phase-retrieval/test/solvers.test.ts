/** The solver contract on every registered solver (see `solver-conformance.ts`). */
import { describe, expect, it } from 'vitest';
import { SOLVERS, solversWith } from '../src/index.js';
import { conformanceCases, describeSolver } from './solver-conformance.js';

for (const solver of Object.values(SOLVERS)) {
  for (const c of conformanceCases(solver)) describeSolver(solver, c.makeProblem, c.extra, c.name);
}

describe('solver registry', () => {
  it('filters solvers by capability', () => {
    const ids = (f: Parameters<typeof solversWith>[0]) => solversWith(f).map((s) => s.id);
    expect(ids({ prior: true })).toEqual(['dpr', 'dpr-adam']);
    expect(ids({ sparsity: true })).toEqual(['sparta']);
    expect(ids({ prior: false, sparsity: false }).length).toBe(Object.keys(SOLVERS).length - 3);
    expect(ids({ nonNegative: true })).toEqual(['fienup']);
    expect(ids({ restarts: true })).toEqual(['dpr', 'dpr-adam']);
    expect(ids({ complex: true })).toEqual(['dpr', 'dpr-adam', 'gerchberg-saxton', 'fienup', 'wirtinger-flow', 'amplitude-flow', 'taf', 'raf', 'twf', 'rwf']);
  });
});
