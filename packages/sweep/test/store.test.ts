import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorruptStoreError, DuplicateTrialError } from '../src/errors.js';
import { TrialAppender, loadTrials, type TrialRecord } from '../src/store.js';
import { tempDir } from './helpers.js';

function record(key: string, index: number): TrialRecord {
  return { experiment: 't', key, index, params: { i: index }, seed: index, metrics: { v: index / 3 }, timeMs: 1, backend: 'js', versions: {}, configHash: 'h' };
}

describe('trials.jsonl', () => {
  it('appends whole lines and reads them back', () => {
    const file = join(tempDir('store'), 'trials.jsonl');
    const app = new TrialAppender(file);
    for (let i = 0; i < 5; i++) app.append(record(`k${i}`, i));
    app.close();
    const { records, repairedBytes } = loadTrials(file, { repair: true });
    expect(repairedBytes).toBe(0);
    expect(records.map((r) => r.key)).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
  });

  it('cuts a torn last line away before appending', () => {
    const file = join(tempDir('torn'), 'trials.jsonl');
    const full = `${JSON.stringify(record('k0', 0))}\n${JSON.stringify(record('k1', 1))}\n`;
    const torn = JSON.stringify(record('k2', 2)).slice(0, 37);
    writeFileSync(file, full + torn);
    // read-only load ignores it and leaves the file alone
    expect(loadTrials(file).records).toHaveLength(2);
    expect(readFileSync(file, 'utf8')).toBe(full + torn);
    const { records, repairedBytes } = loadTrials(file, { repair: true });
    expect(records).toHaveLength(2);
    expect(repairedBytes).toBe(Buffer.byteLength(torn));
    expect(readFileSync(file, 'utf8')).toBe(full);
    const app = new TrialAppender(file);
    app.append(record('k2', 2));
    app.close();
    expect(loadTrials(file, { repair: true }).records.map((r) => r.key)).toEqual(['k0', 'k1', 'k2']);
  });

  it('rejects a complete line that is not JSON, and a key recorded twice', () => {
    const dir = tempDir('bad');
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${JSON.stringify(record('k0', 0))}\n{"key": oops}\n`);
    expect(() => loadTrials(bad)).toThrow(CorruptStoreError);
    const dup = join(dir, 'dup.jsonl');
    writeFileSync(dup, `${JSON.stringify(record('k0', 0))}\n`);
    appendFileSync(dup, `${JSON.stringify(record('k0', 0))}\n`);
    expect(() => loadTrials(dup)).toThrow(DuplicateTrialError);
  });
});
