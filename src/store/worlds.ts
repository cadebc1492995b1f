import { getHeapStatistics } from 'node:v8';
import type { World } from './world.js';

export const DEFAULT_SESSION = 'default';

export interface WorldsOptions {
  /** Session worlds held at once beside the default one (default 1000). */
  maxSessions?: number;
  /** A session unused this long may be evicted to make room for a new one (default 10 minutes). */
  idleMs?: number;
  /** Heap the session worlds may take together, roughly (default 1 GiB); with large fixtures it caps sessions below maxSessions. */
  maxBytes?: number;
  now?: () => Date;
}

const DEFAULTS = { maxSessions: 1000, idleMs: 10 * 60_000, maxBytes: 1024 * 1024 * 1024 };
/** A floor under the measured size of a world: a garbage collection during the measurement can make it look free. */
const MIN_WORLD_BYTES = 64 * 1024;

/**
 * Holds the default world and any isolated session worlds (made on first use from the seed), so parallel
 * clients can share one server without seeing each other's writes. The default session is reserved: it never
 * counts against the cap and is never evicted, so invented session names cannot lock it out. Past the cap, the
 * least recently used session that has been idle long enough makes room; otherwise a new session must wait.
 */
export class Worlds {
  private readonly worlds = new Map<string, { world: World; lastUsed: number }>();
  private pristine: World | undefined;
  private worldBytes: number | undefined;
  private readonly options: Required<Omit<WorldsOptions, 'now'>> & { now: () => Date };

  constructor(private readonly create: () => World, options: WorldsOptions = {}) {
    this.options = {
      maxSessions: options.maxSessions ?? DEFAULTS.maxSessions,
      idleMs: options.idleMs ?? DEFAULTS.idleMs,
      maxBytes: options.maxBytes ?? DEFAULTS.maxBytes,
      now: options.now ?? (() => new Date()),
    };
  }

  /** Sessions held at once beside the default one: the cap, lowered when worlds are large (total memory bound). */
  get maxSessions(): number {
    if (this.worldBytes === undefined) return this.options.maxSessions;
    return Math.max(1, Math.min(this.options.maxSessions, Math.floor(this.options.maxBytes / this.worldBytes)));
  }

  has(session: string = DEFAULT_SESSION): boolean {
    return this.worlds.has(session);
  }

  /** False when `session` would be a new world and no room can be made now. */
  admits(session: string = DEFAULT_SESSION): boolean {
    return session === DEFAULT_SESSION || this.worlds.has(session) || this.sessionCount() < this.maxSessions || this.idlest() !== undefined;
  }

  /** Seconds until a new session could be admitted (the least recently used one turns idle). */
  retryAfterSeconds(): number {
    const oldest = this.oldestSession();
    if (oldest === undefined) return 1;
    return Math.max(1, Math.ceil((oldest.lastUsed + this.options.idleMs - this.options.now().getTime()) / 1000));
  }

  /** The session's world, made (evicting an idle session when at the cap) on first use; marks it used. */
  get(session: string = DEFAULT_SESSION): World {
    const held = this.worlds.get(session);
    const now = this.options.now().getTime();
    if (held) {
      if (session !== DEFAULT_SESSION) {
        // Map order is the LRU order: the most recently used last.
        this.worlds.delete(session);
        this.worlds.set(session, { world: held.world, lastUsed: now });
      }
      return held.world;
    }
    this.makeRoom(session);
    const world = this.measured();
    this.worlds.set(session, { world, lastUsed: now });
    return world;
  }

  /** The session's world if it exists, without marking it used. */
  peek(session: string = DEFAULT_SESSION): World | undefined {
    return this.worlds.get(session)?.world;
  }

  /**
   * A seeded world no session owns, to answer what needs no world of its own (an unauthenticated request to a
   * new session, the export of a session not made yet). Callers must not change it.
   */
  seeded(): World {
    return (this.pristine ??= this.create());
  }

  set(session: string, world: World): void {
    if (!this.worlds.has(session)) this.makeRoom(session);
    this.worlds.delete(session);
    this.worlds.set(session, { world, lastUsed: this.options.now().getTime() });
  }

  /** Restores one session's seeded state, or every session's when none is named. */
  reset(session?: string): void {
    if (session === undefined) this.worlds.clear();
    else this.worlds.delete(session);
  }

  sessions(): string[] {
    return [...this.worlds.keys()];
  }

  /** Each session with when it was last used, least recently used first. */
  list(): Array<{ session: string; lastUsed: Date }> {
    return [...this.worlds].map(([session, { lastUsed }]) => ({ session, lastUsed: new Date(lastUsed) }));
  }

  /** At the cap, a new session takes the place of the idlest one, if any is idle. */
  private makeRoom(session: string): void {
    if (session === DEFAULT_SESSION || this.sessionCount() < this.maxSessions) return;
    const idle = this.idlest();
    if (idle !== undefined) this.worlds.delete(idle);
  }

  private sessionCount(): number {
    return this.worlds.size - (this.worlds.has(DEFAULT_SESSION) ? 1 : 0);
  }

  private oldestSession(): { session: string; lastUsed: number } | undefined {
    for (const [session, { lastUsed }] of this.worlds) if (session !== DEFAULT_SESSION) return { session, lastUsed };
    return undefined;
  }

  /** The least recently used session, when it has been idle long enough to evict. */
  private idlest(): string | undefined {
    const oldest = this.oldestSession();
    return oldest && this.options.now().getTime() - oldest.lastUsed >= this.options.idleMs ? oldest.session : undefined;
  }

  /** The first world made is weighed, so that the session cap also bounds their total memory. */
  private measured(): World {
    if (this.worldBytes !== undefined) return this.create();
    const before = getHeapStatistics().used_heap_size;
    const world = this.create();
    this.worldBytes = Math.max(MIN_WORLD_BYTES, getHeapStatistics().used_heap_size - before);
    return world;
  }
}
