/** The `dpr` command: dispatches to one file per sub-command (the executable is `bin.ts`). */
import { createRequire } from 'node:module';
import { optionList, type Command, type CommandIo } from './command.js';
import { benchCommand } from './commands/bench.js';
import { demoCommand } from './commands/demo.js';
import { solveCommand } from './commands/solve.js';
import { theoryCommand } from './commands/theory.js';
import { trainCommand } from './commands/train.js';
import { reproduceCommand } from './commands/reproduce.js';
import { mergeCommand } from './commands/merge.js';
import { CliError } from './flags.js';
import { debugWanted, reportFailure, withoutDebugFlag } from './failure.js';
import { didYouMean, parseCommandArgs } from './parse.js';

/** Every sub-command, in the order of `dpr help`. */
export const COMMANDS: readonly Command[] = [demoCommand, solveCommand, benchCommand, theoryCommand, reproduceCommand, mergeCommand, trainCommand];

/** The CLI's version (its package.json, one folder above both src/ and dist/). */
export const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

function help(io: CommandIo, name?: string): void {
  const cmd = COMMANDS.find((c) => c.name === name);
  if (cmd) {
    io.out(`${cmd.summary}\n\nUsage:\n${cmd.usage.split('\n').map((l) => `  ${l}`).join('\n')}\n\nOptions: ${optionList(cmd)}`);
    return;
  }
  io.out('dpr: phase retrieval under a generative prior\n\nUsage: dpr <command> [options]\n\nCommands:');
  for (const c of COMMANDS) io.out(`  ${c.name.padEnd(10)} ${c.summary}`);
  io.out('  help       Show help for a command');
  io.out('\n  --version  Print the version');
  io.out('\nFailures print one line and exit 2 (usage) or 1; --debug (or DPR_DEBUG=1) adds the stack trace.');
}

/** Run the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  const debug = debugWanted(argv);
  const [name, ...rest] = withoutDebugFlag(argv);
  const names = COMMANDS.map((c) => c.name);
  const unknown = (word: string) => new CliError(`unknown command ${JSON.stringify(word)}${didYouMean(word, names)} (commands: ${names.join(', ')}; run 'dpr help')`);
  if (name === '--version' || name === '-V') {
    io.out(VERSION);
    return 0;
  }
  try {
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      if (rest.length > 1) throw new CliError(`expected at most one command, got ${rest.join(' ')}`);
      if (rest[0] !== undefined && !names.includes(rest[0])) throw unknown(rest[0]);
      help(io, rest[0]);
      return 0;
    }
    const cmd = COMMANDS.find((c) => c.name === name);
    if (!cmd) throw unknown(name);
    if (rest.includes('--help') || rest.includes('-h')) {
      help(io, name);
      return 0;
    }
    const parsed = parseCommandArgs(cmd, rest);
    return await cmd.run(parsed.values, parsed.positionals, io);
  } catch (e) {
    const known = name !== undefined && (name === 'help' || names.includes(name));
    return reportFailure(known ? name : '', e, io, debug);
  }
}
