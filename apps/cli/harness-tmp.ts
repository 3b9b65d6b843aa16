import './src/runtime-flags.ts';
import { readFileSync } from 'node:fs';
import { selectBackend } from '@dpr/linalg';
import { solve } from '@dpr/lab';
import { nodeSources } from '@dpr/lab/node';
const be = await selectBackend({});
const R = Number(process.argv[2] ?? 1);
let ok = 0, its: number[] = [], cpu: number[] = [];
for (let i = 1; i <= 25; i++) {
  const f = `${process.env["DIR"] ?? "/tmp/cold/inst"}/instance-${String(i).padStart(3, '0')}.safetensors`;
  const c0 = process.cpuUsage();
  const o = solve({ instance: readFileSync(f), restarts: R } as any, be, nodeSources());
  const c1 = process.cpuUsage(c0);
  const r = o.record;
  if (r.success) ok++;
  its.push(r.iterations); cpu.push(r.timeMs);
}
its.sort((a, b) => a - b); cpu.sort((a, b) => a - b);
console.log(JSON.stringify((globalThis as any).__bt)); console.log(`R=${R} success ${ok}/25 median it ${its[12]} its ${its.join(',')} median timeMs(warm) ${cpu[12]!.toFixed(2)}`);
