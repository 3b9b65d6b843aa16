/**
 * A small success-rate sweep (Figure 2 style): for each m, `trials` seeded recoveries with the
 * settings' prior and algorithm through `solve()` of `@dpr/lab`; a trial succeeds when its record
 * says so (relative error ≤ 1e-3). Each trial is posted as it ends, so the curve fills in.
 */
import { solve } from '@dpr/lab';
import type { SweepRequestMessage, WorkerEvent } from '../protocol.js';
import { workerBackend } from './backend.js';
import { solveRequestOf } from './solve.js';

export async function runSweep(msg: SweepRequestMessage, post: (e: WorkerEvent) => void): Promise<void> {
  const s = msg.settings;
  const backend = await workerBackend(s.backend, post);
  const total = msg.ms.length * s.trials;
  let done = 0;
  for (const m of msg.ms) {
    let successes = 0;
    for (let t = 0; t < s.trials; t++) {
      const { record } = solve(solveRequestOf({ ...s, m, seed: s.seed + t }), backend);
      if (record.success) successes++;
      done++;
      post({ type: 'sweep-point', m, successes, trials: t + 1, done, total });
    }
  }
}
