/**
 * The CLI's flag parser: `node:util` parseArgs with two fixes a user expects. A negative number
 * after a value flag is that flag's value (`--m -5` is `--m=-5`, then rejected by the flag's own
 * check), and parseArgs' errors become one line naming the flag, with a "did you mean" suggestion
 * for an unknown one, instead of a paragraph and the whole usage.
 */
import { parseArgs } from 'node:util';
import type { Command, Flags } from './command.js';
import { CliError } from './flags.js';

/** Edit distance of two short strings (insertions, deletions, substitutions, adjacent swaps). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!, up = d[i - 1]!;
      row[j] = Math.min(up[j]! + 1, row[j - 1]! + 1, up[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The candidate closest to `word` (a prefix of it, or a few typos away), if any is close. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  const prefixed = candidates.filter((c) => w.length >= 2 && c.startsWith(w));
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined, bestD = Infinity;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best !== undefined && bestD <= Math.max(1, Math.min(3, Math.floor(best.length / 3))) ? best : undefined;
}

/** `; did you mean X?` or nothing. */
export function didYouMean(word: string, candidates: readonly string[], prefix = ''): string {
  const s = suggest(word, candidates);
  return s === undefined ? '' : `; did you mean ${prefix}${s}?`;
}

/** `--m -5` → `--m=-5` for value flags (parseArgs would take `-5` for an option). */
function joinNegativeValues(args: readonly string[], cmd: Command): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return [...out, ...args.slice(i)];
    const next = args[i + 1];
    const opt = a.startsWith('--') && !a.includes('=') ? cmd.options[a.slice(2)] : undefined;
    if (opt?.type === 'string' && next !== undefined && /^-(\d|\.\d|Infinity|NaN)/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** The flag a parseArgs message is about (`'--frob'` in "Unknown option '--frob'"). */
function optionIn(message: string): string {
  return /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? '';
}

/** Parse a command's arguments; every problem is a one-line {@link CliError}. */
export function parseCommandArgs(cmd: Command, args: readonly string[]): { values: Flags; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: joinNegativeValues(args, cmd), options: cmd.options, allowPositionals: true, strict: true });
    return { values: parsed.values as Flags, positionals: parsed.positionals };
  } catch (e) {
    const code = (e as { code?: string }).code;
    const message = (e as Error).message;
    const flag = optionIn(message);
    const help = `(run 'dpr help ${cmd.name}')`;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const names = Object.keys(cmd.options);
      const bare = flag.replace(/^-+/, '').split('=')[0]!;
      throw new CliError(`unknown option ${flag}${didYouMean(bare, names, '--')} ${help}`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const name = flag.split(/[ =]/)[0]!;
      const takesValue = cmd.options[name.replace(/^-+/, '')]?.type === 'string';
      throw new CliError(takesValue ? `${name}: expected a value ${help}` : `${name}: takes no value ${help}`);
    }
    throw new CliError(`${message.split('\n')[0]} ${help}`);
  }
}
