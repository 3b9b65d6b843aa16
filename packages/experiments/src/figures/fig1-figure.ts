/**
 * Figure 1 as a registered figure of `dpr reproduce`: the closed-form expected landscape rendered by
 * `fig1.ts` (the same code as `dpr theory landscape`), plus summary.json and README.md with the
 * numbers the figure shows: f̄ at x0, at −ρ_d x0 and at 0. No sweep: it is computed, not sampled,
 * so `--workers` and `--shard` do not apply.
 * @see PAPER.md, "Landscape (Figure 1, Theorem 1)".
 */
import { join } from 'node:path';
import { expectedObjective, rho as rhoOf } from '@dpr/theory-checks';
import { figureVersions } from '../versions.js';
import { writeFileAtomic } from '@dpr/datasets';
import type { FigureDefinition, FigureSummary } from './figure.js';
import { writeFigure1 } from './fig1.js';

const PAPER_CLAIM =
  'In expectation f has two minima, x0 and a negative multiple −ρ_d x0 with ρ_d > 0 (ρ_d → 1 as d → ∞); f is lower near x0 than near −ρ_d x0; the origin is a local maximum.';

const D = 2;
const TITLE = 'Figure 1: expected objective f̄ for k = 2, x0 = [1, 0], d = 2';

export const fig1Figure: FigureDefinition = {
  id: 'fig1',
  title: TITLE,
  paperClaim: PAPER_CLAIM,
  async run(options) {
    const t0 = performance.now();
    const grid = options.quick ? { size: 101, heatmapSize: 61 } : {};
    const plot = await writeFigure1(options.outDir, { d: D, ...grid });
    const x0 = Float64Array.from([1, 0]);
    const rho = rhoOf(D);
    const at = (x: number, y: number) => expectedObjective(Float64Array.from([x, y]), x0, D);
    const fX0 = at(1, 0), fNeg = at(-rho, 0), f0 = at(0, 0);
    // the origin is a local maximum: f̄ is lower on a small circle around it in every direction
    const ring = Array.from({ length: 72 }, (_, i) => at(0.01 * Math.cos((i * Math.PI) / 36), 0.01 * Math.sin((i * Math.PI) / 36)));
    const originMax = ring.every((v) => v < f0);
    const findings = [
      `ρ_${D} = ${rho.toPrecision(6)}.`,
      `f̄(x0) = ${fX0.toExponential(3)} < f̄(−ρ_${D} x0) = ${fNeg.toExponential(4)} < f̄(0) = ${f0.toExponential(4)}: the minimum at x0 is the lower one, as the paper states.`,
      `f̄ is below f̄(0) at all 72 points of the circle of radius 0.01 around 0: ${originMax ? 'the origin is a local maximum, as the paper states' : 'NOT a local maximum'}.`,
    ];
    const summary: FigureSummary = {
      figure: 'fig1',
      title: TITLE,
      paperClaim: PAPER_CLAIM,
      command: options.command,
      generatedAt: new Date().toISOString(),
      quick: options.quick,
      images: { svg: 'fig1.svg', png: 'fig1.png' },
      table: { columns: ['point', 'x', 'f̄(x)'], rows: [['x0', '[1, 0]', fX0], [`−ρ_${D} x0`, `[${(-rho).toFixed(4)}, 0]`, fNeg], ['0', '[0, 0]', f0]] },
      findings,
      run: { trials: 0, ranThisCall: 0, wallMs: Math.round(performance.now() - t0), workers: null, trialMsTotal: 0, backend: 'closed form', configHash: `d=${D}`, versions: figureVersions() },
      data: { d: D, rho, fX0, fNeg, f0, originMax },
    };
    const readme = `# Figure 1: expected landscape (d = ${D})\n\nMade by \`${options.command}\` (same code as \`dpr theory landscape\`).\n\n![Figure 1](fig1.png)\n\n## The paper's claim\n\n${PAPER_CLAIM}\n\n## What this shows\n\n${findings.map((l) => `- ${l}`).join('\n')}\n`;
    const files = [plot.svg, plot.png, join(options.outDir, 'README.md'), join(options.outDir, 'summary.json')];
    writeFileAtomic(files[2]!, readme);
    writeFileAtomic(files[3]!, `${JSON.stringify(summary, null, 2)}\n`);
    return { outDir: options.outDir, summary, files };
  },
};
