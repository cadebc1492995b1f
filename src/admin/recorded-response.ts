import { redactBody, redactHeaders } from './redact.js';

/** What the host actually wrote for one request: status, headers and the payload text. */
export interface SentResponse {
  status: number;
  headers: Record<string, string>;
  payload?: string;
}

/**
 * A response as the journal keeps it: the sent text cut to `limit` characters. Redaction (a Looker login
 * answers an access_token) waits until someone reads the journal, through `toJSON`, so the request path pays
 * for keeping a reference and not for parsing every answer it sends.
 */
export class RecordedResponse {
  readonly status: number;
  private readonly headers: Record<string, string>;
  private readonly text?: string;
  /** The full payload's length when `text` is only its start. */
  private readonly length?: number;

  constructor(sent: SentResponse, private readonly limit: number) {
    this.status = sent.status;
    this.headers = sent.headers;
    const payload = sent.payload;
    if (payload !== undefined && payload.length > limit) {
      // A slice would keep the whole payload alive behind it; a copy keeps only what the journal shows.
      this.text = Buffer.from(payload.slice(0, limit)).toString();
      this.length = payload.length;
    } else this.text = payload;
  }

  /** Characters held, for the journal's byte cap. */
  get size(): number {
    return (this.text?.length ?? 0) + 128;
  }

  toJSON(): { status: number; headers: Record<string, string>; body?: unknown; truncated?: { length: number } } {
    const type = this.headers['content-type'];
    // A cut JSON text no longer parses; redactBody then masks credentials in it as text.
    const body = this.text === undefined ? undefined : redactBody(Buffer.from(this.text), type, this.limit);
    return { status: this.status, headers: redactHeaders(this.headers), body, truncated: this.length === undefined ? undefined : { length: this.length } };
  }
}
