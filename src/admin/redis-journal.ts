import type { Redis } from 'ioredis';
import type { Journal, JournalEntry } from './journal.js';
import type { KeptBody } from './redact.js';

const STREAM_KEY = 'attrmock:journal';

/** A journal clear as the shared log carries it: which session (all when absent), and the last stream entry it covers. */
export interface JournalClear {
  session?: string;
  /** Stream id of the newest entry when the clear was made; entries up to it are gone on every replica. */
  before: string;
  /** When it was made (ISO): a replica's entries that arrived later, its own or already read, stay. */
  at: string;
}

type Shared = { replica: string; entry: Omit<JournalEntry, 'id' | 'body'>; body?: KeptBody };

/**
 * The journal across replicas (`--store redis://`): each replica keeps its own requests at once, as alone, and
 * adds them to one capped Redis stream (credentials already redacted: what leaves the process is what the admin
 * API would show); the others' requests join its journal when it catches up, which every admin call does first.
 */
export class RedisJournal {
  /** The newest stream entry this replica has read. */
  private readFrom = '-';
  /** Clears whose covered entries this replica has not read past yet: those entries must not come back. */
  private clears: JournalClear[] = [];
  /** The newest clear of each session ('' for all), for checkpoints: bounded by the sessions, not the clears. */
  private readonly latest = new Map<string, JournalClear>();

  constructor(private readonly redis: Redis, private readonly replica: string, private readonly journal: Journal, private readonly onError: (error: Error, what: string) => void) {}

  /** One of this replica's requests, as the journal holds it. */
  push(entry: Omit<JournalEntry, 'id' | 'body'>, body: KeptBody | undefined): void {
    const shared: Shared = { replica: this.replica, entry, ...(body && { body }) };
    this.redis.xadd(STREAM_KEY, 'MAXLEN', '~', String(this.journal.capacity), '*', 'e', JSON.stringify(shared)).catch((error: Error) => this.onError(error, 'journal entry not shared'));
  }

  /** Adds the other replicas' requests made since the last pull. */
  async pull(): Promise<void> {
    const start = this.readFrom === '-' ? '-' : `(${this.readFrom}`;
    const read = await this.redis.xrange(STREAM_KEY, start, '+');
    for (const [id, fields] of read) {
      this.readFrom = id;
      const shared = JSON.parse(fields[1]!) as Shared;
      if (shared.replica === this.replica || this.clears.some((clear) => covers(clear, id, shared.entry.session))) continue;
      this.journal.add(shared.entry, shared.body);
    }
    this.clears = this.clears.filter((clear) => streamIdAfter(clear.before, this.readFrom));
  }

  /** This replica cleared its journal (a reset, DELETE /__admin/requests): the record the others apply. */
  async cleared(session: string | undefined): Promise<JournalClear> {
    const [newest] = await this.redis.xrevrange(STREAM_KEY, '+', '-', 'COUNT', 1);
    const clear: JournalClear = { ...(session !== undefined && { session }), before: newest?.[0] ?? '0-0', at: new Date().toISOString() };
    this.remember(clear);
    return clear;
  }

  /** Another replica's clear (or one a checkpoint carries): entries that arrived after it stay. */
  apply(clear: JournalClear): void {
    this.journal.clear(clear.session, clear.at);
    this.remember(clear);
  }

  latestClears(): JournalClear[] {
    return [...this.latest.values()];
  }

  private remember(clear: JournalClear): void {
    const key = clear.session ?? '';
    const known = this.latest.get(key);
    if (!known || streamIdAfter(clear.before, known.before)) this.latest.set(key, clear);
    if (this.readFrom !== '-' && !streamIdAfter(clear.before, this.readFrom)) return;
    // One pending clear per session is enough: a later one covers all an earlier one did.
    const same = this.clears.find((other) => other.session === clear.session);
    if (same && !streamIdAfter(clear.before, same.before)) return;
    this.clears = this.clears.filter((other) => other !== same);
    this.clears.push(clear);
  }
}

function covers(clear: JournalClear, id: string, session: string): boolean {
  return (clear.session === undefined || clear.session === session) && !streamIdAfter(id, clear.before);
}

/** Stream ids are `milliseconds-sequence`; true when `a` comes after `b`. */
function streamIdAfter(a: string, b: string): boolean {
  const [am, as] = a.split('-').map(BigInt) as [bigint, bigint];
  const [bm, bs] = b.split('-').map(BigInt) as [bigint, bigint];
  return am > bm || (am === bm && as > bs);
}
