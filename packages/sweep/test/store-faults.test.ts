import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreWriteError } from '../src/errors.js';
import { NODE_STORE_FS, type StoreFs } from '../src/store.js';
import { runSweep } from '../src/sweep.js';
import { sleepExperiment } from './fixtures/sleep-experiment.js';
import { readLines, tempDir, trialMap } from './helpers.js';

const config = { trials: 10, sleepMs: 0 };

/** The real file system, except that write number `failAt` (1-based) writes half its bytes and then fails with ENOSPC. */
function diskFullAt(failAt: number, options: { truncateFails?: boolean } = {}): StoreFs {
  let writes = 0;
  return {
    ...NODE_STORE_FS,
    writeSync(fd, buffer, offset, length) {
      if (++writes === failAt) {
        NODE_STORE_FS.writeSync(fd, buffer, offset, Math.floor(length / 2));
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
      }
      return NODE_STORE_FS.writeSync(fd, buffer, offset, length);
    },
    ftruncateSync(fd, len) {
      if (options.truncateFails) throw Object.assign(new Error('EIO: i/o error, ftruncate'), { code: 'EIO', syscall: 'ftruncate' });
      NODE_STORE_FS.ftruncateSync(fd, len);
    },
  };
}

describe('the result store on a full disk', () => {
  for (const truncateFails of [false, true]) {
    it(`a write failing mid-record says so and leaves the folder resumable${truncateFails ? ' (even when the cut fails too)' : ''}`, async () => {
      const whole = tempDir('whole');
      await runSweep(sleepExperiment, { outDir: whole, config, workers: 0 });
      const dir = tempDir('full');
      const failed = runSweep(sleepExperiment, { outDir: dir, config, workers: 0, storeFs: diskFullAt(4, { truncateFails }) });
      await expect(failed).rejects.toThrow(StoreWriteError);
      await expect(runSweep(sleepExperiment, { outDir: tempDir('full2'), config, workers: 0, storeFs: diskFullAt(4, { truncateFails }) })).rejects.toThrow(
        /could not record trial .* \(ENOSPC\); the 3 trials recorded before it are kept.* the folder is resumable/,
      );
      const text = readFileSync(join(dir, 'trials.jsonl'), 'utf8');
      if (truncateFails) expect(text.endsWith('\n')).toBe(false); // a torn line, cut away on resume
      else expect(readLines(join(dir, 'trials.jsonl'))).toHaveLength(3);
      const logs: string[] = [];
      const resumed = await runSweep(sleepExperiment, { outDir: dir, config, workers: 0, onLog: (l) => logs.push(l) });
      expect(resumed).toMatchObject({ resumed: 3, ran: 7, complete: true });
      if (truncateFails) expect(logs.join('\n')).toMatch(/cut away a torn last line/);
      expect(trialMap(dir)).toEqual(trialMap(whole));
    });
  }

  it('resume keeps the first record of a trial an older version wrote twice, and reports it', async () => {
    const dir = tempDir('twice');
    await runSweep(sleepExperiment, { outDir: dir, config: { trials: 6, sleepMs: 0 }, workers: 0 });
    const file = join(dir, 'trials.jsonl');
    const first = readFileSync(file, 'utf8');
    appendFileSync(file, first.split('\n').slice(0, 4).map((l) => `${l.replace(/"timeMs":[0-9.]+/, '"timeMs":12345')}\n`).join(''));
    const logs: string[] = [];
    const r = await runSweep(sleepExperiment, { outDir: dir, config: { trials: 6, sleepMs: 0 }, workers: 0, onLog: (l) => logs.push(l) });
    expect(r).toMatchObject({ ran: 0, resumed: 6, complete: true });
    expect(logs.join('\n')).toMatch(/dropped 4 duplicated trial lines .* kept the first record of each trial/);
    expect(readFileSync(file, 'utf8')).toBe(first);
  });
});
