/** The package versions recorded with every trial of a figure: the @dpr packages it runs on, and Node. */
import { packageVersions } from '@dpr/sweep';

const PACKAGES = ['@dpr/experiments', '@dpr/linalg', '@dpr/generative-prior', '@dpr/phase-retrieval'] as const;

/** `{ '@dpr/experiments': '0.1.0', …, node: 'v20.…' }`. */
export function figureVersions(): Record<string, string> {
  return packageVersions(import.meta.url, PACKAGES);
}
