import { defineConfig } from 'vite';

// Workspace packages resolve to their TypeScript sources (`source` condition) and, in browsers,
// to their `browser` entries; the worker is an ES module bundled with the same resolution.
export default defineConfig({
  base: './',
  resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
