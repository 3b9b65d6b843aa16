/**
 * Figure 2 of the paper: empirical success rate against m/n for DPR (k = 10, n1 = 500, n = 1000;
 * a single run of Algorithm 1 and the best of 5 restarts) and SPARTA (K = 3, 5, 10; n = 1000).
 * The sweep lives in `fig2-experiment.ts`; this module turns its records into curves, the plot,
 * summary.json and README.md, and checks the paper's two claims against the numbers.
 * @see PAPER.md, "Experiments the paper reports", item 1.
 */
import type { TopLevelSpec } from 'vega-lite';
import { paperStyle } from '@dpr/render';
import { writePlot } from '../output.js';
import type { TrialRecord } from '@dpr/sweep';
import type { FigureSummary, SummaryTable } from './figure.js';
import { fig2Config, fig2Experiment, type Fig2Config } from './fig2-experiment.js';
import { finishSweepFigure, sweepFigure, type SweepRenderInput } from './sweep-figure.js';

/** One point of a curve. */
export interface Fig2Point {
  m: number;
  /** m / n. */
  ratio: number;
  successes: number;
  trials: number;
  rate: number;
  /** Trials whose solver diverged (stop reason `diverged`) or threw: failures, counted apart. */
  errors: number;
}

/** One curve of Figure 2. */
export interface Fig2Series {
  id: string;
  label: string;
  family: 'DPR' | 'SPARTA';
  points: Fig2Point[];
  /** Smallest m/n with success rate ≥ 50% (null if never). */
  half: number | null;
  /** Smallest m/n with success rate 100% (null if never). */
  first100: number | null;
  /** Smallest m/n from which every larger grid point is at 100% (null if the last is below). */
  from100: number | null;
}

/** A comparison of two curves over the paper's range m/n ≤ 0.2. */
export interface Fig2Comparison {
  a: string;
  b: string;
  /** Mean |rate_a − rate_b| over grid points with m/n ≤ 0.2, in percentage points. */
  meanAbsGapPts: number;
  /** Grid points (all of them) where rate_a ≥ rate_b, and how many there are. */
  aAtLeastB: number;
  points: number;
}

/** summary.json `data` of Figure 2. */
export interface Fig2Data {
  config: Fig2Config;
  series: Fig2Series[];
  comparisons: Fig2Comparison[];
  claims: { dprLikeSparta3: boolean; dprLeftOfSparta10: boolean };
}

const PAPER_CLAIM =
  'DPR recovering a 10-dimensional latent code succeeds about as often as SPARTA recovering a 3-sparse 1000-dimensional signal; ' +
  "DPR's success curve lies to the left of SPARTA's with K = 10.";

function seriesOf(r: TrialRecord): { id: string; label: string; family: 'DPR' | 'SPARTA' } {
  if (r.params['solver'] === 'dpr') {
    const R = Number(r.params['restarts']);
    return { id: `dpr-r${R}`, label: R === 1 ? 'DPR, k = 10 (1 run)' : `DPR, k = 10 (${R} restarts)`, family: 'DPR' };
  }
  const K = Number(r.params['sparsity']);
  return { id: `sparta-k${K}`, label: `SPARTA, K = ${K}`, family: 'SPARTA' };
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

/** Success-rate curves from the trial records, in the config's series order. */
export function fig2Series(records: readonly TrialRecord[], config: Fig2Config): Fig2Series[] {
  const order = [...config.restarts.map((R) => `dpr-r${R}`), ...config.sparsity.map((K) => `sparta-k${K}`)];
  const acc = new Map<string, { meta: ReturnType<typeof seriesOf>; byM: Map<number, { s: number; t: number; e: number }> }>();
  for (const r of records) {
    const meta = seriesOf(r);
    let entry = acc.get(meta.id);
    if (!entry) acc.set(meta.id, (entry = { meta, byM: new Map() }));
    const m = Number(r.params['m']);
    const p = entry.byM.get(m) ?? { s: 0, t: 0, e: 0 };
    p.t++;
    if (r.metrics['success'] === true) p.s++;
    if (typeof r.metrics['error'] === 'string' || r.metrics['stopReason'] === 'diverged') p.e++;
    entry.byM.set(m, p);
  }
  return order.flatMap((id) => {
    const entry = acc.get(id);
    if (!entry) return [];
    const points = [...entry.byM.entries()].sort((a, b) => a[0] - b[0]).map(([m, p]) => ({ m, ratio: round(m / config.n), successes: p.s, trials: p.t, rate: p.t ? p.s / p.t : 0, errors: p.e }));
    const half = points.find((p) => p.rate >= 0.5)?.ratio ?? null;
    const first100 = points.find((p) => p.rate === 1)?.ratio ?? null;
    let from100: number | null = null;
    for (let i = points.length - 1; i >= 0 && points[i]!.rate === 1; i--) from100 = points[i]!.ratio;
    return [{ ...entry.meta, points, half, first100, from100 }];
  });
}

/** Compare two curves (see {@link Fig2Comparison}). */
export function compareSeries(a: Fig2Series, b: Fig2Series): Fig2Comparison {
  const rb = new Map(b.points.map((p) => [p.m, p.rate]));
  const shared = a.points.filter((p) => rb.has(p.m));
  const paperRange = shared.filter((p) => p.ratio <= 0.2 + 1e-12);
  const gap = paperRange.reduce((s, p) => s + Math.abs(p.rate - rb.get(p.m)!), 0) / Math.max(paperRange.length, 1);
  return { a: a.id, b: b.id, meanAbsGapPts: round(100 * gap, 1), aAtLeastB: shared.filter((p) => p.rate >= rb.get(p.m)! - 1e-12).length, points: shared.length };
}

const pct = (x: number) => `${Math.round(100 * x)}%`;
const ratioText = (x: number | null) => (x === null ? 'never on this grid' : `m/n = ${x}`);

function findings(series: Fig2Series[], comparisons: Fig2Comparison[]): { lines: string[]; claims: Fig2Data['claims'] } {
  const lines = series.map((s) => {
    const errors = s.points.reduce((n, p) => n + p.errors, 0);
    return `${s.label}: 50% success first at ${ratioText(s.half)}, 100% first at ${ratioText(s.first100)}` +
      `${s.from100 !== null && s.from100 !== s.first100 ? `, and at every grid point from ${s.from100}` : ''}` +
      `${errors > 0 ? ` (${errors} trials diverged or stopped on a solver error; counted as failures)` : ''}.`;
  });
  const byId = new Map(series.map((s) => [s.id, s]));
  const get = (a: string, b: string) => comparisons.find((c) => c.a === a && c.b === b);
  const dpr = byId.get('dpr-r1');
  const spartas = series.filter((s) => s.family === 'SPARTA');
  let dprLikeSparta3 = false, dprLeftOfSparta10 = false;
  if (dpr && spartas.length > 0) {
    const gaps = spartas.map((s) => ({ s, c: get(dpr.id, s.id)! }));
    const closest = gaps.reduce((x, y) => (y.c.meanAbsGapPts < x.c.meanAbsGapPts ? y : x));
    dprLikeSparta3 = closest.s.id === 'sparta-k3';
    lines.push(
      `Claim 1 (DPR, k = 10 ≈ SPARTA, K = 3): mean |gap| between DPR's single-run curve and SPARTA over m/n ≤ 0.2 is ` +
        gaps.map((g) => `${g.c.meanAbsGapPts} points vs K = ${g.s.id.slice('sparta-k'.length)}`).join(', ') +
        `; the closest SPARTA curve is ${closest.s.label} (50% at m/n ${dpr.half ?? '-'} for DPR vs ${closest.s.half ?? '-'}). ` +
        (dprLikeSparta3 ? 'Consistent with the paper.' : 'Not what the paper reports.'),
    );
    const s10 = byId.get('sparta-k10');
    if (s10) {
      const c = get(dpr.id, s10.id)!;
      dprLeftOfSparta10 = dpr.half !== null && (s10.half === null || dpr.half < s10.half) && c.aAtLeastB === c.points;
      lines.push(
        `Claim 2 (DPR left of SPARTA, K = 10): DPR reaches 50% at m/n ${dpr.half ?? '-'} vs ${s10.half ?? 'never'} for SPARTA K = 10, ` +
          `and its rate is at least SPARTA K = 10's at ${c.aAtLeastB} of ${c.points} grid points. ` +
          (dprLeftOfSparta10 ? 'Consistent with the paper.' : 'Not entirely what the paper reports.'),
      );
    }
  }
  const r5 = byId.get('dpr-r5');
  if (dpr && r5) {
    const c = get(r5.id, dpr.id)!;
    lines.push(`Restarts: the best of 5 runs reaches 100% first at ${ratioText(r5.first100)} (single run: ${ratioText(dpr.first100)}); its rate is at least the single run's at ${c.aAtLeastB} of ${c.points} points.`);
  }
  return { lines, claims: { dprLikeSparta3, dprLeftOfSparta10 } };
}

/** The Vega-Lite spec of the plot (paper style: lines with markers, one legend). */
export function fig2PlotSpec(series: Fig2Series[], n: number): TopLevelSpec {
  const values = series.flatMap((s) => s.points.map((p) => ({ series: s.label, family: s.family, ratio: p.ratio, rate: p.rate, m: p.m, trials: p.trials })));
  const maxRatio = Math.max(...values.map((v) => v.ratio), 0.2);
  const labels = series.map((s) => s.label);
  return {
    ...paperStyle(`Empirical success rate vs m/n (n = ${n})`),
    data: { values },
    mark: { type: 'line', point: { filled: true, size: 36 }, strokeWidth: 1.6 },
    encoding: {
      x: { field: 'ratio', type: 'quantitative', title: 'm/n', scale: { domain: [0, Math.ceil(maxRatio * 10) / 10] }, axis: { tickCount: 10 } },
      y: { field: 'rate', type: 'quantitative', title: 'empirical success rate', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
      color: { field: 'series', type: 'nominal', sort: labels, title: null, scale: { domain: labels, range: ['#d62728', '#ff7f0e', '#1f77b4', '#2ca02c', '#9467bd'] }, legend: { orient: 'bottom-right', fillColor: 'white', strokeColor: '#999', padding: 6, labelLimit: 400 } },
      shape: { field: 'series', type: 'nominal', sort: labels, scale: { domain: labels, range: ['circle', 'diamond', 'square', 'triangle-up', 'cross'] } },
      strokeDash: { field: 'family', type: 'nominal', scale: { domain: ['DPR', 'SPARTA'], range: [[1, 0], [5, 3]] }, legend: null },
      tooltip: [{ field: 'series' }, { field: 'm' }, { field: 'rate', format: '.0%' }, { field: 'trials' }],
    },
  } as TopLevelSpec;
}

function table(series: Fig2Series[], n: number): SummaryTable {
  const ms = [...new Set(series.flatMap((s) => s.points.map((p) => p.m)))].sort((a, b) => a - b);
  const rows = ms.map((m) => [
    round(m / n),
    m,
    ...series.map((s) => {
      const p = s.points.find((q) => q.m === m);
      return p ? `${pct(p.rate)} (${p.successes}/${p.trials})` : '';
    }),
  ]);
  return { columns: ['m/n', 'm', ...series.map((s) => s.label)], rows };
}

function markdownTable(t: SummaryTable): string {
  const head = `| ${t.columns.join(' | ')} |\n| ${t.columns.map(() => '---').join(' | ')} |`;
  return `${head}\n${t.rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}`;
}

function readme(summary: FigureSummary, data: Fig2Data): string {
  const c = data.config;
  const f = summary.run;
  return `# Figure 2: success rate vs m/n${summary.quick ? ' (quick run)' : ''}

Made by \`${summary.command}\` on ${summary.generatedAt.slice(0, 10)}.

![Figure 2](fig2.png)

**Setup.** DPR (Algorithm 1, \`dpr\` solver with its defaults) on G(x) = relu(W2 relu(W1 x)), k = ${c.dims[0]}, n1 = ${c.dims[1]}, n = ${c.dims[2]}, W_i, A, x0 iid N(0, 1);
a single run (\`restarts: 1\`) and the best of 5 restarts (lowest f). SPARTA (\`sparta\` solver, its defaults, given the true K) on K-sparse y0 in R^${c.n} with non-zeros iid N(0, 1), K = ${c.sparsity.join(', ')}.
${c.instances} seeded instances per (curve, m); m = ${c.ms.join(', ')}. Success: relative error <= ${c.threshold} (up to the global sign for SPARTA).
Backend: ${f.backend}. ${f.trials} trials; ${f.wallMs === null ? 'rendered from merged results' : `${(f.wallMs / 1000).toFixed(1)} s wall for the ${f.ranThisCall} trials run by this call with ${f.workers} workers`}; ${(f.trialMsTotal / 1000).toFixed(1)} s of trial time in all.
${summary.quick ? '\nThis is the `--quick` configuration (fewer instances, coarser grid, same curves); run without `--quick` for the paper\'s 25 instances per m.\n' : ''}
## The paper's claim

${summary.paperClaim}

## What this run shows

${summary.findings.map((l) => `- ${l}`).join('\n')}

## Success rates

${markdownTable(summary.table)}

Files: \`trials.jsonl\` (one trial per line), \`config.json\`, \`summary.json\`, \`fig2.svg\`, \`fig2.png\`.
`;
}

async function renderFig2(input: SweepRenderInput<Fig2Config>): Promise<{ summary: FigureSummary; files: string[] }> {
  const { config, records, outDir } = input;
  const series = fig2Series(records, config);
  const comparisons: Fig2Comparison[] = [];
  for (const a of series) for (const b of series) if (a.id !== b.id) comparisons.push(compareSeries(a, b));
  const { lines, claims } = findings(series, comparisons);
  const plot = await writePlot({ vegaLite: fig2PlotSpec(series, config.n) }, outDir, 'fig2');
  const data: Fig2Data = { config, series, comparisons, claims };
  return finishSweepFigure(input, {
    figure: 'fig2',
    title: 'Figure 2: empirical success rate vs m/n (DPR k = 10 vs SPARTA K = 3, 5, 10)',
    paperClaim: PAPER_CLAIM,
    plot,
    table: table(series, config.n),
    findings: lines,
    data,
  }, (summary) => readme(summary, data));
}

/** Figure 2 as a registered figure. */
export const fig2Figure = sweepFigure<Fig2Config>({
  id: 'fig2',
  title: 'Figure 2: success rate vs m/n, DPR (k = 10) vs SPARTA (K = 3, 5, 10)',
  paperClaim: PAPER_CLAIM,
  experiment: fig2Experiment,
  configure: fig2Config,
  render: renderFig2,
});
