// Placeholder: replaced by the AssemblyScript build.
import { mkdirSync, writeFileSync } from 'node:fs';
mkdirSync(new URL('../src/backends/wasm/generated/', import.meta.url), { recursive: true });
