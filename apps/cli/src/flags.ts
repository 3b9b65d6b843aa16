/** Typed flag readers: a bad value is a {@link CliError} naming the flag and what was expected. */
import { DprError, OptionError, TooLargeError } from '@dpr/linalg';
import type { Flags } from './command.js';

/** A usage error: printed without a stack trace, exit code 2. */
export class CliError extends DprError {
  constructor(message: string) {
    super('E_USAGE', message);
  }
}

export function intFlag(flags: Flags, name: string, fallback: number, min = Number.MIN_SAFE_INTEGER): number {
  const v = flags[name];
  if (v === undefined) return fallback;
  const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new CliError(`--${name}: expected an integer${min > Number.MIN_SAFE_INTEGER ? ` >= ${min}` : ''}, got ${JSON.stringify(v)}`);
  return n;
}

export function numberFlag(flags: Flags, name: string, fallback: number): number {
  const v = flags[name];
  if (v === undefined) return fallback;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  if (!Number.isFinite(n)) throw new CliError(`--${name}: expected a number, got ${JSON.stringify(v)}`);
  return n;
}

export function stringFlag(flags: Flags, name: string): string | undefined {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
}

export function choiceFlag<T extends string>(flags: Flags, name: string, choices: readonly T[], fallback: T): T {
  const v = flags[name];
  if (v === undefined) return fallback;
  if (typeof v === 'string' && (choices as readonly string[]).includes(v)) return v as T;
  throw new CliError(`--${name}: expected one of ${choices.join(', ')}, got ${JSON.stringify(v)}`);
}

/** Parse `MxN` (or `MxNxK`) sizes. */
export function sizeFlag(flags: Flags, name: string): number[] | undefined {
  const v = stringFlag(flags, name);
  if (v === undefined) return undefined;
  const parts = /^\d+x\d+(?:x\d+)?$/.test(v) ? v.split('x').map((s) => Number(s)) : [];
  if (parts.length < 2 || parts.some((p) => !Number.isSafeInteger(p) || p <= 0)) {
    throw new CliError(`--${name}: expected MxN or MxNxK with positive integers, got ${JSON.stringify(v)}`);
  }
  return parts;
}

/** `saveInstance` → `save-instance`: a library option's name as the flag that sets it. */
export function flagName(option: string): string {
  return option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * Run `f`; an {@link OptionError} of the library (an option wrong in context) becomes a usage error
 * naming the flag, a {@link TooLargeError} (sizes beyond the memory limit) an error naming it.
 */
export function asUsageError<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof OptionError) throw new CliError(`--${flagName(e.parameter)}${e.message.slice(e.parameter.length)}`);
    if (e instanceof TooLargeError) throw new DprError(e.code, `--${flagName(e.parameter)}${e.message.slice(e.parameter.length)}`);
    throw e;
  }
}
