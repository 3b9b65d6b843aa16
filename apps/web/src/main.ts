/**
 * The lab page: the settings form (mirrored in the URL query), the four views, Run/Stop, and the
 * backend line (which backend runs and why a fallback happened). Every computation runs in the
 * worker (client.ts), so the page never freezes.
 */
import { SOLVERS } from '@dpr/phase-retrieval';
import { LabClient } from './client.js';
import { DEFAULTS, SUGGESTIONS, VIEWS, isImagePrior, parseSettings, serializeSettings, type LabSettings, type View } from './url-state.js';
import type { BackendEvent } from './protocol.js';
import type { LabView, ViewContext } from './views/view.js';
import { recoveryView } from './views/recovery.js';
import { landscapeView } from './views/landscape.js';
import { sweepView } from './views/sweep.js';
import { benchView } from './views/bench.js';

const ALGORITHMS = Object.keys(SOLVERS);
const $ = <T extends HTMLElement>(sel: string) => document.querySelector(sel) as T;
const form = $<HTMLFormElement>('#settings');
const statusEl = $('#status'), backendEl = $('#backend'), viewRoot = $('#view');
const runBtn = $<HTMLButtonElement>('#run'), stopBtn = $<HTMLButtonElement>('#stop');

let settings: LabSettings;
let urlError: string | undefined;
try {
  settings = parseSettings(location.search, ALGORITHMS);
} catch (e) {
  settings = { ...DEFAULTS };
  urlError = `URL: ${(e as Error).message}`;
}

const algoSelect = form.elements.namedItem('algorithm') as HTMLSelectElement;
for (const id of ALGORITHMS) {
  const s = SOLVERS[id]!;
  algoSelect.append(new Option(`${id}${s.needsPrior ? ' (prior)' : ''}`, id));
}

for (const [list, values] of [['priors', SUGGESTIONS.prior], ['targets', SUGGESTIONS.target]] as const) {
  $(`#${list}`).append(...values.map((v) => new Option('', v)));
}

const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
const FIELDS = ['prior', 'target', 'm', 'algorithm', 'restarts', 'seed', 'maxIters', 'trials', 'backend'] as const;

function fillForm(): void {
  for (const name of FIELDS) {
    const v = settings[name];
    field(name).value = v === null ? '' : String(v);
  }
  field('target').disabled = !isImagePrior(settings.prior);
}

/** Read the form into settings (strictly, through the URL parser) and mirror them in the URL. */
function readForm(): boolean {
  const q = new URLSearchParams();
  q.set('view', settings.view);
  for (const name of FIELDS) {
    const v = field(name).value.trim();
    if (v !== '' && !(name === 'target' && !isImagePrior(field('prior').value))) q.set(name, v);
  }
  try {
    settings = parseSettings(q.toString(), ALGORITHMS);
  } catch (e) {
    status((e as Error).message, true);
    return false;
  }
  field('target').disabled = !isImagePrior(settings.prior);
  history.replaceState(null, '', `${location.pathname}${serializeSettings(settings)}`);
  return true;
}

function status(text: string, error = false): void {
  statusEl.textContent = text;
  statusEl.classList.toggle('error', error);
}

function showBackend(e: BackendEvent): void {
  backendEl.textContent = `backend: ${e.name} (asked: ${e.requested}) — ${e.description}`;
  backendEl.dataset['active'] = e.name;
  if (e.fallback) backendEl.append(Object.assign(document.createElement('span'), { className: 'fallback', textContent: ` — fallback: ${e.fallback}` }));
}

const client = new LabClient();
function useImage(): void {
  if (!isImagePrior(field('prior').value)) field('prior').value = 'mnist-vae';
  field('target').value = 'image';
  if (readForm()) fillForm();
}

const ctx: ViewContext = { settings: () => settings, assets: new URL('assets/', new URL(import.meta.env.BASE_URL, location.href)).href, client, status, backend: showBackend, useImage };
const views: Record<View, LabView> = { recovery: recoveryView(ctx), landscape: landscapeView(ctx), sweep: sweepView(ctx), bench: benchView(ctx) };

function showView(view: View): void {
  settings = { ...settings, view };
  viewRoot.textContent = '';
  views[view].mount(viewRoot);
  for (const b of document.querySelectorAll<HTMLButtonElement>('#tabs button')) b.classList.toggle('active', b.dataset['view'] === view);
  history.replaceState(null, '', `${location.pathname}${serializeSettings(settings)}`);
}

async function run(): Promise<void> {
  if (!readForm()) return;
  runBtn.disabled = true;
  stopBtn.disabled = false;
  status(`running ${settings.view}…`);
  const t0 = performance.now();
  const outcome = await views[settings.view].run();
  if (outcome === 'done') status(`${settings.view} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  else if (outcome === 'stopped') status('stopped');
  runBtn.disabled = false;
  stopBtn.disabled = true;
}

for (const b of document.querySelectorAll<HTMLButtonElement>('#tabs button')) {
  b.addEventListener('click', () => {
    if (client.busy) client.stop();
    showView(b.dataset['view'] as View);
  });
}
form.addEventListener('change', () => void readForm());
runBtn.addEventListener('click', () => void run());
stopBtn.addEventListener('click', () => client.stop());

fillForm();
showView(VIEWS.includes(settings.view) ? settings.view : 'recovery');
if (urlError) status(urlError, true);
else if (settings.run) void run();
