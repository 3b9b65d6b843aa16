/**
 * The initializer suite of `dpr bench init`: DPR single runs (R = 1) from its default seeded random
 * start and from PPower (generative spectral initialisation, `--init ppower`) on the same seeded
 * Section 4.1 instances (k = 10, n1 = 500, n = 1000), m = 100 and 150 by default, exactly as
 * `dpr solve --algorithm dpr [--init ppower] --m M --seed S` runs them (instance seed S, solver
 * seed S, PPower seed deriveSeed(S, 5)). `--noise` takes a comma-separated list of noise specs
 * (e.g. `gaussian:10,gaussian:20,gaussian:30`), a sweep parameter: every instance is run at every
 * spec (noise seed deriveSeed(S, 4), as `dpr solve --noise`).
 */
import { deriveSeed } from '@dpr/linalg';
import { addNoise, dpr, gaussianPriorInstance, parseNoiseSpec, ppowerInit, relativeError, SUCCESS_THRESHOLD } from '@dpr/phase-retrieval';
import { machineDescription } from '../machine.js';
import { median, table, type Suite } from '../suite.js';

/** One trial of `dpr bench init --json`. */
export interface InitBenchRecord {
  suite: 'init';
  m: number;
  seed: number;
  init: 'random' | 'ppower';
  noise: string | null;
  /** Realized SNR in dB (null when noiseless). */
  snrDb: number | null;
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
    const noises: (string | null)[] = options.noise && options.noise.length > 0 ? [...options.noise] : [null];
    for (const spec of noises) if (spec !== null) parseNoiseSpec(spec);
    const records: InitBenchRecord[] = [];
    const trial = (m: number, noise: string | null, seed: number) => {
      const { problem: clean } = gaussianPriorInstance({ m, seed });
      const noisy = noise === null ? undefined : addNoise(clean.b, noise, deriveSeed(seed, 4));
      const problem = noisy ? { ...clean, b: noisy.b } : clean;
      const snrDb = noisy && Number.isFinite(noisy.snrDb) ? noisy.snrDb : null;
      for (const init of ['random', 'ppower'] as const) {
        const t0 = performance.now();
        const start = init === 'ppower' ? ppowerInit(problem, { seed: deriveSeed(seed, 5) }).latent : undefined;
        const initMs = init === 'ppower' ? performance.now() - t0 : 0;
        const r = dpr.solve(problem, { seed, ...(start ? { init: start } : {}) });
        const relError = relativeError(r.estimate, problem.truth);
        records.push({ suite: 'init', m, seed, init, noise, snrDb, relError, success: relError <= SUCCESS_THRESHOLD, solveMs: r.timeMs, initMs });
      }
      const [a, b] = records.slice(-2) as [InitBenchRecord, InitBenchRecord];
      log(`  m=${m}${noise ? ` ${noise}` : ''} seed=${seed}: random ${a.relError.toExponential(2)}, ppower ${b.relError.toExponential(2)} (${b.initMs.toFixed(0)} ms)`);
    };
    for (const m of ms) for (const noise of noises) for (let seed = 0; seed < N; seed++) trial(m, noise, seed);
    const rows: (string | number)[][] = [];
    for (const m of ms) {
      for (const noise of noises) {
        for (const init of ['random', 'ppower'] as const) {
          const rs = records.filter((r) => r.m === m && r.init === init && r.noise === noise);
          const snr = rs.filter((r) => r.snrDb !== null).map((r) => r.snrDb!);
          rows.push([m, noise ?? 'none', snr.length > 0 ? median(snr).toFixed(1) : '-', init === 'random' ? 'random (default)' : 'ppower', `${rs.filter((r) => r.success).length}/${rs.length}`, median(rs.map((r) => r.relError)).toExponential(2), median(rs.map((r) => r.initMs)).toFixed(0), median(rs.map((r) => r.solveMs)).toFixed(0)]);
        }
      }
    }
    const cmd = `pnpm --silent dpr bench init${options.instances ? ` --instances ${N}` : ''}${options.m ? ` --m ${options.m}` : ''}${options.noise ? ` --noise ${options.noise.join(',')}` : ''}`;
    const markdown = `## DPR initialisation: random vs PPower\n\nCommand: \`${cmd}\`. Machine: ${machineDescription()}. Date: ${new Date().toISOString().slice(0, 10)}.\nSeeded Section 4.1 instances (k = 10, n1 = 500, n = 1000, A iid N(0, 1), seeds 0..${N - 1}${options.noise ? `, noise ${options.noise.join(', ')} (seed deriveSeed(S, 4))` : ', noiseless'}), DPR single runs (R = 1), the same runs as \`dpr solve --algorithm dpr --m M --seed S [--init ppower]\`. PPower: 30 power iterations on V = (1/m) Σ T(b_i²) a_i a_iᵀ (TWF truncation, τ = 9), each projected onto range(G) by 60 warm-started Adam steps on the latent (240 for the first), then scaled to the norm estimate. Success: relError ≤ ${SUCCESS_THRESHOLD}.\n\n${table(['m', 'noise', 'median SNR dB', 'init', 'successes', 'median relError', 'median init ms', 'median DPR ms'], rows)}`;
    return { records, markdown };
  },
};
