/**
 * `node --import ./record-imports.mjs ...`: appends every module the process loads to the file
 * named by RECORD_IMPORTS, one URL or path a line: ES modules as the loader resolves them (a
 * resolve hook, in the hooks thread) and, at exit, every CommonJS file in require's cache.
 * Used by lazy-imports.test.ts to check what a command loads.
 */
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const out = process.env.RECORD_IMPORTS;
if (!out) throw new Error('record-imports.mjs: set RECORD_IMPORTS to the file to write');

if (isMainThread) {
  register(import.meta.url);
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () => appendFileSync(out, Object.keys(cache).map((p) => `${p}\n`).join('')));
}

/** The resolve hook (run in the loader's thread): record, then pass the result on. */
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(out, `${r.url}\n`);
  return r;
}
