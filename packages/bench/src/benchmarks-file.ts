/**
 * BENCHMARKS.md holds one section per suite between `<!-- bench:NAME -->` markers; writing a suite
 * replaces only its section, atomically (temp file + rename), so no run can leave it half-written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '@dpr/datasets';

export function writeBenchSection(path: string, name: string, body: string): void {
  const start = `<!-- bench:${name} -->`, end = `<!-- /bench:${name} -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  let text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n\nNumbers written by `pnpm bench` (or the `dpr bench` command named in each section). Every table is measured in one run on the machine named there; compare rows as ratios.\n';
  const i = text.indexOf(start), j = text.indexOf(end);
  if (i >= 0 && j > i) text = text.slice(0, i) + block + text.slice(j + end.length);
  else text = `${text.trimEnd()}\n\n${block}\n`;
  writeFileAtomic(path, text);
}
