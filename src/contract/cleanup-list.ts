import type { CleanupRequest } from './types.js';

/**
 * The undo requests of what a scenario created, so a suite leaves a real tenant as it found it. A later step
 * that sends the same method and path with success (the flow's own delete) settles the entry.
 */
export class CleanupList {
  private readonly pending: CleanupRequest[] = [];

  add(request: CleanupRequest): void {
    this.pending.push(request);
  }

  /** A successful request that is some pending undo: nothing left to do for it. */
  settle(method: string, path: string): void {
    const index = this.pending.findIndex((item) => item.method.toUpperCase() === method.toUpperCase() && item.path === path);
    if (index >= 0) this.pending.splice(index, 1);
  }

  /** Newest first, as later creations may depend on earlier ones. */
  drain(): CleanupRequest[] {
    return this.pending.splice(0).reverse();
  }
}
