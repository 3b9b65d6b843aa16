/** The shape of one `dpr` sub-command. */
import type { ParseArgsConfig } from 'node:util';

/** Where a command writes: stdout for results, stderr for progress and warnings. */
export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Whether stderr is a terminal (progress bars only then). */
  isTTY: boolean;
  /** Working directory for relative paths. */
  cwd: string;
}

/** Parsed flag values. */
export type Flags = Record<string, string | boolean | undefined>;

/** One sub-command of the CLI. */
export interface Command {
  name: string;
  summary: string;
  /** Usage lines shown by `dpr help NAME`. */
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Returns the process exit code. */
  run(flags: Flags, positionals: string[], io: CommandIo): Promise<number>;
}

/** A command's options: names of the value flags and of the boolean flags. */
export function declareOptions(strings: readonly string[], booleans: readonly string[] = []): Command['options'] {
  return Object.fromEntries([...strings.map((n) => [n, { type: 'string' as const }]), ...booleans.map((n) => [n, { type: 'boolean' as const }])]);
}

/** The options of a command in one line, from its declaration: `--m VALUE, --json, ...`. */
export function optionList(cmd: Pick<Command, 'options'>): string {
  return Object.entries(cmd.options).map(([name, o]) => (o.type === 'string' ? `--${name} VALUE` : `--${name}`)).join(', ');
}
