/**
 * A user-given initial point, checked and copied (never rescaled).
 */
import { ArgumentError, ShapeError, assertFinite, assertVec, type Vec } from '@dpr/linalg';
import type { Problem } from '../problem.js';

/** A copy of `custom` after checking that it is a finite vector in R^n. */
export function customInit(problem: Problem, custom: Vec | undefined): Vec {
  if (custom === undefined) throw new ArgumentError('options.custom', "a Float64Array (required by the 'custom' initializer)");
  assertVec('options.custom', custom);
  if (custom.length !== problem.A.inputDim) throw new ShapeError('options.custom', `length n = ${problem.A.inputDim}`, custom.length);
  assertFinite('options.custom', custom);
  return custom.slice();
}
