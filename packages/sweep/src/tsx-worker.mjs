// Entry of a trial worker running from TS source: register tsx's ESM hooks in this thread (Node 20
// does not inherit the parent's `--import tsx`), then load the TS task handler.
const tsx = await import(import.meta.resolve('tsx/esm/api'));
(tsx.register ?? tsx.default.register)();
const worker = await import(new URL('./worker.ts', import.meta.url).href);

export default worker.default;
export const teardown = worker.teardown;
