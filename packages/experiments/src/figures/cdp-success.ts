/**
 * The coded-diffraction success-rate figure of issue 16 (the CDP experiment of Candès, Li &
 * Soltanolkotabi, "Phase retrieval via Wirtinger flow", IEEE TIT 2015, Section 4, and PhasePack's
 * CDP benchmark): the fraction of trials recovered versus the number L of octanary masks, for WF,
 * TWF, RWF, TAF and RAF (PhasePack's defaults: `optimal` start, its step and stop rules).
 *
 * Truth: a 64 × 64 complex image y0 ~ CN(0, I) (seeded complex Gaussian pixels, as in PhasePack's
 * complex experiments; `complexSignalInstance`), m = L · 4096 CDP measurements (2-D FFT, matrix-free).
 * Success: relative error up to a global phase ≤ 1e-5 (PhasePack's benchmark threshold). Each trial
 * draws its own masks and truth; every method sees the same instance. Not a sweep: one process,
 * a couple of minutes in the quick tier.
 */
import { join } from 'node:path';
import { deriveSeed } from '@dpr/linalg';
import { complexSignalInstance, getSolver, plainSignalError } from '@dpr/phase-retrieval';
import { paperStyle } from '@dpr/render';
import { writeFileAtomic } from '@dpr/datasets';
import { writePlot } from '../output.js';
import type { FigureDefinition, FigureRunFacts, FigureRunOptions, FigureRunResult, FigureSummary } from './figure.js';

/** The configuration of the CDP figure. */
export interface CdpSuccessConfig {
  /** Image shape [H, W] (64 × 64). */
  shape: readonly [number, number];
  /** Numbers of masks L. */
  Ls: readonly number[];
  /** Solver ids. */
  methods: readonly string[];
  /** Trials per L. */
  trials: number;
  /** Iteration cap of each run (PhasePack's 10000 makes failed runs slow; WF/TWF/TAF/RAF succeed in under 100, RWF in about 1000). */
  maxIters: number;
  /** Relative error (up to phase) counted as success. */
  threshold: number;
  seed: number;
}

/** One point: a method at one L. */
export interface CdpSuccessPoint {
  method: string;
  L: number;
  successes: number;
  trials: number;
  rate: number;
  medianRelError: number;
  meanIterations: number;
  solveMs: number;
}

/** Quick: L ∈ {1, 2, 3, 4, 6}, 2 trials; full: L = 1..8, 10 trials. */
export function cdpSuccessConfig(quick: boolean): CdpSuccessConfig {
  return {
    shape: [64, 64], Ls: quick ? [1, 2, 3, 4, 6] : [1, 2, 3, 4, 5, 6, 7, 8], methods: ['wirtinger-flow', 'twf', 'rwf', 'taf', 'raf'],
    trials: quick ? 2 : 10, maxIters: quick ? 1500 : 3000, threshold: 1e-5, seed: 16,
  };
}

/** Run every (L, trial, method) of the configuration (deterministic for a config). */
export function cdpSuccessPoints(config: CdpSuccessConfig): CdpSuccessPoint[] {
  const n = config.shape[0] * config.shape[1];
  const runs = new Map<string, { err: number[]; iters: number; ms: number }>();
  for (const L of config.Ls) {
    for (let t = 0; t < config.trials; t++) {
      const seed = deriveSeed(config.seed, L, t);
      const { problem } = complexSignalInstance({ measurement: `cdp:${L}`, n, shape: config.shape, seed });
      for (const method of config.methods) {
        const r = getSolver(method).solve(problem, { seed, maxIters: config.maxIters });
        const key = `${method}/${L}`;
        const acc = runs.get(key) ?? { err: [], iters: 0, ms: 0 };
        acc.err.push(r.estimate.every(Number.isFinite) ? plainSignalError(problem.A, r.estimate, problem.truth) : Number.POSITIVE_INFINITY);
        acc.iters += r.iterations;
        acc.ms += r.timeMs;
        runs.set(key, acc);
      }
    }
  }
  const points: CdpSuccessPoint[] = [];
  for (const method of config.methods) {
    for (const L of config.Ls) {
      const acc = runs.get(`${method}/${L}`)!;
      const sorted = [...acc.err].sort((a, b) => a - b);
      const successes = acc.err.filter((e) => e <= config.threshold).length;
      points.push({
        method, L, successes, trials: acc.err.length, rate: successes / acc.err.length,
        medianRelError: sorted[Math.floor((sorted.length - 1) / 2)]!, meanIterations: acc.iters / acc.err.length, solveMs: Math.round(acc.ms),
      });
    }
  }
  return points;
}

const PAPER_CLAIM = 'Issue 16 (after Candès, Li & Soltanolkotabi 2015, Section 4): with coded diffraction patterns (octanary masks) WF and its variants recover a complex image from a few masks (L ≈ 6 suffices in practice for WF).';

/** Run the figure and write summary.json, the plot and a README. */
export async function runCdpSuccess(options: FigureRunOptions): Promise<FigureRunResult> {
  const config = cdpSuccessConfig(options.quick);
  const t0 = performance.now();
  const points = cdpSuccessPoints(config);
  const wallMs = performance.now() - t0;
  const outDir = options.outDir;
  const [H, W] = config.shape;
  const plot = await writePlot({
    vegaLite: {
      ...paperStyle(`CDP: success vs masks L (${H}×${W} complex image, ${config.trials} trials)`, { width: 380, height: 240 }),
      data: { values: points.map((p) => ({ method: p.method, L: p.L, rate: p.rate })) },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'L', type: 'quantitative', title: 'masks L (m = L·n)' },
        y: { field: 'rate', type: 'quantitative', title: `success rate (relError ≤ ${config.threshold})`, scale: { domain: [0, 1] } },
        color: { field: 'method', type: 'nominal' },
      },
    } as never,
  }, outDir, 'cdp-success');
  const firstFull = (method: string) => points.find((p) => p.method === method && p.rate === 1)?.L;
  const run: FigureRunFacts = {
    trials: points.reduce((s, p) => s + p.trials, 0), ranThisCall: points.reduce((s, p) => s + p.trials, 0), wallMs: Math.round(wallMs), workers: 1,
    trialMsTotal: points.reduce((s, p) => s + p.solveMs, 0), backend: 'js (float64, FFT)', configHash: '', versions: {},
  };
  const summary: FigureSummary = {
    figure: 'cdp-success',
    title: `CDP success rate vs L: WF, TWF, RWF, TAF, RAF on a ${H}×${W} complex image`,
    paperClaim: PAPER_CLAIM,
    command: options.command,
    generatedAt: new Date().toISOString(),
    quick: options.quick,
    images: { svg: 'cdp-success.svg', png: 'cdp-success.png' },
    table: {
      columns: ['method', 'L', 'successes', 'median relError', 'mean iterations'],
      rows: points.map((p) => [p.method, p.L, `${p.successes}/${p.trials}`, p.medianRelError.toExponential(2), Math.round(p.meanIterations)]),
    },
    findings: [
      ...config.methods.map((m) => `${m}: smallest L with every trial recovered: ${firstFull(m) ?? 'none of the tested L'} (${config.trials} trials per L, at most ${config.maxIters} iterations).`),
      `${(wallMs / 1000).toFixed(1)} s wall for ${run.trials} runs.`,
    ],
    run,
    data: { config, points },
  };
  writeFileAtomic(join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileAtomic(join(outDir, 'README.md'), `# ${summary.title}${options.quick ? ' (quick run)' : ''}\n\nMade by \`${summary.command}\`.\n\n![success rate vs L](cdp-success.png)\n\nTruth: a seeded ${H}×${W} complex Gaussian image (pixels CN(0, 1)); m = L·${H * W} coded diffraction measurements with octanary masks (2-D FFT); PhasePack defaults (optimal start), at most ${config.maxIters} iterations; success: relative error up to a global phase ≤ ${config.threshold}.\n\n## The claim\n\n${PAPER_CLAIM}\n\n## What this run shows\n\n${summary.findings.map((l) => `- ${l}`).join('\n')}\n\n| ${summary.table.columns.join(' | ')} |\n| ${summary.table.columns.map(() => '---').join(' | ')} |\n${summary.table.rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`);
  return { outDir, summary, files: [plot.svg, plot.png, join(outDir, 'summary.json'), join(outDir, 'README.md')] };
}

/** The CDP success-rate figure as a registered figure. */
export const cdpSuccessFigure: FigureDefinition = {
  id: 'cdp-success',
  title: 'CDP success rate vs L (WF, TWF, RWF, TAF, RAF; 64×64 complex image)',
  paperClaim: PAPER_CLAIM,
  run: (options) => runCdpSuccess(options),
};
