/**
 * Where the wasm backend's helper thread starts to pay: GEMM 1000×1000×k (k = 1 … 64) on one
 * thread and on two threads with every product shared (threadMinFlops 0), alternated in one
 * process, with the 1-min load after each row:
 *   node --conditions=source --import tsx packages/bench/scripts/wasm-threads-crossover.ts
 * The default threshold (2²⁴ flops, `createBackend('wasm', { threadMinFlops })`) was chosen from
 * these rows; on a machine whose cores are busy the second thread gains little or nothing.
 */
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { createBackend, mat, measure, Rng, type Backend } from '@dpr/linalg';

setFlagsFromString('--experimental-wasm-relaxed-simd');
const one = await createBackend('wasm', { threads: 1 });
const two = (await createBackend('wasm', { threads: 2, threadMinFlops: 0 })) as Backend & { startThreads?: () => Promise<boolean> };
if (!(await two.startThreads?.())) throw new Error('no helper thread in this runtime');
const rng = new Rng(1), m = 1000, n = 1000, data = rng.gaussianVec(m * n);
const A1 = one.matrix(data, m, n), A2 = two.matrix(data, m, n);
console.log('| k | MFLOP | 1 thread ms | 2 threads ms | speed-up | 1-min load |\n| --- | --- | --- | --- | --- | --- |');
for (const k of [1, 2, 4, 8, 16, 64]) {
  const B = mat(n, k, rng.gaussianVec(n * k)), C = mat(m, k);
  const t1 = measure(() => one.gemm(false, 1, A1, B, 0, C)).medianMs, t2 = measure(() => two.gemm(false, 1, A2, B, 0, C)).medianMs;
  console.log(`| ${k} | ${(2 * m * n * k / 1e6).toFixed(0)} | ${t1.toFixed(3)} | ${t2.toFixed(3)} | ${(t1 / t2).toFixed(2)} | ${loadavg()[0]!.toFixed(1)} |`);
}
one.dispose();
two.dispose();
