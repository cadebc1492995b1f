import type { World } from './world.js';

export const DEFAULT_SESSION = 'default';

/**
 * Holds the default world and any isolated session worlds (made on first use from the seed), so parallel
 * clients can share one server without seeing each other's writes.
 */
export class Worlds {
  private readonly worlds = new Map<string, World>();

  /** Each session holds a whole world; a cap keeps a client that invents session names from exhausting memory. */
  constructor(
    private readonly create: () => World,
    readonly maxSessions = 1000,
  ) {}

  /** False when `session` would be a new world beyond the cap. */
  admits(session: string = DEFAULT_SESSION): boolean {
    return this.worlds.has(session) || this.worlds.size < this.maxSessions;
  }

  get(session: string = DEFAULT_SESSION): World {
    let world = this.worlds.get(session);
    if (!world) {
      world = this.create();
      this.worlds.set(session, world);
    }
    return world;
  }

  set(session: string, world: World): void {
    this.worlds.set(session, world);
  }

  /** Restores one session's seeded state, or every session's when none is named. */
  reset(session?: string): void {
    if (session === undefined) this.worlds.clear();
    else this.worlds.delete(session);
  }

  sessions(): string[] {
    return [...this.worlds.keys()];
  }
}
