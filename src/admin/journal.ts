import type { Diagnostic } from '../engine/types.js';
import type { RecordedResponse } from './recorded-response.js';
import type { KeptBody } from './redact.js';

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
  /** What the mock warned about: the request was answered as the real server would, not as the client meant. */
  warnings?: string[];
  /** False when no handler models the operation and the spec alone answered. */
  modelled?: false;
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

/** An entry as held: the body as kept text, and its rough size in memory. */
interface StoredEntry {
  entry: Omit<JournalEntry, 'body'>;
  body?: KeptBody;
  bytes: number;
}

/** Room for the default 1,000 entries of 16 KiB bodies and their headers; past it the oldest go first. */
export const DEFAULT_JOURNAL_BYTES = 64 * 1024 * 1024;

/**
 * The last `capacity` requests, oldest dropped first, and never more than `maxBytes` of them (entry count alone
 * let 1,000 large bodies take 1.5 GiB); read newest first.
 */
export class Journal {
  private entries: StoredEntry[] = [];
  private nextId = 1;
  private readonly listeners = new Set<(entry: JournalEntry) => void>();
  private heldBytes = 0;

  constructor(readonly capacity: number, readonly maxBytes = DEFAULT_JOURNAL_BYTES) {}

  add(entry: Omit<JournalEntry, 'id' | 'body'>, body?: KeptBody): void {
    const stored: StoredEntry = { entry: { id: this.nextId++, ...entry }, body, bytes: sizeOf(entry, body) };
    this.entries.push(stored);
    this.heldBytes += stored.bytes;
    let drop = Math.max(0, this.entries.length - this.capacity);
    let bytes = this.heldBytes;
    for (let i = 0; i < drop; i++) bytes -= this.entries[i]!.bytes;
    while (bytes > this.maxBytes && drop < this.entries.length - 1) bytes -= this.entries[drop++]!.bytes;
    if (drop > 0) {
      this.entries.splice(0, drop);
      this.heldBytes = bytes;
    }
    // Shown (its body parsed back) only for whoever asks: the request path pays nothing without a live journal.
    if (this.listeners.size > 0) {
      const added = shown(stored);
      for (const listener of this.listeners) listener(added);
    }
  }

  /** True while someone follows the journal live (the dashboard). */
  get followed(): boolean {
    return this.listeners.size > 0;
  }

  /** The memory the entries hold, roughly (string lengths). */
  get bytes(): number {
    return this.heldBytes;
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
      const stored = this.entries[i]!;
      const entry = stored.entry;
      if (filter.vendor !== undefined && entry.vendor !== filter.vendor) continue;
      if (filter.operationId !== undefined && entry.operationId !== filter.operationId) continue;
      if (filter.session !== undefined && entry.session !== filter.session) continue;
      if (matches(entry.status)) out.push(shown(stored));
    }
    return out;
  }

  /** Forgets every entry, or one session's; with `upTo` (ISO time), only those that arrived by then. */
  clear(session?: string, upTo?: string): number {
    const before = this.entries.length;
    const kept = (e: StoredEntry) => (session !== undefined && e.entry.session !== session) || (upTo !== undefined && e.entry.at > upTo);
    this.entries = session === undefined && upTo === undefined ? [] : this.entries.filter(kept);
    this.heldBytes = this.entries.reduce((sum, e) => sum + e.bytes, 0);
    return before - this.entries.length;
  }

  get size(): number {
    return this.entries.length;
  }
}

/** JSON bodies are answered as JSON, as clients sent them; the field order follows JournalEntry. */
function shown({ entry, body }: StoredEntry): JournalEntry {
  if (body === undefined) return entry as JournalEntry;
  const { requestErrors, faultIds, delivery, ...head } = entry;
  return Object.assign({ ...head, body: body.json ? JSON.parse(body.text) : body.text }, requestErrors && { requestErrors }, faultIds && { faultIds }, delivery && { delivery }) as JournalEntry;
}

/** Characters held, plus a fixed cost per entry for the object and its numbers. */
function sizeOf(entry: Omit<JournalEntry, 'id' | 'body'>, body: KeptBody | undefined): number {
  let bytes = 256 + entry.path.length + (body?.text.length ?? 0) + (entry.response?.size ?? 0) + (entry.operationId?.length ?? 0);
  for (const [name, value] of Object.entries(entry.headers)) bytes += name.length + value.length;
  for (const [name, value] of Object.entries(entry.query)) bytes += name.length + String(value).length;
  return bytes;
}

function statusMatcher(status: string | undefined): (value: number) => boolean {
  if (status === undefined) return () => true;
  const range = /^([1-5])xx$/i.exec(status);
  if (range) return (value) => Math.floor(value / 100) === Number(range[1]);
  return (value) => String(value) === status;
}
