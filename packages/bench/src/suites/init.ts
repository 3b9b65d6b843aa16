/**
 * The initializer suite of `dpr bench init`: DPR single runs (R = 1) from its default seeded random
 * start and from PPower (generative spectral initialisation, `--init ppower`) on the same seeded
 * Section 4.1 instances (k = 10, n1 = 500, n = 1000), m = 100 and 150 by default, exactly as
 * `dpr solve --algorithm dpr [--init ppower] --m M --seed S` runs them (instance seed S, solver
 * seed S, PPower seed deriveSeed(S, 5)). With `--noise` the same noise spec is applied to every
 * instance (seed deriveSeed(S, 4)), so the suite also sweeps SNR.
 */
import { deriveSeed } from '@dpr/linalg';
import { addNoise, dpr, gaussianPriorInstance, ppowerInit, relativeError, SUCCESS_THRESHOLD } from '@dpr/phase-retrieval';
import { machineDescription } from '../machine.js';
import { median, table, type Suite } from '../suite.js';

/** One trial of `dpr bench init --json`. */
export interface InitBenchRecord {
  suite: 'init';
  m: number;
  seed: number;
  init: 'random' | 'ppower';
  noise: string | null;
  relError: number;
  success: boolean;
  /** DPR solve time (ms). */
  solveMs: number;
  /** PPower time (ms; 0 for random). */
  initMs: number;
}

export const initSuite: Suite = {
  options: ['instances', 'm', 'noise'],
  async run(options, log) {
    const N = options.instances ?? 25;
    const ms = options.m === undefined ? [100, 150] : [options.m];
    const records: InitBenchRecord[] = [];
    for (const m of ms) {
      for (let seed = 0; seed < N; seed++) {
        const { problem: clean } = gaussianPriorInstance({ m, seed });
        const problem = options.noise ? { ...clean, b: addNoise(clean.b, options.noise, deriveSeed(seed, 4)).b } : clean;
        for (const init of ['random', 'ppower'] as const) {
          const t0 = performance.now();
          const start = init === 'ppower' ? ppowerInit(problem, { seed: deriveSeed(seed, 5) }).latent : undefined;
          const initMs = init === 'ppower' ? performance.now() - t0 : 0;
          const r = dpr.solve(problem, { seed, ...(start ? { init: start } : {}) });
          const relError = relativeError(r.estimate, problem.truth);
          records.push({ suite: 'init', m, seed, init, noise: options.noise ?? null, relError, success: relError <= SUCCESS_THRESHOLD, solveMs: r.timeMs, initMs });
        }
        const [a, b] = records.slice(-2) as [InitBenchRecord, InitBenchRecord];
        log(`  m=${m} seed=${seed}: random ${a.relError.toExponential(2)}, ppower ${b.relError.toExponential(2)} (${b.initMs.toFixed(0)} ms)`);
      }
    }
    const rows: (string | number)[][] = [];
    for (const m of ms) {
      for (const init of ['random', 'ppower'] as const) {
        const rs = records.filter((r) => r.m === m && r.init === init);
        rows.push([m, init === 'random' ? 'random (default)' : 'ppower', `${rs.filter((r) => r.success).length}/${rs.length}`, median(rs.map((r) => r.relError)).toExponential(2), median(rs.map((r) => r.initMs)).toFixed(0), median(rs.map((r) => r.solveMs)).toFixed(0)]);
      }
    }
    const cmd = `pnpm --silent dpr bench init${options.instances ? ` --instances ${N}` : ''}${options.m ? ` --m ${options.m}` : ''}${options.noise ? ` --noise ${options.noise}` : ''}`;
    const markdown = `## DPR initialisation: random vs PPower\n\nCommand: \`${cmd}\`. Machine: ${machineDescription()}. Date: ${new Date().toISOString().slice(0, 10)}.\nSeeded Section 4.1 instances (k = 10, n1 = 500, n = 1000, A iid N(0, 1), seeds 0..${N - 1}${options.noise ? `, noise ${options.noise}` : ', noiseless'}), DPR single runs (R = 1), the same runs as \`dpr solve --algorithm dpr --m M --seed S [--init ppower]\`. PPower: 30 power iterations on V = (1/m) Σ T(b_i²) a_i a_iᵀ (TWF truncation, τ = 9), each projected onto range(G) by 60 warm-started Adam steps on the latent (240 for the first), then scaled to the norm estimate. Success: relError ≤ ${SUCCESS_THRESHOLD}.\n\n${table(['m', 'init', 'successes', 'median relError', 'median init ms', 'median DPR ms'], rows)}`;
    return { records, markdown };
  },
};
