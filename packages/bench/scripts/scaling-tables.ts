/**
 * Scaling tables for the package README, printed as markdown:
 *   node --conditions=source --import tsx packages/bench/scripts/scaling-tables.ts
 * (from the repository root; about 2–3 minutes on 2 cores). Everything is seeded: rerunning prints the
 * same numbers (timings aside).
 *
 * 1. WDC ε of W ∈ R^{n×10} iid N(0, 1/n) for n = 100 … 10000 (3 matrices each), log-log slope vs n.
 * 2. RRCP quantity R of A ∈ R^{m×400} iid N(0, 1/m) over the range of a 10-200-400 ReLU net
 *    (N(0, 1/n_i)) for m = 100 … 10000 (2 matrices each), slope vs m, and the full-matrix proxy.
 * 3. ρ_d for d = 1 … 10 and large d.
 * 4. The descent certificate on the k = 2 Section 4.1-like instance (201 × 201 grid), timed.
 */
import { createBackend, deriveSeed, Rng } from '@dpr/linalg';
import { ReluNetwork } from '@dpr/generative-prior';
import { gaussianMeasurements, gaussianPriorInstance, magnitudes } from '@dpr/phase-retrieval';
import { descentCertificate, logLogSlope, rho, rrcp, wdc } from '@dpr/theory-checks';

const out = (line = '') => process.stdout.write(`${line}\n`);
const f = (v: number, d = 4) => v.toPrecision(d);
const started = performance.now();

// 1. WDC vs n
{
  const k = 10, ns = [100, 300, 1000, 3000, 10000], seeds = [1, 2, 3];
  out('### WDC constant ε vs n (k = 10, W iid N(0, 1/n))');
  out();
  out('ε = sup_{x,y} ‖W_{+,x}ᵀW_{+,y} − Q_{x,y}‖₂, estimated per matrix by 200 random pairs, 64 (near-)aligned/antipodal seeds and 1200 hill-climbing steps; mean (min–max) over 3 matrices.');
  out();
  out('| n | ε (mean) | min–max | ε / sqrt(k/n) | worst θ (median) | seconds |');
  out('| --- | --- | --- | --- | --- | --- |');
  const means: number[] = [];
  for (const n of ns) {
    const t = performance.now();
    const rs = seeds.map((s) => wdc(new Rng(deriveSeed(s, n)).gaussianVec(n * k, 1 / Math.sqrt(n)), n, k, { seed: s, pairs: 200, search: 1200 }));
    const vals = rs.map((r) => r.value);
    const mean = vals.reduce((a, b) => a + b, 0) / vals.length;
    means.push(mean);
    const thetas = rs.map((r) => r.worstPair.theta).sort((a, b) => a - b);
    out(`| ${n} | ${f(mean)} | ${f(Math.min(...vals), 3)}–${f(Math.max(...vals), 3)} | ${f(mean / Math.sqrt(k / n), 3)} | ${f(thetas[1]!, 3)} | ${((performance.now() - t) / 1000).toFixed(1)} |`);
  }
  const fit = logLogSlope(ns, means);
  out();
  out(`Fitted log-log slope of ε vs n: **${f(fit.slope, 3)}** (ε ≈ ${f(fit.constant, 3)} · n^${f(fit.slope, 3)}; sqrt(k/n) has slope −0.5).`);
  out();
}

// 2. RRCP vs m
{
  const dims = [10, 200, 400], ms = [100, 300, 1000, 3000, 10000], seeds = [1, 2];
  const G = ReluNetwork.random({ dims, seed: 7, scale: 'fan-in' });
  out(`### RRCP quantity vs m (A iid N(0, 1/m), G a ${dims.join('-')} ReLU net with N(0, 1/n_i) weights)`);
  out();
  out('R = sup |⟨(A_zᵀA_w − Φ_{z,w})u, v⟩|/(‖u‖‖v‖) over z = G(x), w = G(y), u, v differences of generator outputs (40 random pairs × all differences of a 21-point pool, then 200 hill-climbing steps); the RRCP constant is then ε ≥ R/31. Full matrix: ‖A_zᵀA_w − Φ_{z,w}‖₂ at the worst pair (Lanczos, 80 steps). Mean over 2 matrices.');
  out();
  out('| m | R (mean) | min–max | ε = R/31 | R / sqrt(k/m) | full-matrix ‖A_zᵀA_w − Φ‖₂ | seconds |');
  out('| --- | --- | --- | --- | --- | --- | --- |');
  const means: number[] = [], fulls: number[] = [];
  for (const m of ms) {
    const t = performance.now();
    const rs = seeds.map((s) => rrcp(gaussianMeasurements({ m, n: dims.at(-1)!, seed: deriveSeed(s, m), scale: 'inverse-m' }), G, { seed: s }));
    const vals = rs.map((r) => r.value);
    const mean = vals.reduce((a, b) => a + b, 0) / vals.length;
    const full = rs.reduce((a, r) => a + r.fullMatrix!.value, 0) / rs.length;
    means.push(mean);
    fulls.push(full);
    out(`| ${m} | ${f(mean)} | ${f(Math.min(...vals), 3)}–${f(Math.max(...vals), 3)} | ${f(mean / 31, 3)} | ${f(mean / Math.sqrt(dims[0]! / m), 3)} | ${f(full)} | ${((performance.now() - t) / 1000).toFixed(1)} |`);
  }
  const fit = logLogSlope(ms, means);
  const fitBig = logLogSlope(ms.slice(2), fulls.slice(2));
  out();
  out(`Fitted log-log slope of R vs m: **${f(fit.slope, 3)}** (R ≈ ${f(fit.constant, 3)} · m^${f(fit.slope, 3)}). Full-matrix proxy, m ≥ 1000 (m > n): slope ${f(fitBig.slope, 3)}; for m < n = 400 it cannot be small (A has a null space, where A_zᵀA_w − Φ = −Φ).`);
  out();
}

// 3. ρ_d
{
  out('### ρ_d (closed form (2/π)ψ(g^d(π)))');
  out();
  out('| d | ρ_d | 1 − ρ_d |');
  out('| --- | --- | --- |');
  for (const d of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100, 1000, 1000000]) out(`| ${d} | ${f(rho(d))} | ${f(1 - rho(d), 3)} |`);
  out();
}

// 4. descent certificate
{
  const backend = await createBackend('wasm').catch(() => createBackend('js'));
  const { problem } = gaussianPriorInstance({ dims: [2, 500, 1000], m: 1000, seed: 1, backend });
  const x0 = Float64Array.from([1, 0]);
  const c = descentCertificate({ ...problem, b: magnitudes(problem.A, problem.prior.forward(x0)) }, { x0, gridSize: 201 });
  out('### Descent certificate (Section 4.1-like: k = 2, n₁ = 500, n₂ = 1000, m = 1000, N(0, 1) entries, x0 = [1, 0], seed 1)');
  out();
  out(`${c.sampling}, outside B(x0, 0.1) ∪ B(−ρ₂x0, 0.1) ∪ {0} (${c.excluded} points excluded), backend ${backend.name}:`);
  out(`D_{−v(x)} f(x) < 0 at **${c.negative} / ${c.points}** points (${(100 * c.fraction).toFixed(2)}%); least negative at x = [${Array.from(c.worst.x, (t) => f(t, 3)).join(', ')}] (scale-free ${f(c.worst.normalized, 3)}); D_w f(0) < 0 for ${c.atZero.negative} / ${c.atZero.directions} directions. Time: **${(c.timeMs / 1000).toFixed(1)} s**.`);
  out();
  backend.dispose();
}

out(`_Total time: ${((performance.now() - started) / 1000).toFixed(0)} s._`);
