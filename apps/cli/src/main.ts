/** The `dpr` command: dispatches to one file per sub-command (the executable is `bin.ts`). */
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { DprError } from '@dpr/linalg';
import { optionList, type Command, type CommandIo } from './command.js';
import { benchCommand } from './commands/bench.js';
import { demoCommand } from './commands/demo.js';
import { solveCommand } from './commands/solve.js';
import { theoryCommand } from './commands/theory.js';
import { trainCommand } from './commands/train.js';
import { reproduceCommand } from './commands/reproduce.js';
import { mergeCommand } from './commands/merge.js';
import { CliError } from './flags.js';

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
}

/** Run the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    io.out(VERSION);
    return 0;
  }
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    help(io, rest[0]);
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  try {
    if (!cmd) throw new CliError(`unknown command ${JSON.stringify(name)}; run 'dpr help'`);
    if (rest.includes('--help') || rest.includes('-h')) {
      help(io, name);
      return 0;
    }
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: cmd.options, allowPositionals: true, strict: true });
    } catch (e) {
      throw new CliError(`${(e as Error).message.split('\n')[0]}\nUsage:\n  ${cmd.usage.replace(/\n/g, '\n  ')}`);
    }
    return await cmd.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals, io);
  } catch (e) {
    if (e instanceof DprError) {
      io.err(`dpr ${name}: ${e.message}`);
      return e instanceof CliError ? 2 : 1;
    }
    throw e;
  }
}
