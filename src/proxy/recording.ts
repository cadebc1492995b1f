import { createWriteStream, type WriteStream } from 'node:fs';

/** One proxied exchange, one line of a `--record` file; credentials already redacted as in the journal. */
export interface RecordedExchange {
  at: string;
  vendor: string;
  method: string;
  /** Below the vendor's mount, as sent (`/api/v1/org/attributes`). */
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body?: unknown;
  operationId?: string;
  response: { status: number; headers: Record<string, string>; body?: unknown };
  durationMs: number;
  drift?: string[];
}

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
