/** A one-line description of this machine for benchmark reports. */
import { cpus, totalmem } from 'node:os';

export function machineDescription(): string {
  const c = cpus();
  const model = c[0]?.model.trim() ?? 'unknown CPU';
  return `${model}, ${c.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}-${process.arch}`;
}
