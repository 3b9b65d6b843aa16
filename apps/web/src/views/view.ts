/** What the page gives a view, and what a view is. */
import type { LabClient } from '../client.js';
import type { BackendEvent, WorkerEvent, WorkerRequest } from '../protocol.js';
import type { LabSettings } from '../url-state.js';

export interface ViewContext {
  /** The current settings (read when a run starts). */
  settings(): LabSettings;
  /** Where the static assets are (`…/assets/`). */
  assets: string;
  client: LabClient;
  status(text: string, error?: boolean): void;
  backend(e: BackendEvent): void;
  /** A user's image arrived: switch the target to it (and to an image prior if needed). */
  useImage(): void;
}

export interface LabView {
  /** Build the view's elements under `root` (called on every switch to the view). */
  mount(root: HTMLElement): void;
  /** The view's run; resolves with how it ended. */
  run(): Promise<'done' | 'stopped' | 'error'>;
}

/** Run a worker request: backend and error events go to the page, the rest to `onEvent`. */
export function request(ctx: ViewContext, req: WorkerRequest, onEvent: (e: WorkerEvent) => void): Promise<'done' | 'stopped' | 'error'> {
  return ctx.client.run(req, (e) => {
    if (e.type === 'backend') ctx.backend(e);
    else if (e.type === 'error') ctx.status(e.message, true);
    else onEvent(e);
  });
}

/** Create an element with attributes and children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  e.append(...children);
  return e;
}

/** A canvas with a caption. */
export function figure(caption: string, width: number, height: number): { fig: HTMLElement; canvas: HTMLCanvasElement } {
  const canvas = el('canvas', { width, height });
  return { fig: el('figure', {}, canvas, el('figcaption', {}, caption)), canvas };
}
