/**
 * `@dpr/lab`: the runs behind the `dpr` commands, one function per command, callable by the
 * browser app too: {@link solve} (`dpr solve`). Each takes a typed request and a backend, reports
 * progress through callbacks and returns records; it never prints and never touches the file
 * system (files, datasets and shipped weights come in through `sources`; `nodeSources()` of
 * `@dpr/lab/node` gives Node's).
 *
 * @example
 * ```ts
 * import { JsBackend } from '@dpr/linalg';
 * import { solve } from '@dpr/lab';
 * const { record } = solve({ prior: 'gaussian:10,500,1000', m: 200, seed: 7 }, new JsBackend());
 * ```
 * @packageDocumentation
 */
export * from './solve.js';
export * from './demo.js';
