/**
 * A recovery in the worker: `solve()` of `@dpr/lab` (the same run and record as `dpr solve
 * --json`), with the problem, the throttled progress (iterate, residual, error) and the record
 * posted to the page.
 */
import { solve, type SolveRequest } from '@dpr/lab';
import { getSolver, measurementResidual, relativeError, relativeErrorUpToSign, type Problem } from '@dpr/phase-retrieval';
import { browserSources } from '../assets.js';
import { isImagePrior, type LabSettings } from '../url-state.js';
import type { SolveRequestMessage, WorkerEvent } from '../protocol.js';
import { workerBackend } from './backend.js';

/** Milliseconds between progress events. */
const PROGRESS_MS = 60;

/** The `@dpr/lab` request of the lab's settings. */
export function solveRequestOf(s: LabSettings, image?: Uint8Array): SolveRequest {
  const image01 = isImagePrior(s.prior);
  return {
    prior: s.prior,
    algorithm: s.algorithm,
    m: s.m,
    seed: s.seed,
    ...(s.restarts === null ? {} : { restarts: s.restarts }),
    ...(s.maxIters === null ? {} : { maxIters: s.maxIters }),
    ...(image01 ? { target: s.target } : {}),
    ...(image01 && s.target === 'image' && image ? { targetImage: image } : {}),
  };
}

export async function runSolve(msg: SolveRequestMessage, post: (e: WorkerEvent) => void): Promise<void> {
  const s = msg.settings;
  const backend = await workerBackend(s.backend, post);
  const sources = await browserSources(msg.assets, s.prior, s.target);
  const upToSign = !getSolver(s.algorithm).needsPrior;
  let problem: Problem | undefined;
  let last = -Infinity;
  const { record, estimate } = solve(solveRequestOf(s, msg.image), backend, sources, {
    onProblem: (p) => {
      problem = p;
      post({ type: 'problem', truth: p.truth ? Float64Array.from(p.truth) : null, b: Float64Array.from(p.b), image: isImagePrior(s.prior) });
    },
    onIteration: (info) => {
      const now = performance.now();
      if (now - last < PROGRESS_MS || !problem) return;
      last = now;
      const y = info.current().estimate;
      const truth = problem.truth;
      const error = truth ? (upToSign ? relativeErrorUpToSign(y, truth) : relativeError(y, truth)) : null;
      post({ type: 'progress', iteration: info.iteration, maxIters: info.maxIters, objective: info.objective, residual: measurementResidual(problem.A, y, problem.b), error, estimate: Float64Array.from(y) });
    },
  });
  post({ type: 'result', record, estimate: Float64Array.from(estimate) });
}
