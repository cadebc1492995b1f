/** A latency range in milliseconds, both ends included. */
export interface LatencyRange {
  min: number;
  max: number;
}

/**
 * `250` → {250, 250}; `100-300` → {100, 300}. Returns an error message instead of throwing, so the CLI and
 * the admin API can each report it their own way.
 */
export function parseLatency(input: unknown): LatencyRange | string {
  if (typeof input === 'number') return input >= 0 && Number.isInteger(input) ? { min: input, max: input } : 'latency must be a whole number of milliseconds, 0 or more';
  if (typeof input !== 'string') return 'latency must be milliseconds (250) or a range (100-300)';
  const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(input);
  if (!match) return `latency "${input}" must be milliseconds (250) or a range (100-300)`;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  if (max < min) return `latency "${input}": the maximum is below the minimum`;
  if (max > 600_000) return `latency "${input}": at most 600000 ms`;
  return { min, max };
}
