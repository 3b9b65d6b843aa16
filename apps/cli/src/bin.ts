#!/usr/bin/env node
/**
 * The `dpr` executable (package.json `bin`). A file of its own, so it runs the CLI however it is
 * reached: npm's bin symlink, npx, a shell wrapper or `node dist/bin.js`.
 */
import './runtime-flags.js';
import { main } from './main.js';
import type { CommandIo } from './command.js';
import { debugWanted, reportFailure } from './failure.js';

/** Leave quietly when the reader of stdout (or stderr) went away (`dpr help | head -1`): exit 141, as a SIGPIPE'd tool would. */
function exitOnBrokenPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(141);
    throw e;
  });
}

const io: CommandIo = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
  // progress bars redraw with cursor escapes: only on a terminal that understands them
  isTTY: Boolean(process.stderr.isTTY) && process.env['TERM'] !== 'dumb',
  cwd: process.env['INIT_CWD'] ?? process.cwd(),
};
exitOnBrokenPipe(process.stdout);
exitOnBrokenPipe(process.stderr);
main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.exitCode = reportFailure('', e, io, debugWanted(process.argv));
  },
);
