/**
 * `dpr theory wdc|rrcp|descent|landscape|rho`: numerical checks of the paper's theory
 * (@dpr/theory-checks) on seeded random networks or on weights from a safetensors file.
 * `@dpr/theory-checks` is imported when the command runs, the plotting stack only by `landscape`.
 */
import type { WdcResult } from '@dpr/theory-checks';
import { backendFromFlags } from '../backends.js';
import { declareOptions, type Command, type CommandIo, type Flags } from '../command.js';
import { outputPath, readFileFlag } from '../files.js';
import { CliError, choiceFlag, intFlag, numberFlag, stringFlag } from '../flags.js';

const CHECKS = ['wdc', 'rrcp', 'descent', 'landscape', 'rho'] as const;
type Check = (typeof CHECKS)[number];

/** JSON with typed arrays as plain arrays. */
function json(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v instanceof Float64Array ? Array.from(v) : v));
}

function listFlag(flags: Flags, name: string, fallback: number[], integer: boolean): number[] {
  const v = stringFlag(flags, name);
  if (v === undefined) return fallback;
  const parts = v.split(',').map((s) => Number(s.trim()));
  if (parts.length === 0 || parts.some((p) => !Number.isFinite(p) || (integer && (!Number.isSafeInteger(p) || p < 1)))) {
    throw new CliError(`--${name}: expected comma-separated ${integer ? 'positive integers' : 'numbers'}, got ${JSON.stringify(v)}`);
  }
  return parts;
}

function fmt(v: number, digits = 4): string {
  return Number.isFinite(v) ? v.toPrecision(digits) : String(v);
}

async function runWdc(flags: Flags, io: CommandIo): Promise<number> {
  const file = stringFlag(flags, 'weights');
  const n = stringFlag(flags, 'n'), k = stringFlag(flags, 'k');
  const dims = n !== undefined || k !== undefined ? [intFlag(flags, 'k', 10, 1), intFlag(flags, 'n', 1000, 1)] : listFlag(flags, 'dims', [10, 500, 1000], true);
  if (dims.length < 2) throw new CliError('--dims: expected at least two widths k,n1[,...]');
  const { runWdcCheck } = await import('@dpr/theory-checks');
  const r = runWdcCheck({
    ...(file ? { weights: readFileFlag(io.cwd, file, 'weights'), weightsName: file } : {}),
    dims, scale: choiceFlag(flags, 'scale', ['fan-in', 'unit'] as const, 'fan-in'), seed: intFlag(flags, 'seed', 1), pairs: intFlag(flags, 'pairs', 100, 0), search: intFlag(flags, 'search', 200, 0),
  });
  const source = r.source;
  if (flags['json']) {
    io.out(json({ source, value: r.value, layers: r.layers, notes: r.notes }));
    return 0;
  }
  io.out(`WDC of ${source}: ε_i ≈ sup ‖W_{+,x}ᵀW_{+,y} − Q_{x,y}‖₂ per layer (lower bounds found by random pairs + search)`);
  io.out('| layer | n_i | n_{i-1} | ε_i | sqrt(n_{i-1}/n_i) | worst θ | found by | evaluations |');
  io.out('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const l of r.layers as Array<WdcResult & { layer: number }>) {
    io.out(`| ${l.layer} | ${l.n} | ${l.k} | ${fmt(l.value)} | ${fmt(l.reference)} | ${fmt(l.worstPair.theta, 3)} | ${l.method} | ${l.evaluations} |`);
  }
  for (const note of r.notes) io.out(`note: ${note}`);
  return 0;
}

async function runRrcp(flags: Flags, io: CommandIo): Promise<number> {
  const file = stringFlag(flags, 'weights');
  const dims = listFlag(flags, 'dims', [10, 500, 1000], true);
  if (dims.length < 2) throw new CliError('--dims: expected at least two widths k,n1[,...]');
  const { runRrcpCheck } = await import('@dpr/theory-checks');
  const { source, ...r } = runRrcpCheck({
    ...(file ? { weights: readFileFlag(io.cwd, file, 'weights'), weightsName: file } : {}),
    dims, m: intFlag(flags, 'm', 1000, 1), seed: intFlag(flags, 'seed', 1), pairs: intFlag(flags, 'pairs', 40, 1), search: intFlag(flags, 'search', 200, 0),
  });
  if (flags['json']) {
    io.out(json({ source, ...r }));
    return 0;
  }
  io.out(`RRCP of ${source}`);
  io.out(`  range-restricted  sup |⟨(A_zᵀA_w − Φ_{z,w})u, v⟩|/(‖u‖‖v‖) ≥ ${fmt(r.value)}  (ε ≥ R/31 = ${fmt(r.epsilon)}; found by ${r.method}, ${r.evaluations} evaluations)`);
  if (r.fullMatrix) io.out(`  full-matrix proxy ‖A_zᵀA_w − Φ_{z,w}‖₂ at the worst pair = ${fmt(r.fullMatrix.value)}`);
  io.out(`  sqrt(k/m) = ${fmt(r.reference)}`);
  if (r.note) io.out(`note: ${r.note}`);
  return 0;
}

async function runDescent(flags: Flags, io: CommandIo): Promise<number> {
  const seed = intFlag(flags, 'seed', 1);
  const dims = listFlag(flags, 'dims', [2, 500, 1000], true);
  if (dims.length < 2) throw new CliError('--dims: expected at least two widths k,n1[,...]');
  const m = intFlag(flags, 'm', 1000, 1);
  const k = dims[0]!;
  const x0 = Float64Array.from(listFlag(flags, 'x0', k === 2 ? [1, 0] : [1, ...new Array<number>(k - 1).fill(0)], false));
  if (x0.length !== k) throw new CliError(`--x0: expected ${k} numbers (k = ${k}), got ${x0.length}`);
  const { runDescentCheck } = await import('@dpr/theory-checks');
  const backend = await backendFromFlags(flags, io.err);
  let run;
  try {
    run = runDescentCheck({ dims, m, x0, seed, backend, radius: numberFlag(flags, 'radius', 0.1), extent: numberFlag(flags, 'extent', 2), grid: intFlag(flags, 'grid', 201, 1), samples: intFlag(flags, 'samples', 20000, 0) });
  } finally {
    backend.dispose();
  }
  const { setup, certificate: c } = run;
  if (flags['json']) {
    io.out(json({ setup, ...c }));
    return 0;
  }
  io.out(`Descent certificate: G ${dims.join('-')} (N(0, 1) weights), A ${m}×${dims.at(-1)} N(0, 1), x0 = [${Array.from(x0).join(', ')}], seed ${seed}, backend ${backend.name}`);
  io.out(`  points: ${c.sampling}; ${c.excluded} excluded (B(x0, ${c.radius}‖x0‖) ∪ B(−ρ_${c.depth} x0, ${c.radius}‖x0‖) ∪ {0}, ρ_${c.depth} = ${fmt(c.rho)})`);
  io.out(`  D_{−v(x)} f(x) < 0 at ${c.negative} / ${c.points} points (${(100 * c.fraction).toFixed(2)}%), exact one-sided derivatives`);
  io.out(`  worst: x = [${Array.from(c.worst.x, (t) => fmt(t, 3)).join(', ')}], D = ${fmt(c.worst.derivative)} (scale-free ${fmt(c.worst.normalized)}), ‖v‖ = ${fmt(c.worst.vNorm)}`);
  io.out(`  D_w f(0) = −⟨|AG(w)|, b⟩ < 0 for ${c.atZero.negative} / ${c.atZero.directions} unit directions w (largest ${fmt(c.atZero.max)})`);
  io.out(`  time: ${(c.timeMs / 1000).toFixed(2)} s`);
  return 0;
}

async function runLandscape(flags: Flags, io: CommandIo): Promise<number> {
  const d = intFlag(flags, 'depth', 2, 0);
  const out = outputPath(io.cwd, stringFlag(flags, 'out') ?? 'results/fig1', 'out', 'folder');
  // loaded on demand: the plotting stack (vega, resvg) is only needed here
  const { writeFigure1 } = await import('@dpr/experiments');
  const r = await writeFigure1(out, { d, size: intFlag(flags, 'grid', 201, 2), extent: numberFlag(flags, 'extent', 2) });
  if (flags['json']) io.out(json({ d, rho: r.rho, svg: r.svg, png: r.png }));
  else io.out(`Figure 1 (expected objective, d = ${d}, ρ_${d} = ${fmt(r.rho)}): ${r.svg}, ${r.png} (${r.width}×${r.height} px)`);
  return 0;
}

async function runRho(flags: Flags, io: CommandIo): Promise<number> {
  const { rho } = await import('@dpr/theory-checks');
  if (flags['depth'] !== undefined) {
    const d = intFlag(flags, 'depth', 1, 0);
    const value = rho(d);
    io.out(flags['json'] ? json({ d, rho: value }) : `ρ_${d} = ${fmt(value)}`);
    return 0;
  }
  const rows = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100, 1000, 1000000].map((d) => ({ d, rho: rho(d) }));
  if (flags['json']) io.out(json(rows));
  else {
    io.out('| d | ρ_d | 1 − ρ_d |');
    io.out('| --- | --- | --- |');
    for (const r of rows) io.out(`| ${r.d} | ${fmt(r.rho)} | ${fmt(1 - r.rho, 3)} |`);
  }
  return 0;
}

export const theoryCommand: Command = {
  name: 'theory',
  summary: 'Check the theory numerically: WDC, RRCP, descent certificate, expected landscape (Fig. 1), rho_d',
  usage: [
    'dpr theory rho [--depth d] [--json]',
    'dpr theory wdc [--dims k,n1,...,nd | --k K --n N] [--scale fan-in|unit] [--weights FILE] [--seed S] [--pairs P] [--search E] [--json]',
    'dpr theory rrcp [--dims k,n1,...,nd] [--m M] [--weights FILE] [--seed S] [--pairs P] [--search E] [--json]',
    'dpr theory descent [--dims 2,500,1000] [--m 1000] [--x0 1,0] [--grid 201] [--extent 2] [--radius 0.1] [--samples N] [--seed S] [--backend B] [--json]',
    'dpr theory landscape [--depth 2] [--out results/fig1] [--grid 201] [--extent 2] [--json]',
    '(--weights: safetensors with W1, W2, ... row-major [n_i, n_{i-1}], and A [m, n] for rrcp)',
  ].join('\n'),
  options: declareOptions(['depth', 'dims', 'n', 'k', 'm', 'scale', 'weights', 'seed', 'pairs', 'search', 'x0', 'grid', 'extent', 'radius', 'samples', 'backend', 'out'], ['json']),
  async run(flags, positionals, io) {
    const which = positionals[0];
    if (which === undefined || !(CHECKS as readonly string[]).includes(which)) {
      throw new CliError(`expected a check: ${CHECKS.join(', ')}${which === undefined ? '' : `, got ${JSON.stringify(which)}`}`);
    }
    if (positionals.length > 1) throw new CliError(`unexpected argument ${JSON.stringify(positionals[1])}`);
    const run: Record<Check, (f: Flags, io: CommandIo) => Promise<number>> = { wdc: runWdc, rrcp: runRrcp, descent: runDescent, landscape: runLandscape, rho: runRho };
    return run[which as Check](flags, io);
  },
};
