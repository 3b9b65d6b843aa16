/** Messages between the sweep (main thread) and its trial workers. */
import type { ExperimentModule, Metrics, TrialSpec } from './experiment.js';

/** Main → worker. */
export type ToWorker =
  | { type: 'init'; module: ExperimentModule; config: unknown }
  | { type: 'trial'; spec: TrialSpec }
  | { type: 'close' };

/** Worker → main. */
export type FromWorker =
  | { type: 'ready'; backend: string }
  | { type: 'result'; index: number; metrics: Metrics; timeMs: number }
  | { type: 'failed'; index: number | null; message: string; stack: string | undefined };
