/**
 * The baselines suite of `dpr bench`: accuracy and per-iteration cost of every plain-signal solver
 * on seeded real Gaussian instances (n = 100, m = 600, y0 ~ N(0, I), noiseless; success = relative
 * error ≤ 1e-6 up to sign from the solver's default start), plus SPARTA on K-sparse signals
 * (n = 1000; success ≤ 1e-3 up to sign).
 */
import { gaussianSignalInstance, relativeErrorUpToSign, SOLVERS, solversWith, sparseInstance, type Problem, type Solver } from '@dpr/phase-retrieval';
import { machineDescription } from '../machine.js';
import { median, table, type Suite } from '../suite.js';

/** One record of `dpr bench baselines --json`. */
export interface BaselineBenchRecord {
  suite: 'baselines';
  solver: string;
  initializer: string;
  n: number;
  m: number;
  sparsity: number | null;
  seeds: number;
  successes: number;
  threshold: number;
  medianError: number;
  medianIterations: number;
  medianInitMs: number;
  medianMsPerIter: number;
  medianTotalMs: number;
}

function measureSolver(solver: Solver<any>, problems: Problem[], threshold: number, extra: object): Omit<BaselineBenchRecord, 'suite' | 'n' | 'm' | 'sparsity'> {
  solver.solve(problems[0]!, { ...extra, maxIters: 20 }); // JIT warm-up
  const errors: number[] = [], iterations: number[] = [], perIter: number[] = [], initMs: number[] = [], total: number[] = [];
  problems.forEach((p, i) => {
    const r = solver.solve(p, { ...extra, seed: i + 1, record: { time: true, objective: false } });
    const t = r.history.timeMs!;
    errors.push(relativeErrorUpToSign(r.estimate, p.truth!));
    iterations.push(r.iterations);
    initMs.push(t[0]!);
    total.push(r.timeMs);
    for (let k = 1; k < t.length; k++) perIter.push(t[k]! - t[k - 1]!);
  });
  const initializer = solver.capabilities.initializers?.default ?? 'own';
  return {
    solver: solver.id, initializer, seeds: problems.length, successes: errors.filter((e) => e <= threshold).length, threshold,
    medianError: median(errors), medianIterations: median(iterations), medianInitMs: median(initMs), medianMsPerIter: median(perIter), medianTotalMs: median(total),
  };
}

export const baselinesSuite: Suite = {
  options: ['seeds'],
  async run(options, log) {
    const seeds = options.seeds ?? 10;
    const records: BaselineBenchRecord[] = [];
    const dense = Array.from({ length: seeds }, (_, i) => gaussianSignalInstance({ n: 100, m: 600, seed: i + 1 }).problem);
    for (const solver of solversWith({ prior: false, sparsity: false })) {
      records.push({ suite: 'baselines', n: 100, m: 600, sparsity: null, ...measureSolver(solver, dense, 1e-6, {}) });
      log(`  ${solver.id}: ${records[records.length - 1]!.successes}/${seeds}`);
    }
    for (const [K, m] of [[3, 250], [5, 400], [10, 600]] as const) {
      const sparse = Array.from({ length: seeds }, (_, i) => sparseInstance({ n: 1000, m, sparsity: K, seed: i + 1 }).problem);
      records.push({ suite: 'baselines', n: 1000, m, sparsity: K, ...measureSolver(SOLVERS['sparta']!, sparse, 1e-3, { sparsity: K }) });
      log(`  sparta K=${K}: ${records[records.length - 1]!.successes}/${seeds}`);
    }
    const rows = records.map((r) => [
      r.solver, r.sparsity === null ? 'dense' : `K = ${r.sparsity}`, `${r.n} / ${r.m}`, r.initializer, `${r.successes}/${r.seeds}`, r.medianError.toExponential(1),
      r.medianIterations, r.medianInitMs.toFixed(2), r.medianMsPerIter.toFixed(3), r.medianTotalMs.toFixed(1),
    ]);
    const markdown = `## Baselines: accuracy and per-iteration cost\n\nCommand: \`pnpm --silent dpr bench baselines\` (part of \`pnpm bench\`). Machine: ${machineDescription()}. Date: ${new Date().toISOString().slice(0, 10)}. js loops, float64.\nDense rows: y0 ~ N(0, I_100), A iid N(0,1), m = 600, noiseless, success = rel. error ≤ 1e-6 up to sign from the solver's default start. SPARTA rows: K-sparse y0 ∈ R^1000 (non-zeros iid N(0,1)), success ≤ 1e-3 up to sign, no oracle stopping. Medians over ${seeds} seeds.\n\n${table(['solver', 'signal', 'n / m', 'initializer', 'success', 'median error', 'median iterations', 'init ms', 'ms/iter', 'total ms'], rows)}`;
    return { records, markdown };
  },
};
