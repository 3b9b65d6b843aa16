/**
 * Property-based tests (fast-check, a small fixed budget) of the parsers behind the flags: the
 * CLI's flag parser, `--prior gaussian:...`, `--size MxN[xK]`, `--shard i/N` and the integer flags.
 * Each either returns what the text says (and round-trips) or throws its typed error with one line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArgumentError, OptionError } from '@dpr/linalg';
import { parseGaussianPrior } from '@dpr/lab';
import { formatShard, parseShard } from '@dpr/sweep';
import { solveCommand } from '../src/commands/solve.js';
import { reproduceCommand } from '../src/commands/reproduce.js';
import { CliError, intFlag, sizeFlag } from '../src/flags.js';
import { parseCommandArgs } from '../src/parse.js';

const RUNS = { numRuns: 300, seed: 17 };

/** `f()`'s value, or undefined when it throws `type` (with a one-line message); anything else fails. */
function orTyped<T>(f: () => T, type: new (...a: never[]) => Error): T | undefined {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof type)) throw e;
    expect(e.message).not.toContain('\n');
    return undefined;
  }
}

/** Strings over an alphabet that reaches the parsers' edge cases. */
const textOf = (pieces: string[]) => fc.array(fc.constantFrom(...pieces), { maxLength: 10 }).map((a) => a.join(''));
const anyText = fc.oneof(fc.string({ maxLength: 20 }), textOf(['gaussian:', '0', '1', '7', '9007199254740993', ',', 'x', '/', '-', ' ', '.', 'e', '+', '0b1', '1e3']));
const dim = fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.constant(Number.MAX_SAFE_INTEGER));

describe('--prior gaussian:k,n1,...,n', () => {
  it('round-trips positive widths and rejects everything else with an OptionError', () => {
    fc.assert(fc.property(fc.array(dim, { minLength: 2, maxLength: 6 }), (dims) => void expect(parseGaussianPrior(`gaussian:${dims.join(',')}`)).toEqual(dims)), RUNS);
    fc.assert(
      fc.property(anyText, (text) => {
        const dims = orTyped(() => parseGaussianPrior(text), OptionError);
        if (dims) {
          expect(text).toBe(`gaussian:${text.slice(9)}`);
          expect(dims.length).toBeGreaterThanOrEqual(2);
          for (const d of dims) expect(Number.isSafeInteger(d) && d >= 1).toBe(true);
        }
      }),
      RUNS,
    );
  });
});

describe('--size MxN[xK]', () => {
  it('round-trips positive sizes; anything not digits-x-digits is a CliError', () => {
    fc.assert(fc.property(fc.array(dim, { minLength: 2, maxLength: 3 }), (dims) => void expect(sizeFlag({ size: dims.join('x') }, 'size')).toEqual(dims)), RUNS);
    fc.assert(
      fc.property(anyText, (text) => {
        const size = orTyped(() => sizeFlag({ size: text }, 'size'), CliError);
        if (size) expect(size.join('x')).toBe(text.replace(/(^|x)0+(?=\d)/g, '$1'));
      }),
      RUNS,
    );
  });
});

describe('--shard i/N', () => {
  it('round-trips 1 <= i <= N; everything else is an ArgumentError', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 6 }), fc.integer({ min: 0, max: 10 ** 6 }), (count, k) => {
        const shard = { index: 1 + (k % count), count };
        expect(parseShard(formatShard(shard))).toEqual(shard);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(anyText, (text) => {
        const s = orTyped(() => parseShard(text), ArgumentError);
        if (s) expect(s.index >= 1 && s.index <= s.count && Number.isSafeInteger(s.count)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('integer flags', () => {
  it('accept exactly the decimal safe integers >= min', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.integer().map(String), fc.double().map(String)), fc.integer({ min: -5, max: 5 }), (text, min) => {
        const n = orTyped(() => intFlag({ v: text }, 'v', 0, min), CliError);
        const valid = /^\s*-?\d+\s*$/.test(text) && Number.isSafeInteger(Number(text)) && Number(text) >= min;
        expect(n !== undefined).toBe(valid);
        if (n !== undefined) expect(n).toBe(Number(text));
      }),
      RUNS,
    );
  });
});

describe('the CLI flag parser', () => {
  const token = fc.oneof(
    fc.constantFrom('--m', '--n', '--seed', '--json', '--prior', '--frob', '--json=1', '--m=', '-5', '-x', '--', '-', '--help', 'fig2', '--shard', '--quick', '--wait'),
    fc.string({ maxLength: 8 }),
    fc.integer().map(String),
  );
  it('any argv: flags and positionals, or a one-line CliError', () => {
    for (const cmd of [solveCommand, reproduceCommand]) {
      fc.assert(
        fc.property(fc.array(token, { maxLength: 8 }), (argv) => {
          const r = orTyped(() => parseCommandArgs(cmd, argv), CliError);
          if (r) for (const k of Object.keys(r.values)) expect(cmd.options[k], k).toBeDefined();
        }),
        RUNS,
      );
    }
  });

  it('a value flag keeps its value: --m=V always, --m V unless V looks like an option (negative numbers are values)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 10 }), fc.integer().map(String), fc.double().map(String)), (v) => {
        expect(parseCommandArgs(solveCommand, [`--m=${v}`]).values['m']).toBe(v);
        const spaced = orTyped(() => parseCommandArgs(solveCommand, ['--m', v]), CliError);
        if (!v.startsWith('-') || /^-(\d|\.\d|Infinity|NaN)/.test(v)) expect(spaced?.values['m']).toBe(v);
        else expect(spaced).toBeUndefined();
      }),
      RUNS,
    );
  });
});
