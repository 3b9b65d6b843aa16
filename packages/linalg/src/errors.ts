/**
 * Typed errors shared by every dpr package. Each names the parameter at fault and what was
 * expected, so a caller can react to `err.code` / `err.parameter` instead of parsing messages.
 */

/** Base class of every error thrown deliberately by dpr code. */
export class DprError extends Error {
  /** Stable machine-readable code, e.g. `'E_ARGUMENT'`. */
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A function received a bad argument: wrong type, out of range, non-finite, ... */
export class ArgumentError extends DprError {
  /** Name of the offending parameter (dotted path for nested options). */
  readonly parameter: string;
  /** What was expected, in words. */
  readonly expected: string;
  constructor(parameter: string, expected: string, received?: unknown, code = 'E_ARGUMENT') {
    super(code, `${parameter}: expected ${expected}${received === undefined ? '' : `, got ${describe(received)}`}`);
    this.parameter = parameter;
    this.expected = expected;
  }
}

/**
 * An option that is wrong in its context (e.g. one that only goes with another), named by
 * `parameter`; the message is `parameter: detail`.
 */
export class OptionError extends ArgumentError {
  constructor(parameter: string, detail: string) {
    super(parameter, detail);
    this.message = `${parameter}: ${detail}`;
  }
}

/** Dimensions of two operands do not agree. */
export class ShapeError extends ArgumentError {
  constructor(parameter: string, expected: string, received?: unknown) {
    super(parameter, expected, received, 'E_SHAPE');
  }
}

/** A request would allocate more memory than allowed: checked before allocating, naming the parameter. */
export class TooLargeError extends ArgumentError {
  /** Bytes the request needs. */
  readonly bytes: number;
  /** Bytes allowed. */
  readonly limitBytes: number;
  constructor(parameter: string, what: string, bytes: number, limitBytes: number) {
    super(parameter, 'a smaller size', undefined, 'E_TOO_LARGE');
    this.message = `${parameter}: too large: needs ${gib(bytes)} GiB for ${what}, more than the ${gib(limitBytes)} GiB allowed`;
    this.bytes = bytes;
    this.limitBytes = limitBytes;
  }
}

/** Throw a {@link TooLargeError} when `bytes` exceeds `limitBytes` (non-finite counts as too large). */
export function checkAllocation(parameter: string, what: string, bytes: number, limitBytes: number): void {
  if (!(bytes <= limitBytes)) throw new TooLargeError(parameter, what, bytes, limitBytes);
}

function gib(bytes: number): string {
  const g = bytes / 2 ** 30;
  return g >= 10 ? g.toFixed(0) : g >= 0.1 ? g.toFixed(1) : g.toPrecision(2);
}

/** A compute backend could not be created or used. */
export class BackendUnavailableError extends DprError {
  readonly backend: string;
  constructor(backend: string, reason: string, options?: { cause?: unknown }) {
    super('E_BACKEND', `backend '${backend}' is unavailable: ${reason}`, options);
    this.backend = backend;
  }
}

/** Short human description of a received value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as { length: number }).length})`;
  if (Array.isArray(value)) return `Array(${value.length})`;
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}
