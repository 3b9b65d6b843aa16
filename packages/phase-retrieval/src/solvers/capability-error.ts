/**
 * The typed refusal of an input a solver's capabilities do not cover (e.g. complex measurements
 * for a solver without the `complex` capability): names the option, the solver and the capability.
 */
import { OptionError } from '@dpr/linalg';
import type { Solver, SolverCapabilities } from './types.js';

/** A solver lacks the capability an input needs. */
export class CapabilityError extends OptionError {
  constructor(
    readonly solver: string,
    readonly capability: keyof SolverCapabilities,
    parameter: string,
    detail: string,
  ) {
    super(parameter, `solver '${solver}' lacks the '${capability}' capability: ${detail}`);
  }
}

/** Throws a {@link CapabilityError} unless the solver declares `capability`. */
export function requireCapability(solver: Pick<Solver, 'id' | 'capabilities'>, capability: keyof SolverCapabilities, parameter: string, detail: string): void {
  const v = solver.capabilities[capability];
  if (v === null || v === false) throw new CapabilityError(solver.id, capability, parameter, detail);
}

/** Whether a measurement operator is complex (a `MeasurementOperator` of dtype `complex`). */
export function isComplexOperator(A: unknown): boolean {
  return typeof A === 'object' && A !== null && (A as { dtype?: unknown }).dtype === 'complex';
}
