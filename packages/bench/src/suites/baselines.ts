/**
 * The baselines suite of `dpr bench`: success and median time per solve of every plain-signal
 * solver at the points of the reference curves (REFERENCE_CURVES: PhasePack and the authors'
 * SPARTA1D, run in Octave): n = 100, m/n ∈ {2, 2.5, 3, 4}, y0 ~ N(0, I), success = relative error
 * ≤ 1e-5 up to sign; SPARTA at n = 1000, K ∈ {3, 5}, m ∈ {100, 150, 200}, success ≤ 1e-3. Seeded
 * instances of the same distribution (A iid N(0,1), noiseless), each solver from its default start
 * with its default stop rule (tol 1e-6; maxIters 10000, SPARTA 1000).
 */
import { REFERENCE_CURVES, gaussianSignalInstance, getSolver, relativeErrorUpToSign, sparseInstance, type ReferencePoint } from '@dpr/phase-retrieval';
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
  /** The reference implementation's successes out of 10 at this point (REFERENCE_CURVES). */
  referenceSuccesses: number;
  threshold: number;
  medianError: number;
  medianIterations: number;
  /** Median wall time of one solve, initializer included (ms). */
  medianTotalMs: number;
  /** Runs that ended with stopReason 'diverged' (counted as failures). */
  diverged: number;
}

function measurePoint(point: ReferencePoint, seeds: number): BaselineBenchRecord {
  const solver = getSolver(point.solver);
  const extra = point.sparsity === null ? {} : { sparsity: point.sparsity };
  const instance = (seed: number) =>
    (point.sparsity === null
      ? gaussianSignalInstance({ n: point.n, m: point.m, seed })
      : sparseInstance({ n: point.n, m: point.m, sparsity: point.sparsity, seed })).problem;
  solver.solve(instance(seeds + 1), { ...extra, maxIters: 20 }); // JIT warm-up
  const errors: number[] = [], iterations: number[] = [], total: number[] = [];
  let diverged = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const p = instance(seed);
    const r = solver.solve(p, { ...extra, seed });
    errors.push(relativeErrorUpToSign(r.estimate, p.truth!));
    iterations.push(r.iterations);
    total.push(r.timeMs);
    if (r.stopReason === 'diverged') diverged++;
  }
  return {
    suite: 'baselines', solver: solver.id, initializer: solver.capabilities.initializers?.default ?? 'own', n: point.n, m: point.m, sparsity: point.sparsity,
    seeds, successes: errors.filter((e) => Number.isFinite(e) && e <= point.threshold).length, referenceSuccesses: point.successes, threshold: point.threshold,
    medianError: median(errors), medianIterations: median(iterations), medianTotalMs: median(total), diverged,
  };
}

export const baselinesSuite: Suite = {
  options: ['seeds'],
  async run(options, log) {
    const seeds = options.seeds ?? 10;
    const records: BaselineBenchRecord[] = [];
    for (const point of REFERENCE_CURVES) {
      const r = measurePoint(point, seeds);
      records.push(r);
      log(`  ${r.solver} m=${r.m}${r.sparsity === null ? '' : ` K=${r.sparsity}`}: ${r.successes}/${seeds} (reference ${r.referenceSuccesses}/10), median ${r.medianTotalMs.toFixed(1)} ms`);
    }
    const rows = records.map((r) => [
      r.solver, r.sparsity === null ? 'dense' : `K = ${r.sparsity}`, `${r.n} / ${r.m}`, r.initializer, `${r.successes}/${r.seeds}`, `${r.referenceSuccesses}/10`,
      r.medianError.toExponential(1), r.medianIterations, r.medianTotalMs.toFixed(1),
    ]);
    const markdown = `## Baselines: success curves beside the reference implementations\n\nCommand: \`pnpm --silent dpr bench baselines\` (part of \`pnpm bench\`). Machine: ${machineDescription()}. Date: ${new Date().toISOString().slice(0, 10)}. Plain-signal baselines compute in float64 (js).\nDense rows: y0 ~ N(0, I_100), A iid N(0,1), noiseless, success = rel. error ≤ 1e-5 up to sign, default start (PhasePack's \`optimal\`), tol 1e-6, maxIters 10000. SPARTA rows: K-sparse y0 ∈ R^1000, success ≤ 1e-3, T = 1000. ${seeds} seeded instances per point. Reference column: PhasePack / the authors' SPARTA1D in GNU Octave on 10 numpy-written instances of the same distribution (sources in \`packages/phase-retrieval/src/reference-curves.ts\`).\n\n${table(['solver', 'signal', 'n / m', 'initializer', 'success', 'reference', 'median error', 'median iterations', 'median ms / solve'], rows)}`;
    return { records, markdown };
  },
};
