import { writeFileSync } from 'node:fs';
import type { BenchRequest } from './send.js';

/**
 * Writes a HAR file of one request with each of `bodies`, to each of `urls`, for `autocannon --har`: every
 * connection sends its server's entries in turn, so a load of writes changes the state on every request.
 * (autocannon's own `-I` id replacement cannot do this: its Content-Length counts 33 bytes for each id where
 * it sends 24–29, autocannon issue #539, so the server waits for bytes that never come.)
 */
export function writeHar(file: string, req: Omit<BenchRequest, 'url' | 'body'>, urls: string[], bodies: string[]): void {
  const headers = Object.entries(req.headers ?? {}).map(([name, value]) => ({ name, value }));
  const mimeType = req.headers?.['content-type'] ?? 'application/json';
  const entries = urls.flatMap((url) => bodies.map((text) => ({ request: { method: req.method, url, headers, postData: { mimeType, text } } })));
  writeFileSync(file, JSON.stringify({ log: { version: '1.2', creator: { name: 'attrmock bench', version: '1' }, entries } }));
}
