import type { JournalEntry } from '../admin/journal.js';
import { createWriteStream, type WriteStream } from 'node:fs';

/**
 * One proxied exchange, one line of a `--record` file; credentials already redacted as in the journal. Unlike the
 * journal's, its path is the one below the vendor's mount (`/api/v1/org/attributes`), as a replay sends it.
 */
export type RecordedExchange = Pick<JournalEntry, 'at' | 'vendor' | 'method' | 'path' | 'query' | 'headers' | 'body' | 'operationId' | 'durationMs' | 'drift'> & {
  response: { status: number; headers: Record<string, string>; body?: unknown };
};

/** Appends exchanges to a JSON Lines file as they happen, in the order they finish. */
export class Recording {
  private readonly stream: WriteStream;
  private failed?: Error;

  constructor(readonly file: string, onError: (error: Error) => void) {
    this.stream = createWriteStream(file, { flags: 'a' });
    this.stream.on('error', (error) => {
      this.failed = error;
      onError(error);
    });
  }

  append(exchange: RecordedExchange): void {
    if (!this.failed) this.stream.write(`${JSON.stringify(exchange)}\n`);
  }

  /** Resolves once every line is on disk. */
  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(resolve));
  }
}
