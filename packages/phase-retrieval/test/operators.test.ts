/**
 * The measurement-operator contract on every registered model and every backend that starts here
 * (gpujs needs WebGL; without it that backend is skipped with the reason, unless
 * DPR_REQUIRE_WEBGL=1 as in CI).
 */
import { describe, expect, it } from 'vitest';
import { ArgumentError, createBackend, type BackendName } from '@dpr/linalg';
import { MEASUREMENTS, createMeasurements, exampleMatrixFile, getMeasurementModel } from '../src/index.js';
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
    const C = createMeasurements('cdp:6', { n: 64 * 64, shape: [64, 64], seed: 1 });
    expect([C.measurementCount, C.signalDim, C.dtype, C.outputDim]).toEqual([6 * 4096, 4096, 'complex', 2 * 6 * 4096]);
    const F = createMeasurements('fourier:2', { n: 12, shape: [3, 4], seed: 1 });
    expect([F.measurementCount, F.signalShape]).toEqual([6 * 8, [3, 4]]);
    expect(() => createMeasurements('cdp', { n: 8, seed: 1 })).toThrow(ArgumentError);
    expect(() => createMeasurements('cdp:0', { n: 8, seed: 1 })).toThrow(/cdp:L/);
    expect(() => createMeasurements('cdp:2', { n: 8, m: 10, seed: 1 })).toThrow(/\bm\b/);
    expect(() => createMeasurements('fourier:0.5', { n: 8, seed: 1 })).toThrow(/fourier:OS/);
    expect(() => createMeasurements('cdp:2', { n: 8, shape: [3, 3], seed: 1 })).toThrow(/shape/);
    expect(() => createMeasurements('complex-gaussian', { n: 8, seed: 1 })).toThrow(/\bm\b/);
    expect(() => createMeasurements('matrix', { n: 8, seed: 1 })).toThrow(/file/);
    expect(() => createMeasurements('complex-matrix', { n: 8, seed: 1, file: exampleMatrixFile(3, 8, 1, 'real') })).toThrow(/A_re/);
  });
});
