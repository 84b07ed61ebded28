import { readFileSync } from 'node:fs';

/** Clock ticks per second of `/proc/<pid>/stat` times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, all threads) another process has used, in
 * microseconds, from `/proc/<pid>/stat`; 10 ms resolution.
 */
export function processCpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  return ((user + system) * 1e6) / TICKS_PER_SECOND;
}

/** The resident set size of a process now, in bytes, from `/proc/<pid>/status`. */
export function processRssBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (match === null) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

/** The largest RSS seen by a {@link sampleRss} sampler. */
export interface RssSampler {
  /** Stops sampling; returns the peak RSS seen, in bytes. */
  stop(): number;
}

/** Samples a process's RSS every `intervalMs` until stopped, keeping the peak. */
export function sampleRss(pid: number, intervalMs = 20): RssSampler {
  let peak = processRssBytes(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, processRssBytes(pid));
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, processRssBytes(pid));
    },
  };
}
