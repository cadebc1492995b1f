/** One key's window as replicas share it: the key, when the window started (ms), the requests in it. */
export type RateWindow = [key: string, start: number, count: number];

/**
 * Counts requests per key in one-second windows, the way the vendors describe their limits ("250 requests
 * per second"). Stale windows are swept once the map grows, so many keys do not leak memory.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  /** Keys hit since takeChanges(), when tracked (replicas share their windows). */
  private touched: Set<string> | undefined;

  /** Records one request; returns the seconds to wait when it goes over `perSecond`, else null. */
  hit(key: string, nowMs: number, perSecond: number): number | null {
    this.touched?.add(key);
    const window = this.windows.get(key);
    if (!window || nowMs - window.start >= 1000) {
      if (this.windows.size >= 10_000) this.sweep(nowMs);
      this.windows.set(key, { start: nowMs, count: 1 });
      return null;
    }
    window.count += 1;
    if (window.count <= perSecond) return null;
    return Math.max(1, Math.ceil((window.start + 1000 - nowMs) / 1000));
  }

  /** Drops one key's window (a revoked token, say). */
  forget(key: string): void {
    this.windows.delete(key);
  }

  clear(): void {
    this.windows.clear();
  }

  /** From now on, remember which keys are hit, for takeChanges(). */
  track(): void {
    this.touched ??= new Set();
  }

  /** The windows hit since the last call (tracked only), as `[key, start, count]`. */
  takeChanges(): RateWindow[] {
    const out = this.windowsOf(this.touched ?? []);
    this.touched?.clear();
    return out;
  }

  exportWindows(): RateWindow[] {
    return this.windowsOf(this.windows.keys());
  }

  /** Windows another replica counted, taken as they are (stale ones swept as for this replica's own). */
  apply(windows: RateWindow[], nowMs: number): void {
    if (this.windows.size >= 10_000) this.sweep(nowMs);
    for (const [key, start, count] of windows) this.windows.set(key, { start, count });
  }

  private windowsOf(keys: Iterable<string>): RateWindow[] {
    const out: RateWindow[] = [];
    for (const key of keys) {
      const window = this.windows.get(key);
      if (window) out.push([key, window.start, window.count]);
    }
    return out;
  }

  private sweep(nowMs: number): void {
    for (const [key, window] of this.windows) if (nowMs - window.start >= 1000) this.windows.delete(key);
  }
}
