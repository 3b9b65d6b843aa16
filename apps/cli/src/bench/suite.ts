/** A benchmark suite of `dpr bench`: JSON records plus a markdown section for BENCHMARKS.md. */
import type { CommandIo, Flags } from '../command.js';

export interface Suite {
  /** Flags this suite reads (besides --json and --write). */
  flags: readonly string[];
  run(flags: Flags, io: CommandIo): Promise<{ records: object[]; markdown: string }>;
}

/** A markdown table. */
export function table(header: string[], rows: (string | number)[][]): string {
  const line = (r: (string | number)[]) => `| ${r.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
