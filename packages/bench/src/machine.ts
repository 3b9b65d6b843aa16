/** A one-line description of this machine for benchmark reports (with the load when measured). */
import { cpus, loadavg, totalmem } from 'node:os';

export function machineDescription(): string {
  const c = cpus();
  const model = c[0]?.model.trim() ?? 'unknown CPU';
  const load = loadavg()[0]!.toFixed(1);
  return `${model}, ${c.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}-${process.arch}, 1-min load ${load} when the suite ended`;
}
