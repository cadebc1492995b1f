import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Engine } from '../engine/create-engine.js';
import type { WriteCommand } from '../engine/write-command.js';
import { DEFAULT_SESSION } from '../store/worlds.js';
import type { WorldSnapshot } from '../store/world-snapshot.js';

const LOG_KEY = 'attrmock:log';
const LOCK_KEY = 'attrmock:write-lock';
/** Longest a replica may hold the write lock; a replica that dies holding it frees it by then. */
const LOCK_MS = 5_000;
const LOCK_WAIT_MS = 30_000;

/** Appends only if the log is as long as the caller has replayed: no write is lost or interleaved. */
const COMPARE_AND_APPEND = `
if redis.call('LLEN', KEYS[1]) ~= tonumber(ARGV[1]) then return -1 end
return redis.call('RPUSH', KEYS[1], ARGV[2])`;
/** Frees the lock only if it is still this replica's (it may have expired and been taken since). */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** A record of the shared log: a vendor write, or an admin change as every session's world after it. */
type LogRecord = WriteCommand | { checkpoint: { generation: number; sessions: Record<string, WorldSnapshot> } };

type RedisWithScripts = Redis & {
  compareAndAppend(key: string, expected: number, record: string): Promise<number>;
  release(key: string, token: string): Promise<number>;
};

/** A replica cannot reach Redis: the request gets the vendor's 503. */
export class StoreUnavailableError extends Error {}

/**
 * `--store redis://HOST:PORT[/DB]`: replicas share the worlds through one log in Redis. Before answering, a
 * replica replays what the others appended (read-after-write across replicas). A write runs under a lock in
 * Redis, after catching up, and is appended with a compare-and-append, so writes from two replicas are
 * serialised in one order; if the append fails, the write is not answered 2xx and the replica rebuilds its
 * worlds from the log.
 */
export class RedisLogStore {
  private replayed = 0;
  private readonly redis: RedisWithScripts;
  private lockToken: string | undefined;
  /**
   * Every read of the log and every append, one after another: a catch-up running beside an append would read
   * this replica's own write back and apply it twice.
   */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly engine: Engine, url: string, private readonly onError: (error: Error, what: string) => void) {
    // No offline queue and one try per command: with Redis down a request fails at once (503), it does not hang.
    this.redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: () => 200 }) as RedisWithScripts;
    this.redis.on('error', () => undefined);
    this.redis.defineCommand('compareAndAppend', { numberOfKeys: 1, lua: COMPARE_AND_APPEND });
    this.redis.defineCommand('release', { numberOfKeys: 1, lua: RELEASE });
  }

  static async open(engine: Engine, url: string, onError: (error: Error, what: string) => void): Promise<RedisLogStore> {
    const store = new RedisLogStore(engine, url, onError);
    try {
      await store.redis.connect();
      await store.catchUp();
    } catch (error) {
      store.redis.disconnect();
      throw new Error(`--store ${url}: cannot use Redis (${(error as Error).message}); is redis-server running there?`);
    }
    return store;
  }

  /**
   * Before a request: a read only catches up; a write takes the lock first and returns its release. Throws
   * StoreUnavailableError when Redis cannot be reached.
   */
  async enter(write: boolean): Promise<(() => Promise<void>) | undefined> {
    try {
      if (write) await this.lock();
      await this.catchUp();
    } catch (error) {
      if (write) await this.unlock().catch(() => undefined);
      throw new StoreUnavailableError((error as Error).message);
    }
    return write ? () => this.unlock() : undefined;
  }

  /** Appends a write made under the lock; rejects (and rebuilds the worlds from the log) if it could not be. */
  async append(command: string): Promise<void> {
    await this.appendRecord(command);
  }

  /** An admin change: every session's world, as one record the other replicas import. */
  changed(): void {
    const sessions: Record<string, WorldSnapshot> = {};
    for (const session of this.engine.worlds.sessions()) sessions[session] = this.engine.exportWorld(session);
    const record = JSON.stringify({ checkpoint: { generation: this.engine.generation, sessions } });
    void this.appendRecord(record).catch((error: Error) => this.onError(error, 'admin change not shared'));
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {
    await this.unlock().catch(() => undefined);
    this.redis.disconnect();
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private appendRecord(record: string): Promise<void> {
    return this.inTurn(() => this.compareAndAppend(record));
  }

  private async compareAndAppend(record: string): Promise<void> {
    const length = await this.redis.compareAndAppend(LOG_KEY, this.replayed, record);
    if (length === -1) {
      // Another replica appended in between (our lock expired): our world holds a write the log does not.
      this.engine.worlds.reset();
      this.replayed = 0;
      await this.readLog().catch((error: Error) => this.onError(error, 'rebuild'));
      throw new Error('another replica wrote first; the write was not saved');
    }
    this.replayed = length;
  }

  private catchUp(): Promise<void> {
    return this.inTurn(() => this.readLog());
  }

  private async readLog(): Promise<void> {
    const records = await this.redis.lrange(LOG_KEY, this.replayed, -1);
    for (const text of records) {
      this.apply(JSON.parse(text) as LogRecord);
      this.replayed += 1;
    }
  }

  private apply(record: LogRecord): void {
    if ('checkpoint' in record) {
      this.engine.worlds.reset();
      for (const [session, world] of Object.entries(record.checkpoint.sessions)) this.engine.importWorld(world, session, record.checkpoint.generation);
      this.engine.worlds.get(DEFAULT_SESSION);
      return;
    }
    try {
      this.engine.replay(record);
    } catch (error) {
      this.onError(error as Error, `replaying ${record.vendor} ${record.operationId}`);
    }
  }

  private async lock(): Promise<void> {
    const token = randomBytes(12).toString('hex');
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (let wait = 1; ; wait = Math.min(wait * 2, 20)) {
      if ((await this.redis.set(LOCK_KEY, token, 'PX', LOCK_MS, 'NX')) === 'OK') break;
      if (Date.now() > deadline) throw new Error('the shared write lock stayed taken');
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    this.lockToken = token;
  }

  private async unlock(): Promise<void> {
    const token = this.lockToken;
    this.lockToken = undefined;
    if (token !== undefined) await this.redis.release(LOCK_KEY, token);
  }
}
