import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Journal } from '../journal.js';

/** A comment line now and then keeps proxies and idle timeouts from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

/**
 * Streams each new journal entry as a server-sent event (`event: request`, the entry as JSON, its id as the
 * event id) until the client goes away. The dashboard reads it with fetch, which can send the admin token
 * that EventSource cannot.
 */
export function streamJournal(journal: Journal, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store, no-transform',
    'x-accel-buffering': 'no',
  });
  res.write(': attrmock journal\n\n');
  const unsubscribe = journal.subscribe((entry) => {
    res.write(`id: ${entry.id}\nevent: request\ndata: ${JSON.stringify(entry)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  const stop = (): void => {
    unsubscribe();
    clearInterval(heartbeat);
  };
  req.once('close', stop);
  res.once('close', stop);
}
