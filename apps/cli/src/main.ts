#!/usr/bin/env node
/** The `dpr` command: dispatches to one file per sub-command. */
import './runtime-flags.js';
import { parseArgs } from 'node:util';
import { DprError } from '@dpr/linalg';
import type { Command, CommandIo } from './command.js';
import { benchCommand } from './commands/bench.js';
import { demoCommand } from './commands/demo.js';
import { solveCommand } from './commands/solve.js';
import { theoryCommand } from './commands/theory.js';
import { trainCommand } from './commands/train.js';
import { reproduceCommand } from './commands/reproduce.js';
import { mergeCommand } from './commands/merge.js';
import { CliError } from './flags.js';

const COMMANDS: Command[] = [demoCommand, solveCommand, benchCommand, theoryCommand, reproduceCommand, mergeCommand, trainCommand];

function help(io: CommandIo, name?: string): void {
  const cmd = COMMANDS.find((c) => c.name === name);
  if (cmd) {
    io.out(`${cmd.summary}\n\nUsage:\n${cmd.usage.split('\n').map((l) => `  ${l}`).join('\n')}`);
    return;
  }
  io.out('dpr: phase retrieval under a generative prior\n\nUsage: dpr <command> [options]\n\nCommands:');
  for (const c of COMMANDS) io.out(`  ${c.name.padEnd(10)} ${c.summary}`);
  io.out('  help       Show help for a command');
}

/** Run the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
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

const isEntry = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').slice(-3).join('/'));
if (isEntry) {
  const io: CommandIo = {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
    isTTY: Boolean(process.stderr.isTTY),
    cwd: process.env['INIT_CWD'] ?? process.cwd(),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`dpr: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
