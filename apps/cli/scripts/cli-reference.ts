/** Write docs/guides/cli-reference.md from the command declarations (`pnpm run docs:cli`). */
import { writeFileAtomic } from '@dpr/datasets';
import { COMMANDS } from '../src/main.js';
import { cliReference } from '../src/reference.js';

const path = new URL('../../../docs/guides/cli-reference.md', import.meta.url).pathname;
writeFileAtomic(path, cliReference(COMMANDS));
console.log(`wrote ${path}`);
