/** `dpr demo`: the first thing a new user runs: DPR on the paper's Section 4.1 setup. */
import { dpr, gaussianPriorInstance, relativeError, SUCCESS_THRESHOLD } from '@dpr/phase-retrieval';
import { backendFromFlags } from '../backends.js';
import type { Command } from '../command.js';
import { intFlag } from '../flags.js';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Recover signals from phaseless measurements with DPR (Section 4.1 setup)',
  usage: 'dpr demo [--instances N] [--m 200] [--restarts 3] [--backend js|wasm|gpujs|auto] [--json]',
  options: { json: { type: 'boolean' }, instances: { type: 'string' }, m: { type: 'string' }, restarts: { type: 'string' }, backend: { type: 'string' } },
  async run(flags, _positionals, io) {
    const count = intFlag(flags, 'instances', 5, 1);
    const m = intFlag(flags, 'm', 200, 1);
    const restarts = intFlag(flags, 'restarts', 3, 1);
    const backend = await backendFromFlags(flags, io.err);
    const dims = [10, 500, 1000];
    if (!flags['json']) {
      io.out(`dpr demo: recover y0 = G(x0) in R^1000 from m = ${m} magnitudes b = |A y0|`);
      io.out(`G(x) = relu(W2 relu(W1 x)), k = 10, n1 = 500, n = 1000; W_i, A, x0 iid N(0,1) (paper, Section 4.1)`);
      io.out(`DPR (Algorithm 1) with ${restarts} random start(s) run together; backend: ${backend.name} (${backend.description})\n`);
      io.out('seed  rel. error   iterations  time (ms)  ms/iter  ||x*|| vs ||x0||');
    }
    const records = [];
    for (let seed = 1; seed <= count; seed++) {
      const { problem, x0 } = gaussianPriorInstance({ dims, m, seed, backend });
      const r = dpr.solve(problem, { seed, restarts });
      const e = relativeError(r.estimate, problem.truth);
      const nx = Math.hypot(...r.latent!), n0 = Math.hypot(...x0);
      records.push({ seed, restarts, relError: e, success: e <= SUCCESS_THRESHOLD, iterations: r.iterations, timeMs: r.timeMs, stopReason: r.stopReason });
      if (!flags['json']) {
        io.out(`${String(seed).padStart(4)}  ${e.toExponential(2).padStart(10)}  ${String(r.iterations).padStart(10)}  ${r.timeMs.toFixed(1).padStart(9)}  ${(r.timeMs / Math.max(1, r.iterations)).toFixed(2).padStart(7)}  ${nx.toFixed(3)} vs ${n0.toFixed(3)}`);
      }
      problem.prior.dispose();
      problem.A.dispose();
    }
    const ok = records.filter((r) => r.success).length;
    const total = records.reduce((s, r) => s + r.timeMs, 0);
    if (flags['json']) io.out(JSON.stringify({ m, n: 1000, k: 10, backend: backend.name, records }));
    else {
      io.out(`\nrecovered ${ok}/${count} signals to relative error <= 1e-3 from ${m} magnitudes each (${(total / count).toFixed(0)} ms per solve).`);
      io.out('A single random start can land in a spurious local minimum (try --restarts 1); restarts run batched, one GEMM per layer.');
      io.out('Next: `pnpm dpr solve --help`, `pnpm dpr bench gemv`.');
    }
    backend.dispose();
    return 0;
  },
};
