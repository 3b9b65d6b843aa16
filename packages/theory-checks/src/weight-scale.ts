/**
 * The theorems assume a particular entry variance: W_i iid N(0, 1/n_i) (WDC) and A iid N(0, 1/m)
 * (RRCP). Users' matrices often use another scale (the paper's Section 4.1 uses N(0, 1)). The WDC
 * and RRCP constants are not scale-invariant, so a check first measures the empirical entry
 * variance and, when it is far from the assumed one, rescales to it and says so in a note.
 * A positive rescaling changes neither the ReLU masks nor sgn(A z), and only multiplies f by a
 * constant, so the landscape (and DPR) is unaffected.
 */
import { ArgumentError } from '@dpr/linalg';

/** `auto`: rescale only when the empirical variance is off by more than 25%; `always`; `never`. */
export type RescaleMode = 'auto' | 'always' | 'never';

/** Outcome of comparing a matrix's empirical entry variance with the theorem's. */
export interface ScaleReport {
  /** Empirical mean square entry (the row-variance averaged over rows, zero mean assumed). */
  entryVariance: number;
  /** The variance the theorem assumes (1/n_i or 1/m). */
  targetVariance: number;
  /** Factor the entries were multiplied by (1 when not rescaled). */
  factor: number;
  /** Present when the matrix was rescaled (or is off-scale and `never` was asked). */
  note?: string;
}

/** Parse/validate a {@link RescaleMode}. */
export function checkRescaleMode(mode: unknown): RescaleMode {
  if (mode === undefined) return 'auto';
  if (mode === 'auto' || mode === 'always' || mode === 'never') return mode;
  throw new ArgumentError('rescale', "'auto', 'always' or 'never'", mode);
}

/**
 * Decide the rescaling of a matrix with empirical entry variance `variance` whose theorem wants
 * `target` (= 1/n for W ∈ R^{n×k}, 1/m for A ∈ R^{m×n}); `what` names it in the note.
 */
export function scaleReport(what: string, variance: number, target: number, mode: RescaleMode): ScaleReport {
  if (!(variance > 0) || !Number.isFinite(variance)) throw new ArgumentError(what, 'a matrix with non-zero finite entries', variance);
  const ratio = variance / target;
  const off = ratio > 1.25 || ratio < 0.8;
  const describe = `${what}: empirical entry variance ${variance.toPrecision(4)} = ${ratio.toPrecision(4)} × the theorem's ${target.toPrecision(4)}`;
  if (mode === 'always' || (mode === 'auto' && off)) {
    const factor = Math.sqrt(target / variance);
    return { entryVariance: variance, targetVariance: target, factor, note: `${describe}; rescaled by ${factor.toPrecision(4)} to the theorem's scaling` };
  }
  if (mode === 'never' && off) return { entryVariance: variance, targetVariance: target, factor: 1, note: `${describe}; not rescaled (rescale: 'never')` };
  return { entryVariance: variance, targetVariance: target, factor: 1 };
}

/** Mean square of the entries. */
export function meanSquare(data: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += (data[i] as number) ** 2;
  return s / data.length;
}
