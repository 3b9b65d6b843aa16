/**
 * The lab's Web Worker: every computation runs here, never on the page's thread. One request at a
 * time (see protocol.ts); events are posted as the run goes.
 */
import { runSolve } from './work/solve.js';
import { runLandscape, runPath } from './work/landscape.js';
import { runSweep } from './work/sweep.js';
import { runBench } from './work/bench.js';
import type { WorkerEvent, WorkerRequest } from './protocol.js';

const post = (e: WorkerEvent): void => (self as unknown as { postMessage(m: unknown): void }).postMessage(e);

self.onmessage = async (ev: MessageEvent<WorkerRequest>) => {
  const req = ev.data;
  try {
    if (req.type === 'solve') await runSolve(req, post);
    else if (req.type === 'landscape') await runLandscape(req, post);
    else if (req.type === 'path') await runPath(req, post);
    else if (req.type === 'sweep') await runSweep(req, post);
    else await runBench(req, post);
    post({ type: 'done' });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
};
