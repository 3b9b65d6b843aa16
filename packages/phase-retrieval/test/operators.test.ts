/**
 * The measurement-operator contract on every registered model and every backend that starts here
 * (gpujs needs WebGL; without it that backend is skipped with the reason, unless
 * DPR_REQUIRE_WEBGL=1 as in CI).
 */
import { describe, expect, it } from 'vitest';
import { createBackend, type BackendName } from '@dpr/linalg';
import { MEASUREMENTS, createMeasurements, getMeasurementModel } from '../src/index.js';
import { describeOperator } from './operator-conformance.js';

const gpu = await createBackend('gpujs').then(
  (b) => {
    b.dispose();
    return undefined;
  },
  (e: Error) => e.message,
);
const backends: BackendName[] = ['js', 'wasm', ...(gpu === undefined || process.env['DPR_REQUIRE_WEBGL'] === '1' ? (['gpujs'] as const) : [])];

for (const model of Object.values(MEASUREMENTS)) {
  for (const name of backends) describeOperator(model, name, () => createBackend(name));
}
if (gpu !== undefined && process.env['DPR_REQUIRE_WEBGL'] !== '1') describe.skip(`operators on gpujs skipped, WebGL unavailable: ${gpu}`, () => {});

describe('measurement registry', () => {
  it('builds operators from specs and rejects unknown ones with typed errors', () => {
    const A = createMeasurements('gaussian', { m: 4, n: 3, seed: 1 });
    expect([A.outputDim, A.inputDim, A.dtype]).toEqual([4, 3, 'real']);
    expect(() => getMeasurementModel('nope')).toThrow(/measurement/);
    expect(() => createMeasurements('gaussian:2', { m: 4, n: 3, seed: 1 })).toThrow(/gaussian/);
  });
});
