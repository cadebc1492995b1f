import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Engine } from '../engine/create-engine.js';
import type { JournalEntry } from './journal.js';
import type { ControlChanges, ControlState, QaControl } from './qa-control.js';
import type { KeptBody } from './redact.js';
import { RedisJournal, type JournalClear } from './redis-journal.js';
import type { WriteCommand } from '../engine/write-command.js';
import { DEFAULT_SESSION } from '../store/worlds.js';
import type { WorldSnapshot } from '../store/world-snapshot.js';

const LOG_KEY = 'attrmock:log';
const LOCK_KEY = 'attrmock:write-lock';
/** The latest checkpoint and the log length it stands for: a new replica starts there, not at the log's head. */
const SNAPSHOT_KEY = 'attrmock:snapshot';
/** Records between snapshots: a joining replica replays at most about this many. */
const DEFAULT_SNAPSHOT_EVERY = 10_000;
/** Longest a replica may hold the write lock; a replica that dies holding it frees it by then. */
const LOCK_MS = 5_000;
const LOCK_WAIT_MS = 30_000;
/** How long a replica may pass the lock from one of its writes to the next before freeing it for the others. */
const HANDOFF_MS = 20;
/** The replica that asked for the lock first while another held it: the lock goes to it next. */
const NEXT_KEY = 'attrmock:write-lock-next';
/** How long that claim lasts unless its replica keeps asking (a replica that died while waiting gives it up). */
const NEXT_MS = 200;

/** Appends only if the log is as long as the caller has replayed: no write is lost or interleaved. */
const COMPARE_AND_APPEND = `
if redis.call('LLEN', KEYS[1]) ~= tonumber(ARGV[1]) then return -1 end
return redis.call('RPUSH', KEYS[1], ARGV[2])`;
/**
 * Takes the lock unless another replica has the next turn; one that cannot take it claims the next turn if nobody
 * has. Without the claim, a replica polling for the lock was outrun time after time by the holder's own next
 * writer (a p99 of 300 ms and waits of 1.5 s in the bench).
 */
const ACQUIRE = `
local queued = redis.call('GET', KEYS[2])
if queued and queued ~= ARGV[3] then return 0 end
if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then
  if queued then redis.call('DEL', KEYS[2]) end
  return 1
end
redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
return 0`;
/** Frees the lock only if it is still this replica's (it may have expired and been taken since). */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Every session's world and the QA state, as an admin change leaves them. */
interface Checkpoint {
  generation: number;
  sessions: Record<string, WorldSnapshot>;
  /** Absent in logs written before fault rules were shared. */
  control?: ControlState;
  /** The newest journal clear of each session (and of all): a replica joining here must not list what they cleared. */
  journalClears?: JournalClear[];
}

/**
 * A record of the shared log: a vendor write, what a request did to fault counters and rate-limit windows, or an
 * admin change as a checkpoint of everything after it.
 */
type LogRecord = WriteCommand | { control: ControlChanges } | { checkpoint: Checkpoint } | { journalCleared: JournalClear };

type RedisWithScripts = Redis & {
  compareAndAppend(key: string, expected: number, record: string): Promise<number>;
  release(key: string, token: string): Promise<number>;
  acquire(lock: string, next: string, token: string, lockMs: number, replica: string, nextMs: number): Promise<number>;
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
  /** The log length of the newest snapshot this replica knows of. */
  private snapshotAt = 0;
  private control: QaControl | undefined;
  private journal: RedisJournal | undefined;
  private followTimer: NodeJS.Timeout | undefined;
  /** One request of this replica at a time asks Redis for the lock; the others wait here, not in a retry loop. */
  private localTurn: Promise<void> = Promise.resolve();
  private releaseLocalTurn: (() => void) | undefined;
  /** This replica's requests waiting for their turn at the lock. */
  private waiting = 0;
  private heldSince = 0;
  private readonly replicaId = randomBytes(8).toString('hex');
  private readonly redis: RedisWithScripts;
  private lockToken: string | undefined;
  /** Goes up when an append fails: what was queued before it is not appended after it. */
  private epoch = 0;
  /**
   * This replica's worlds may not be the log's (an append failed, or it has not read the log yet): the next catch-up
   * starts again from the newest snapshot.
   */
  private spoilt = true;
  /**
   * Every read of the log and every append, one after another: a catch-up running beside an append would read
   * this replica's own write back and apply it twice.
   */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly engine: Engine, url: string, private readonly onError: (error: Error, what: string) => void, private readonly snapshotEvery: number) {
    // No offline queue and one try per command: with Redis down a request fails at once (503), it does not hang.
    this.redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: () => 200 }) as RedisWithScripts;
    this.redis.on('error', () => undefined);
    this.redis.defineCommand('compareAndAppend', { numberOfKeys: 1, lua: COMPARE_AND_APPEND });
    this.redis.defineCommand('release', { numberOfKeys: 1, lua: RELEASE });
    this.redis.defineCommand('acquire', { numberOfKeys: 2, lua: ACQUIRE });
  }

  static async open(engine: Engine, url: string, onError: (error: Error, what: string) => void, snapshotEvery = DEFAULT_SNAPSHOT_EVERY): Promise<RedisLogStore> {
    const store = new RedisLogStore(engine, url, onError, snapshotEvery);
    try {
      await store.redis.connect();
    } catch (error) {
      store.redis.disconnect();
      throw new Error(`--store ${url}: cannot use Redis (${(error as Error).message}); is redis-server running there?`);
    }
    return store;
  }

  /** Shares `control`'s fault rules and rate limits too, and catches up from the newest snapshot on. */
  async start(control: QaControl): Promise<void> {
    this.control = control;
    this.journal = new RedisJournal(this.redis, this.replicaId, control.journal, this.onError);
    // The dashboard's live journal shows the other replicas' requests too, not only at the next admin call.
    this.followTimer = setInterval(() => {
      if (control.journal.followed) this.catchUp(true).catch(() => undefined);
    }, 500).unref();
    await this.catchUp();
  }

  /**
   * Before a request: catch up; when `exclusive` (or what it says once caught up) asks for it, take the lock and
   * catch up again, and return its release. Throws StoreUnavailableError when Redis cannot be reached.
   */
  async enter(exclusive: boolean | (() => boolean), withJournal = false): Promise<(() => Promise<void>) | undefined> {
    let locked = false;
    try {
      if (exclusive !== true) await this.catchUp(withJournal);
      if (exclusive === false || (exclusive !== true && !exclusive())) return undefined;
      const handedOver = await this.lock();
      locked = true;
      // Held without a break since this replica last caught up: no other replica can have appended since.
      if (!handedOver || withJournal) await this.catchUp(withJournal);
    } catch (error) {
      if (locked) await this.unlock().catch(() => undefined);
      throw new StoreUnavailableError((error as Error).message);
    }
    const epoch = this.epoch;
    return async () => {
      await this.leave();
      if (this.epoch !== epoch) throw new Error('a change made under this lock could not be written to Redis');
    };
  }

  /** What a request under the lock did to fault counters and rate-limit windows. */
  shareControl(changes: ControlChanges): void {
    void this.appendRecord(JSON.stringify({ control: changes })).catch((error: Error) => this.onError(error, 'fault counters not shared'));
  }

  /** Appends a write made under the lock; rejects (and rebuilds the worlds from the log) if it could not be. */
  async append(command: string): Promise<void> {
    await this.appendRecord(command);
  }

  /** One of this replica's journal entries, for the others. */
  shareEntry(entry: Omit<JournalEntry, 'id' | 'body'>, body: KeptBody | undefined): void {
    this.journal?.push(entry, body);
  }

  /** This replica cleared its journal (under the lock: an admin change): the others clear theirs. */
  journalCleared(session: string | undefined): void {
    const journal = this.journal;
    if (!journal) return;
    void this.appendRecord(async () => JSON.stringify({ journalCleared: await journal.cleared(session) })).catch((error: Error) => this.onError(error, 'journal clear not shared'));
  }

  /** An admin change: every session's world and the QA state, as one record the other replicas import. */
  changed(): void {
    void this.appendRecord(JSON.stringify({ checkpoint: this.checkpoint() })).catch((error: Error) => this.onError(error, 'admin change not shared'));
  }

  private checkpoint(): Checkpoint {
    const sessions: Record<string, WorldSnapshot> = {};
    for (const session of this.engine.worlds.sessions()) sessions[session] = this.engine.exportWorld(session);
    return { generation: this.engine.generation, sessions, ...(this.control && { control: this.control.exportControl() }), ...(this.journal && { journalClears: this.journal.latestClears() }) };
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {
    clearInterval(this.followTimer);
    await this.unlock().catch(() => undefined);
    this.redis.disconnect();
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Queues an append. A record queued before an append failed is refused: it was made on a world that held the
   * failed write (a write handed the lock reads its predecessor's effects).
   */
  private appendRecord(record: string | (() => Promise<string>)): Promise<void> {
    const epoch = this.epoch;
    return this.inTurn(async () => {
      if (epoch !== this.epoch) throw new Error('an earlier write under the same lock was not saved, so neither is this one');
      await this.compareAndAppend(typeof record === 'string' ? record : await record());
    });
  }

  private async compareAndAppend(record: string): Promise<void> {
    let length: number;
    try {
      length = await this.redis.compareAndAppend(LOG_KEY, this.replayed, record);
    } catch (error) {
      // Maybe appended, maybe not: only the log can say, so the worlds are read back from it.
      this.spoil();
      throw error;
    }
    if (length === -1) {
      // Another replica appended in between (this one's lock expired): this world holds a write the log does not.
      this.spoil();
      throw new Error('another replica wrote first; the write was not saved');
    }
    this.replayed = length;
  }

  /** After a failed append: refuse what was queued behind it, give up the lock, read the worlds back from Redis. */
  private spoil(): void {
    this.epoch += 1;
    this.spoilt = true;
    const token = this.lockToken;
    this.lockToken = undefined;
    if (token !== undefined) this.redis.release(LOCK_KEY, token).catch(() => undefined);
  }

  /** Writes a snapshot when one is due; only where this replica's worlds are exactly the log (its appends done, the lock held). */
  private async snapshotIfDue(): Promise<void> {
    if (this.spoilt || this.lockToken === undefined || this.replayed - this.snapshotAt < this.snapshotEvery) return;
    this.snapshotAt = this.replayed;
    await this.redis.set(SNAPSHOT_KEY, JSON.stringify({ at: this.replayed, checkpoint: this.checkpoint() })).catch((error: Error) => this.onError(error, 'snapshot'));
  }

  private catchUp(withJournal = false): Promise<void> {
    return this.inTurn(async () => {
      if (this.spoilt) await this.fromSnapshot();
      await this.readLog();
      if (withJournal) await this.journal?.pull();
    });
  }

  /** Starts the worlds and QA state again from the newest snapshot (or the seed); the log after it is read next. */
  private async fromSnapshot(): Promise<void> {
    const snapshot = await this.redis.get(SNAPSHOT_KEY);
    this.engine.worlds.reset();
    this.control?.importControl({ faults: { nextId: 1, rules: [] }, windows: [] });
    this.replayed = this.snapshotAt = 0;
    if (snapshot !== null) {
      const { at, checkpoint } = JSON.parse(snapshot) as { at: number; checkpoint: Checkpoint };
      this.apply({ checkpoint });
      this.replayed = this.snapshotAt = at;
    }
    this.spoilt = false;
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
      const { sessions, generation, control } = record.checkpoint;
      this.engine.worlds.reset();
      for (const [session, world] of Object.entries(sessions)) this.engine.importWorld(world, session, generation);
      this.engine.worlds.get(DEFAULT_SESSION);
      if (control) this.control?.importControl(control);
      for (const clear of record.checkpoint.journalClears ?? []) this.journal?.apply(clear);
      return;
    }
    if ('control' in record) {
      this.control?.applyControlChanges(record.control);
      return;
    }
    if ('journalCleared' in record) {
      this.journal?.apply(record.journalCleared);
      return;
    }
    try {
      this.engine.replay(record);
    } catch (error) {
      this.onError(error as Error, `replaying ${record.vendor} ${record.operationId}`);
    }
  }

  /** Waits for this replica's turn, then takes the lock in Redis; true when it was handed over, still held. */
  private async lock(): Promise<boolean> {
    let releaseLocal!: () => void;
    const before = this.localTurn;
    this.localTurn = new Promise<void>((resolve) => (releaseLocal = resolve));
    this.waiting += 1;
    await before;
    this.waiting -= 1;
    try {
      const handedOver = this.lockToken !== undefined;
      if (!handedOver) await this.acquire();
      this.releaseLocalTurn = releaseLocal;
      return handedOver;
    } catch (error) {
      releaseLocal();
      throw error;
    }
  }

  private async acquire(): Promise<void> {
    const token = randomBytes(12).toString('hex');
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (let wait = 1; ; wait = Math.min(wait * 2, 2)) {
      if ((await this.redis.acquire(LOCK_KEY, NEXT_KEY, token, LOCK_MS, this.replicaId, NEXT_MS)) === 1) break;
      if (Date.now() > deadline) throw new Error('the shared write lock stayed taken');
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    this.lockToken = token;
    this.heldSince = Date.now();
  }

  /**
   * After a request under the lock has queued its appends. With more of this replica's requests waiting (for up to
   * HANDOFF_MS), the next one goes at once under the same lock and its appends queue behind these: taking and
   * freeing the lock, and catching up, would cost three round trips (two of them writes Redis syncs) per request.
   * Otherwise the lock is freed once the queued appends are in Redis. Resolves when that is done.
   */
  private leave(): Promise<void> {
    if (this.waiting > 0 && this.lockToken !== undefined && Date.now() - this.heldSince < HANDOFF_MS) {
      const releaseLocal = this.releaseLocalTurn;
      this.releaseLocalTurn = undefined;
      releaseLocal?.();
      // Still resolves only once this request's appends are in Redis.
      return this.inTurn(async () => undefined);
    }
    return this.inTurn(async () => {
      await this.snapshotIfDue();
      await this.unlock();
    });
  }

  /** Frees the lock in Redis, and this replica's turn. */
  private async unlock(): Promise<void> {
    const token = this.lockToken;
    const releaseLocal = this.releaseLocalTurn;
    this.lockToken = undefined;
    this.releaseLocalTurn = undefined;
    try {
      if (token !== undefined) await this.redis.release(LOCK_KEY, token);
    } finally {
      releaseLocal?.();
    }
  }
}
