import { readFileSync } from 'node:fs';

export interface ProcMemory {
  /** Resident set size now, in bytes. */
  rss: number;
  /** The process's peak resident set size (VmHWM), in bytes. */
  peak: number;
}

/** Reads another process's memory from /proc (Linux): the bench measures servers from outside. */
export function procMemory(pid: number): ProcMemory {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { rss: field(status, 'VmRSS'), peak: field(status, 'VmHWM') };
  } catch {
    return { rss: 0, peak: 0 };
  }
}

/** CPU time (user + system) another process has used so far, in ms, from /proc/<pid>/stat (Linux). */
export function procCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

function field(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/** Samples a process's RSS until stopped; the highest sample is the peak over that window. */
export function sampleRss(pid: number, everyMs = 100): () => number {
  let max = procMemory(pid).rss;
  const timer = setInterval(() => {
    max = Math.max(max, procMemory(pid).rss);
  }, everyMs);
  return () => {
    clearInterval(timer);
    return Math.max(max, procMemory(pid).rss);
  };
}
