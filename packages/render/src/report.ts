/**
 * The report page (`results/index.html`): one section per figure produced so far, with its plot,
 * its numbers, what the paper claims, what the run found and the command that made it. Pure: it
 * gets the summaries (read from `<results>/<name>/summary.json` by `@dpr/experiments`) and returns
 * the HTML.
 */
import type { FigureSummary } from './summary.js';

/** One figure on the report page: its folder (relative to the page) and its summary. */
export interface ReportEntry {
  folder: string;
  summary: FigureSummary;
}

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function section(folder: string, s: FigureSummary): string {
  const f = s.run;
  const table = `<table><thead><tr>${s.table.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${s.table.rows
    .map((r) => `<tr>${r.map((v) => `<td>${esc(v)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
  const facts = [
    `${f.trials} trials`,
    `backend ${f.backend}`,
    f.wallMs === null ? 'rendered from merged shards' : `${(f.wallMs / 1000).toFixed(1)} s wall for ${f.ranThisCall} trials on ${f.workers} workers`,
    `${(f.trialMsTotal / 1000).toFixed(1)} s trial time`,
    `config ${f.configHash}`,
  ].join(' · ');
  return `<section id="${esc(folder)}">
<h2>${esc(s.title)}${s.quick ? ' <span class="tag">quick</span>' : ''}</h2>
<p class="cmd"><code>${esc(s.command)}</code> <span class="when">${esc(s.generatedAt)}</span></p>
<a href="${esc(`${folder}/${s.images.svg}`)}"><img src="${esc(`${folder}/${s.images.png}`)}" alt="${esc(s.title)}"></a>
${(s.extraImages ?? []).map((p) => `<a href="${esc(`${folder}/${p}`)}"><img class="grid" src="${esc(`${folder}/${p}`)}" alt="${esc(p)}" title="${esc(p)}"></a>`).join('\n')}
<p><strong>Paper:</strong> ${esc(s.paperClaim)}</p>
<ul>${s.findings.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>
<details><summary>Numbers</summary>${table}</details>
<p class="facts">${esc(facts)} · <a href="${esc(`${folder}/README.md`)}">README</a> · <a href="${esc(`${folder}/trials.jsonl`)}">trials.jsonl</a></p>
</section>`;
}

/** The report page for these figures (in the given order). */
export function reportHtml(found: readonly ReportEntry[], generatedAt = new Date().toISOString()): string {
  const body = found.length === 0 ? '<p>No figures yet: run <code>pnpm dpr reproduce all --quick</code>.</p>' : found.map((x) => section(x.folder, x.summary)).join('\n');
  const toc = found.map((x) => `<li><a href="#${esc(x.folder)}">${esc(x.summary.title)}</a> (${esc(x.folder)})</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>dpr: reproduced figures</title>
<style>
body { font: 15px/1.5 Georgia, 'DejaVu Serif', serif; max-width: 980px; margin: 2em auto; padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; border-top: 1px solid #ccc; padding-top: 1em; }
img { max-width: 100%; border: 1px solid #eee; } img.grid { max-height: 420px; margin-right: 1em; image-rendering: pixelated; }
code { font-size: 0.9em; background: #f4f4f4; padding: 1px 4px; }
.when, .facts { color: #666; font-size: 0.9em; } .tag { font-size: 0.7em; background: #fe9; padding: 1px 6px; border-radius: 3px; }
table { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0; } td, th { border: 1px solid #ddd; padding: 2px 8px; text-align: right; }
</style></head><body>
<h1>Phase Retrieval Under a Generative Prior: reproduced figures</h1>
<p>Generated ${esc(generatedAt)} from <code>*/summary.json</code> in this folder by <code>dpr reproduce</code>.</p>
<ul>${toc}</ul>
${body}
</body></html>
`;
}
