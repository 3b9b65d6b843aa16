#!/usr/bin/env node
/**
 * The `dpr` executable (package.json `bin`). A file of its own, so it runs the CLI however it is
 * reached: npm's bin symlink, npx, a shell wrapper or `node dist/bin.js`.
 */
import './runtime-flags.js';
import { main } from './main.js';
import type { CommandIo } from './command.js';

const io: CommandIo = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
  // progress bars redraw with cursor escapes: only on a terminal that understands them
  isTTY: Boolean(process.stderr.isTTY) && process.env['TERM'] !== 'dumb',
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
