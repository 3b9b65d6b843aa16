import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArgumentError } from '@dpr/linalg';
import { renderPlot } from '@dpr/render';
import { figure1Spec, writeFigure1, writePlot } from '../src/index.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const tiny = {
  vegaLite: {
    width: 100,
    height: 80,
    data: { values: [{ x: 1, y: 2 }, { x: 2, y: 3 }] },
    mark: 'line' as const,
    encoding: { x: { field: 'x', type: 'quantitative' as const }, y: { field: 'y', type: 'quantitative' as const } },
  },
};

describe('renderPlot / writePlot', () => {
  it('renders a Vega-Lite spec to SVG and PNG', async () => {
    const r = await renderPlot(tiny, { pixelRatio: 1 });
    expect(r.svg.startsWith('<svg')).toBe(true);
    expect(Array.from(r.png.subarray(0, 8))).toEqual(PNG_SIGNATURE);
    expect(r.width).toBeGreaterThan(100);
    const r2 = await renderPlot(tiny, { pixelRatio: 2 });
    expect(r2.width).toBe(2 * r.width);
  });

  it('writes <name>.svg and <name>.png atomically (no temp files left)', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'dpr-plots-')), 'nested');
    const w = await writePlot(tiny, dir, 'tiny');
    expect(readdirSync(dir).sort()).toEqual(['tiny.png', 'tiny.svg']);
    expect(readFileSync(w.svg, 'utf8')).toMatch(/^<svg/);
    expect(Array.from(readFileSync(w.png).subarray(0, 8))).toEqual(PNG_SIGNATURE);
  });

  it('rejects bad arguments', async () => {
    await expect(renderPlot(tiny, { pixelRatio: 0 })).rejects.toThrow(ArgumentError);
    await expect(renderPlot({} as never)).rejects.toThrow(ArgumentError);
    await expect(writePlot(tiny, tmpdir(), '../escape')).rejects.toThrow(ArgumentError);
  });
});


describe('Figure 1', () => {
  it('spec: heat map, contours, markers at x0, −ρ_d x0 and 0, and the profile', () => {
    const spec = figure1Spec({ d: 3, size: 41, heatmapSize: 11 }) as unknown as { hconcat: Array<{ layer: Array<{ mark: { type: string }; data: { values: Array<Record<string, unknown>> } }> }> };
    const left = spec.hconcat[0]!.layer;
    expect(left.map((l) => l.mark.type)).toEqual(['rect', 'rule', 'point', 'text', 'text']);
    expect(left[0]!.data.values).toHaveLength(121);
    const marks = left[2]!.data.values;
    expect(marks.map((m) => m['x'])).toEqual([1, expect.closeTo(-0.7159, 4), 0]);
    expect(spec.hconcat[1]!.layer[0]!.data.values).toHaveLength(401);
  });

  it('writes fig1.svg and fig1.png', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dpr-fig1-'));
    const r = await writeFigure1(dir, { d: 2, size: 41, heatmapSize: 21 });
    expect(existsSync(r.svg) && existsSync(r.png)).toBe(true);
    expect(r.rho).toBeCloseTo(0.6692, 4);
    expect(readFileSync(r.svg, 'utf8')).toContain('x₀ (global min)');
  });
});
