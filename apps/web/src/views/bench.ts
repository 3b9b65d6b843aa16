/**
 * The backend benchmark panel: GFLOP/s of GEMV and GEMM per backend and size in this browser, and
 * how far gpujs (WebGL, float32) is from wasm on the same data.
 */
import type { BenchRowEvent } from '../protocol.js';
import type { LabView, ViewContext } from './view.js';
import { el, request } from './view.js';

const SIZES = [256, 512, 1024];

export function benchView(ctx: ViewContext): LabView {
  let parts: { body: HTMLElement; result: HTMLElement; backends: HTMLElement } | undefined;
  return {
    mount(root) {
      const body = el('tbody');
      const table = el('table', { 'data-testid': 'bench-table' }, el('thead', {}, el('tr', {}, ...['backend', 'op', 'n', 'GFLOP/s', 'max |gpujs − wasm| / max |wasm|'].map((h) => el('th', {}, h)))), body);
      const backends = el('ul');
      const result = el('pre', { 'data-testid': 'bench-result' });
      root.append(el('p', {}, 'GEMV y = A x (A n × n) and GEMM C = A B (B n × 32), timed in the worker on every backend that starts here.'), backends, table, result);
      parts = { body, result, backends };
    },
    run() {
      const p = parts!;
      p.body.textContent = '';
      p.backends.textContent = '';
      p.result.textContent = '';
      const rows: BenchRowEvent[] = [];
      const backends: Array<{ name: string; requested: string; description: string; error: string | null }> = [];
      return ctx.client.run({ type: 'bench', sizes: SIZES }, (e) => {
        if (e.type === 'backend') {
          backends.push({ name: e.name, requested: e.requested, description: e.description, error: e.fallback });
          p.backends.append(el('li', {}, `${e.requested}: ${e.fallback ?? e.description}`));
        } else if (e.type === 'bench-row') {
          rows.push(e);
          p.body.append(el('tr', {}, el('td', {}, e.backend), el('td', {}, e.op), el('td', {}, String(e.size)), el('td', {}, e.gflops.toFixed(2)), el('td', {}, e.maxRelDiff === null ? '' : e.maxRelDiff.toExponential(2))));
        } else if (e.type === 'error') ctx.status(e.message, true);
        else if (e.type === 'done') p.result.textContent = JSON.stringify({ backends, rows });
      });
    },
  };
}
