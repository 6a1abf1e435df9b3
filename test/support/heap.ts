import * as v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * The JS heap still in use after a full collection: what the process holds, without the garbage
 * that happens not to be collected yet. Comparing plain `heapUsed` samples measures the
 * collector's timing as much as what is retained (an export once spread 73 MB that way).
 */
export function retainedHeapBytes(): number {
  v8.setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  if (typeof gc !== 'function') throw new Error('a full collection cannot be requested here');
  (gc as () => void)();
  return process.memoryUsage().heapUsed;
}
