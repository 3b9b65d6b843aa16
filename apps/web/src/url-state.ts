/**
 * Every setting of the lab lives in the URL query, so a link reproduces a run:
 * `?prior=gaussian:10,500,1000&m=200&seed=7&algorithm=dpr&backend=wasm&run=1`. Parsing is strict
 * (a bad value is an {@link OptionError} naming the parameter); serializing writes the settings in
 * a fixed order and leaves out those at their defaults, so parse ∘ serialize is the identity.
 */
import { OptionError } from '@dpr/linalg';

/** The lab's views. */
export const VIEWS = ['recovery', 'landscape', 'sweep', 'bench'] as const;
export type View = (typeof VIEWS)[number];

/** Backend choices (`auto`: gpujs only on a hardware GPU, else wasm, else js). */
export const BACKENDS = ['auto', 'gpujs', 'wasm', 'js'] as const;
export type BackendSetting = (typeof BACKENDS)[number];

/** The lab's settings. */
export interface LabSettings {
  view: View;
  /** `gaussian:k,n1,...,n`, `mnist-vae` or `fashion-mnist-vae`. */
  prior: string;
  /** Image priors: `latent`, `mnist-test:N`, `fashion-test:N` or `image` (dropped in). */
  target: string;
  m: number;
  /** A solver id of the SOLVERS registry. */
  algorithm: string;
  /** Restarts (null: the solver's default). */
  restarts: number | null;
  seed: number;
  backend: BackendSetting;
  /** Iteration cap (null: the solver's default). */
  maxIters: number | null;
  /** Sweep: trials per m. */
  trials: number;
  /** Start the view's run at load. */
  run: boolean;
}

/** The defaults (those of `dpr solve`, view `recovery`). */
export const DEFAULTS: Readonly<LabSettings> = {
  view: 'recovery',
  prior: 'gaussian:10,500,1000',
  target: 'latent',
  m: 200,
  algorithm: 'dpr',
  restarts: null,
  seed: 0,
  backend: 'auto',
  maxIters: null,
  trials: 5,
  run: false,
};

const ORDER: readonly (keyof LabSettings)[] = ['view', 'prior', 'target', 'm', 'algorithm', 'restarts', 'seed', 'backend', 'maxIters', 'trials', 'run'];

/** Suggested values of the free-text fields (the form's datalists); any value PRIOR / TARGET accept works. */
export const SUGGESTIONS = {
  prior: ['gaussian:10,500,1000', 'gaussian:2,250,500', 'mnist-vae', 'fashion-mnist-vae'],
  target: ['latent', 'mnist-test:0', 'fashion-test:0', 'image'],
} as const;

const PRIOR = /^(gaussian:\d+(,\d+)+|mnist-vae|fashion-mnist-vae)$/;
const TARGET = /^(latent|image|(mnist|fashion)-test:\d+)$/;

function oneOf<T extends string>(name: string, value: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value)) throw new OptionError(name, `one of ${choices.join(', ')}, got ${JSON.stringify(value)}`);
  return value as T;
}

function integer(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) throw new OptionError(name, `an integer ≥ ${min}, got ${JSON.stringify(value)}`);
  return n;
}

function pattern(name: string, value: string, re: RegExp, what: string): string {
  if (!re.test(value)) throw new OptionError(name, `${what}, got ${JSON.stringify(value)}`);
  return value;
}

/** Whether a prior spec is an image prior (a shipped VAE decoder). */
export function isImagePrior(prior: string): boolean {
  return prior.endsWith('-vae');
}

/**
 * Parse a query string (with or without `?`). Unknown keys are errors; `algorithms` lists the
 * accepted solver ids (the SOLVERS registry).
 */
export function parseSettings(query: string, algorithms: readonly string[]): LabSettings {
  const params = new URLSearchParams(query);
  const s: LabSettings = { ...DEFAULTS };
  let algorithmGiven = false;
  for (const [key, value] of params) {
    switch (key) {
      case 'view': s.view = oneOf(key, value, VIEWS); break;
      case 'prior': s.prior = pattern(key, value, PRIOR, 'gaussian:k,n1,...,n, mnist-vae or fashion-mnist-vae'); break;
      case 'target': s.target = pattern(key, value, TARGET, 'latent, image, mnist-test:N or fashion-test:N'); break;
      case 'm': s.m = integer(key, value, 1); break;
      case 'algorithm': s.algorithm = oneOf(key, value, algorithms); algorithmGiven = true; break;
      case 'restarts': s.restarts = integer(key, value, 1); break;
      case 'seed': s.seed = integer(key, value, 0); break;
      case 'backend': s.backend = oneOf(key, value, BACKENDS); break;
      case 'maxIters': s.maxIters = integer(key, value, 1); break;
      case 'trials': s.trials = integer(key, value, 1); break;
      case 'run': s.run = oneOf(key, value, ['0', '1']) === '1'; break;
      default: throw new OptionError(key, `a known setting (${ORDER.join(', ')})`);
    }
  }
  // like `dpr solve`: an image prior defaults to DPR-Adam
  if (!algorithmGiven && isImagePrior(s.prior)) s.algorithm = 'dpr-adam';
  if (s.target !== 'latent' && !isImagePrior(s.prior)) throw new OptionError('target', 'only with an image prior (mnist-vae or fashion-mnist-vae)');
  return s;
}

/** The query string (with `?`, or '' when every setting is at its default) of some settings. */
export function serializeSettings(s: LabSettings): string {
  const params = new URLSearchParams();
  const defaults: LabSettings = { ...DEFAULTS, algorithm: isImagePrior(s.prior) ? 'dpr-adam' : DEFAULTS.algorithm };
  for (const key of ORDER) {
    const v = s[key];
    if (v === defaults[key]) continue;
    if (v === null) continue;
    params.set(key, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  }
  const q = params.toString().replaceAll('%3A', ':').replaceAll('%2C', ',');
  return q === '' ? '' : `?${q}`;
}
