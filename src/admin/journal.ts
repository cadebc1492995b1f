import type { Diagnostic } from '../engine/types.js';
import type { RecordedResponse } from './recorded-response.js';

/** One request as the journal keeps it: what the client sent (credentials redacted) and what it got. */
export interface JournalEntry {
  id: number;
  /** ISO time the request arrived. */
  at: string;
  session: string;
  vendor: string;
  method: string;
  /** The path as the client sent it, mount included (`/snag/api/...`). */
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body?: unknown;
  operationId?: string;
  status: number;
  /** What the mock sent (absent when the connection was dropped). */
  response?: RecordedResponse;
  /** Milliseconds from arrival to the last byte written (or the connection dropped), added latency included. */
  durationMs: number;
  /** Why the request broke the spec, when it was rejected for that. */
  requestErrors?: Array<Pick<Diagnostic, 'location' | 'pointer' | 'keyword' | 'message'>>;
  /** The fault rules that fired (at most one answering, plus any latency rules). */
  faultIds?: string[];
  /** What the client saw when it was not a plain response. */
  delivery?: 'dropped' | 'malformed';
  /** Set when `--proxy` passed the request to the real vendor rather than answering it. */
  proxied?: true;
  /** The real vendor's side of a proxied request: its status (absent when unreachable, with the reason) and time. */
  upstream?: { url: string; status?: number; durationMs: number; error?: string };
  /** Where the real vendor's answer breaks the spec, in the contract runner's words. */
  drift?: string[];
}

export interface JournalFilter {
  vendor?: string;
  operationId?: string;
  /** An exact status (`429`) or a class (`4xx`). */
  status?: string;
  session?: string;
  limit?: number;
}

/** The last `capacity` requests, oldest dropped first; read newest first. */
export class Journal {
  private entries: JournalEntry[] = [];
  private nextId = 1;
  private readonly listeners = new Set<(entry: JournalEntry) => void>();

  constructor(readonly capacity: number) {}

  add(entry: Omit<JournalEntry, 'id'>): JournalEntry {
    const stored = { id: this.nextId++, ...entry };
    this.entries.push(stored);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    for (const listener of this.listeners) listener(stored);
    return stored;
  }

  /** Calls `listener` with each entry as it is added (the dashboard's live journal); returns the unsubscribe. */
  subscribe(listener: (entry: JournalEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(filter: JournalFilter = {}): JournalEntry[] {
    const matches = statusMatcher(filter.status);
    const out: JournalEntry[] = [];
    for (let i = this.entries.length - 1; i >= 0 && out.length < (filter.limit ?? Infinity); i--) {
      const entry = this.entries[i]!;
      if (filter.vendor !== undefined && entry.vendor !== filter.vendor) continue;
      if (filter.operationId !== undefined && entry.operationId !== filter.operationId) continue;
      if (filter.session !== undefined && entry.session !== filter.session) continue;
      if (matches(entry.status)) out.push(entry);
    }
    return out;
  }

  /** Forgets every entry, or one session's. */
  clear(session?: string): number {
    const before = this.entries.length;
    this.entries = session === undefined ? [] : this.entries.filter((e) => e.session !== session);
    return before - this.entries.length;
  }

  get size(): number {
    return this.entries.length;
  }
}

function statusMatcher(status: string | undefined): (value: number) => boolean {
  if (status === undefined) return () => true;
  const range = /^([1-5])xx$/i.exec(status);
  if (range) return (value) => Math.floor(value / 100) === Number(range[1]);
  return (value) => String(value) === status;
}
