/**
 * Messages between the page and the lab's Web Worker. The page sends one request at a time; the
 * worker answers with events and ends every request with `done` or `error`. A run is stopped by
 * terminating the worker (the solvers are synchronous loops; the page never waits on them).
 */
import type { SolveRecord } from '@dpr/lab';
import type { LabSettings } from './url-state.js';

/** A recovery: the settings, the dropped-in image's PNG bytes (target `image`), the assets' URL. */
export interface SolveRequestMessage { type: 'solve'; settings: LabSettings; image?: Uint8Array; assets: string }
/** The landscape of Fig 1 (k = 2) for a random instance. */
export interface LandscapeRequestMessage { type: 'landscape'; settings: LabSettings; size: number; extent: number }
/** DPR from a latent start on the landscape's instance. */
export interface PathRequestMessage { type: 'path'; settings: LabSettings; start: [number, number] }
/** A success-rate sweep over m. */
export interface SweepRequestMessage { type: 'sweep'; settings: LabSettings; ms: number[] }
/** GEMV/GEMM GFLOP/s of each backend, and gpujs against wasm. */
export interface BenchRequestMessage { type: 'bench'; sizes: number[] }

export type WorkerRequest = SolveRequestMessage | LandscapeRequestMessage | PathRequestMessage | SweepRequestMessage | BenchRequestMessage;

/** Which backend runs, and why it is not the one asked for (fallback). */
export interface BackendEvent { type: 'backend'; requested: string; name: string; description: string; fallback: string | null }
/** The problem: truth (null without one) and the measurements b. */
export interface ProblemEvent { type: 'problem'; truth: Float64Array | null; b: Float64Array; image: boolean }
/** Progress of a run (throttled): the current iterate and its residual / error. */
export interface ProgressEvent { type: 'progress'; iteration: number; maxIters: number; objective: number; residual: number; error: number | null; estimate: Float64Array }
/** A finished solve: the record of `dpr solve --json` and the estimate. */
export interface ResultEvent { type: 'result'; record: SolveRecord; estimate: Float64Array }
/** The landscape grids (row-major, size × size, y outer) and the marked points. */
export interface LandscapeEvent { type: 'landscape'; size: number; extent: number; expected: Float64Array; empirical: Float64Array; x0: [number, number]; negRho: [number, number] }
/** A DPR path in the latent plane; `jumps` are the iterations where DPR took the negation x → −x. */
export interface PathEvent { type: 'path'; points: Array<[number, number]>; jumps: number[]; relError: number }
/** One point of a sweep. */
export interface SweepPointEvent { type: 'sweep-point'; m: number; successes: number; trials: number; done: number; total: number }
/** One benchmark row; `maxRelDiff`: gpujs against wasm on the same data (null for others). */
export interface BenchRowEvent { type: 'bench-row'; backend: string; op: 'gemv' | 'gemm'; size: number; gflops: number; maxRelDiff: number | null }
export interface DoneEvent { type: 'done' }
export interface ErrorEvent { type: 'error'; message: string }

export type WorkerEvent = BackendEvent | ProblemEvent | ProgressEvent | ResultEvent | LandscapeEvent | PathEvent | SweepPointEvent | BenchRowEvent | DoneEvent | ErrorEvent;
