/**
 * Every solver by id: one table, filled explicitly (no import side effects).
 */
import { ArgumentError } from '@dpr/linalg';
import type { Solver, SolverCapabilities } from './types.js';
import { dpr } from './dpr.js';
import { dprAdam } from './dpr-adam.js';
import { gerchbergSaxton } from './gerchberg-saxton.js';
import { fienup } from './fienup.js';
import { wirtingerFlow } from './wirtinger-flow.js';
import { amplitudeFlow } from './amplitude-flow.js';
import { taf } from './taf.js';
import { raf } from './raf.js';
import { twf } from './twf.js';
import { rwf } from './rwf.js';
import { sparta } from './sparta.js';

/** All solvers of this package, by id. */
export const SOLVERS: Readonly<Record<string, Solver<any>>> = {
  [dpr.id]: dpr,
  [dprAdam.id]: dprAdam,
  [gerchbergSaxton.id]: gerchbergSaxton,
  [fienup.id]: fienup,
  [wirtingerFlow.id]: wirtingerFlow,
  [amplitudeFlow.id]: amplitudeFlow,
  [taf.id]: taf,
  [raf.id]: raf,
  [twf.id]: twf,
  [rwf.id]: rwf,
  [sparta.id]: sparta,
};

/** Look up a solver by id, or throw naming the known ones. */
export function getSolver(id: string): Solver<any> {
  const s = SOLVERS[id];
  if (!s) throw new ArgumentError('algorithm', `one of ${Object.keys(SOLVERS).join(', ')}`, id);
  return s;
}

/** What {@link solversWith} matches: each given capability must be present (true) or absent (false). */
export type CapabilityFilter = { readonly [K in keyof SolverCapabilities]?: boolean };

/**
 * The registered solvers whose capabilities match `filter` (e.g. `{ prior: false, sparsity: false }`
 * for the dense plain-signal baselines), in registry order.
 */
export function solversWith(filter: CapabilityFilter): Solver<any>[] {
  const has = (s: Solver<any>, key: keyof SolverCapabilities): boolean => {
    const v = s.capabilities[key];
    return v !== null && v !== false;
  };
  return Object.values(SOLVERS).filter((s) => (Object.keys(filter) as (keyof SolverCapabilities)[]).every((key) => has(s, key) === filter[key]));
}
