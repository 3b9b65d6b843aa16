/**
 * Where the figures' pictures and pages reach the disk: a rendered plot as `<name>.svg` and
 * `<name>.png`, a PNG image, and `results/index.html` built from every folder's summary.json. All
 * through the one atomic write of `@dpr/datasets`; rendering itself is `@dpr/render`'s.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@dpr/datasets';
import { ArgumentError } from '@dpr/linalg';
import { encodePng, renderPlot, reportHtml, type FigureSummary, type PlotSpec, type RasterImage, type RenderOptions, type ReportEntry } from '@dpr/render';

/**
 * Render `spec` and write `<dir>/<name>.svg` and `<dir>/<name>.png` atomically.
 * @returns the two paths and the PNG size.
 */
export async function writePlot(spec: PlotSpec, dir: string, name: string, options: RenderOptions = {}): Promise<{ svg: string; png: string; width: number; height: number }> {
  if (!/^[\w.-]+$/.test(name)) throw new ArgumentError('name', 'a plain file name (letters, digits, ., _, -)', name);
  const r = await renderPlot(spec, options);
  const svg = join(dir, `${name}.svg`), png = join(dir, `${name}.png`);
  writeFileAtomic(svg, r.svg);
  writeFileAtomic(png, r.png);
  return { svg, png, width: r.width, height: r.height };
}

/** Encode an 8-bit image as PNG and write it atomically. */
export function writePng(path: string, img: RasterImage): void {
  writeFileAtomic(path, encodePng(img));
}

/**
 * The summaries under `resultsDir` (folder name → summary), sorted by figure id then folder; a
 * summary in `resultsDir` itself (a figure's own folder) is the entry of folder `.`.
 */
export function findSummaries(resultsDir: string): ReportEntry[] {
  if (!existsSync(resultsDir)) return [];
  const out: ReportEntry[] = [];
  for (const folder of ['.', ...readdirSync(resultsDir).sort()]) {
    const path = join(resultsDir, folder, 'summary.json');
    if (!statSync(join(resultsDir, folder)).isDirectory() || !existsSync(path)) continue;
    let summary: FigureSummary;
    try {
      summary = JSON.parse(readFileSync(path, 'utf8')) as FigureSummary;
    } catch {
      continue; // summaries are written atomically, so one that does not parse is not ours: skipped
    }
    if (typeof summary.figure === 'string') out.push({ folder, summary });
  }
  return out.sort((a, b) => a.summary.figure.localeCompare(b.summary.figure) || a.folder.localeCompare(b.folder));
}

/** Write `<resultsDir>/index.html` from the summaries found there; returns its path. */
export function writeReport(resultsDir: string): string {
  const path = join(resultsDir, 'index.html');
  writeFileAtomic(path, reportHtml(findSummaries(resultsDir)));
  return path;
}
