/**
 * Counts requests per key (an access token) in one-second windows. Looker limits per session; a window
 * is enough for clients to see 429 with Retry-After and back off.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  /** Records one request; returns the seconds to wait when it goes over the limit, else null. */
  hit(key: string, nowMs: number, requestsPerSecond: number): number | null {
    const window = this.windows.get(key);
    if (!window || nowMs - window.start >= 1000) {
      this.windows.set(key, { start: nowMs, count: 1 });
      return null;
    }
    window.count += 1;
    if (window.count <= requestsPerSecond) return null;
    return Math.max(1, Math.ceil((window.start + 1000 - nowMs) / 1000));
  }

  forget(key: string): void {
    this.windows.delete(key);
  }
}
