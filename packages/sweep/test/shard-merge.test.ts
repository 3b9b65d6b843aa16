import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigMismatchError, DuplicateTrialError } from '../src/errors.js';
import { mergeResults } from '../src/merge.js';
import { inShard, parseShard } from '../src/shard.js';
import { runSweep } from '../src/sweep.js';
import { sleepExperiment } from './fixtures/sleep-experiment.js';
import { tempDir, trialMap } from './helpers.js';

const config = { trials: 30, sleepMs: 5 };

describe('--shard i/N', () => {
  it('parses i/N and assigns each index to exactly one shard', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1-3']) expect(() => parseShard(bad)).toThrow(/i\/N/);
    for (let i = 0; i < 20; i++) expect([1, 2, 3].filter((s) => inShard(i, { index: s, count: 3 }))).toHaveLength(1);
  });

  it('shards 1/3, 2/3, 3/3 merged equal the whole run (worker threads from TS source)', async () => {
    const root = tempDir('shards');
    const whole = await runSweep(sleepExperiment, { outDir: join(root, 'whole'), config, workers: 2 });
    expect(whole.complete).toBe(true);
    const dirs: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const dir = join(root, `shard-${i}`);
      const r = await runSweep(sleepExperiment, { outDir: dir, config, workers: i === 1 ? 2 : 0, shard: { index: i, count: 3 } });
      expect(r.total).toBe(10);
      expect(r.complete).toBe(false);
      dirs.push(dir);
    }
    const merged = mergeResults(dirs, join(root, 'merged'));
    expect(merged.complete).toBe(true);
    const a = trialMap(join(root, 'whole')), b = trialMap(join(root, 'merged'));
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [k, v] of a) expect(b.get(k)).toEqual(v);
    // the merged folder reads as a complete whole-grid run: resuming it runs nothing
    const resumed = await runSweep(sleepExperiment, { outDir: join(root, 'merged'), config, workers: 0 });
    expect(resumed.ran).toBe(0);
    expect(resumed.complete).toBe(true);
  });
});

describe('mergeResults', () => {
  it('rejects duplicates and mismatched configurations with typed errors', async () => {
    const root = tempDir('merge');
    const s1 = join(root, 's1'), s2 = join(root, 's2'), other = join(root, 'other');
    await runSweep(sleepExperiment, { outDir: s1, config, workers: 0, shard: { index: 1, count: 2 } });
    await runSweep(sleepExperiment, { outDir: s2, config, workers: 0, shard: { index: 2, count: 2 } });
    await runSweep(sleepExperiment, { outDir: other, config: { ...config, trials: 8 }, workers: 0 });
    expect(() => mergeResults([s1, s1], join(root, 'o1'))).toThrow(DuplicateTrialError);
    const copy = join(root, 's1-copy');
    cpSync(s1, copy, { recursive: true });
    expect(() => mergeResults([s1, s2, copy], join(root, 'o2'))).toThrow(DuplicateTrialError);
    expect(() => mergeResults([s1, other], join(root, 'o3'))).toThrow(ConfigMismatchError);
    // merging into a folder that already holds these trials is a duplicate, not a silent double
    mergeResults([s1, s2], join(root, 'o4'));
    expect(() => mergeResults([s1], join(root, 'o4'))).toThrow(DuplicateTrialError);
    // a record whose hash disagrees with its folder's config.json
    const forged = join(root, 'forged');
    cpSync(s2, forged, { recursive: true });
    const cfg = JSON.parse(readFileSync(join(forged, 'config.json'), 'utf8')) as { configHash: string };
    writeFileSync(join(forged, 'config.json'), JSON.stringify({ ...cfg, configHash: 'feedfeedfeedfeed' }));
    expect(() => mergeResults([s1, forged], join(root, 'o5'))).toThrow(ConfigMismatchError);
  });

  it('resuming with a different configuration or shard is a clear error', async () => {
    const dir = join(tempDir('mismatch'), 'r');
    await runSweep(sleepExperiment, { outDir: dir, config: { trials: 4, sleepMs: 1 }, workers: 0 });
    await expect(runSweep(sleepExperiment, { outDir: dir, config: { trials: 5, sleepMs: 1 }, workers: 0 })).rejects.toThrow(/different configuration/);
    await expect(runSweep(sleepExperiment, { outDir: dir, config: { trials: 4, sleepMs: 1 }, workers: 0, shard: { index: 1, count: 2 } })).rejects.toThrow(ConfigMismatchError);
    const fresh = await runSweep(sleepExperiment, { outDir: dir, config: { trials: 5, sleepMs: 1 }, workers: 0, fresh: true });
    expect(fresh.ran).toBe(5);
  });
});
