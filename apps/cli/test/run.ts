/** Run the CLI in-process and collect its output. */
import { main } from '../src/main.js';

export async function run(args: string[], cwd = process.cwd()): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [], err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), isTTY: false, cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
