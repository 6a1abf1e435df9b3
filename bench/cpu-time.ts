import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * CPU time spent so far, read from Linux's /proc: this whole process (every thread: the main
 * thread, the embedded engine's, V8's helpers), its main thread alone, and the broker's process.
 * What a phase cost is the difference of two marks. Null where /proc cannot be read.
 */
export interface CpuMark {
  processMs: number | null;
  mainThreadMs: number | null;
  brokerMs: number | null;
}

/** CPU microseconds per event over a phase, by where they were spent. */
export interface CpuPerEvent {
  mainThreadUs: number;
  otherThreadsUs: number;
  brokerUs: number;
}

export function totalUs(cpu: CpuPerEvent): number {
  return cpu.mainThreadUs + cpu.otherThreadsUs + cpu.brokerUs;
}

let ticksPerSecond: number | null = null;

export function markCpu(brokerPid: number | undefined): CpuMark {
  return {
    processMs: cpuMsOf(`/proc/${process.pid}/stat`),
    mainThreadMs: cpuMsOf(`/proc/${process.pid}/task/${process.pid}/stat`),
    brokerMs: brokerPid === undefined ? null : cpuMsOf(`/proc/${brokerPid}/stat`),
  };
}

export function cpuPerEvent(from: CpuMark, to: CpuMark, events: number): CpuPerEvent | null {
  const spent = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);
  const process = spent(from.processMs, to.processMs);
  const main = spent(from.mainThreadMs, to.mainThreadMs);
  const broker = spent(from.brokerMs, to.brokerMs);
  if (process === null || main === null || broker === null) return null;
  const us = (ms: number) => (ms * 1000) / events;
  return { mainThreadUs: us(main), otherThreadsUs: us(process - main), brokerUs: us(broker) };
}

/** utime + stime of a /proc stat file, in ms. */
function cpuMsOf(statFile: string): number | null {
  let text: string;
  try {
    text = readFileSync(statFile, 'utf8');
  } catch {
    return null;
  }
  // The command name (2nd field) may hold spaces; fields after it are plain. utime and stime
  // are the 14th and 15th fields, the 12th and 13th after the name.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  return (ticks * 1000) / ticksPerSecond;
}
