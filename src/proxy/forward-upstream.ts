import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** What the real vendor answered, byte for byte, and how long it took. */
export interface UpstreamAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  durationMs: number;
}

/** Headers of one connection (RFC 9110 §7.6.1), never passed on by a proxy. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/** `headers` minus hop-by-hop ones, including those the Connection header names. */
export function endToEnd<T extends IncomingHttpHeaders>(headers: T): T {
  const named = String(headers.connection ?? '').toLowerCase().split(',').map((h) => h.trim());
  const out = {} as Record<string, unknown>;
  for (const [name, value] of Object.entries(headers)) if (!HOP_BY_HOP.has(name) && !named.includes(name)) out[name] = value;
  return out as T;
}

/**
 * Sends one request to the real vendor with node's own client (redirects are the client's business, so none is
 * followed) and reads the whole answer. The body is the one attrmock read, already decompressed, so its
 * encoding and length headers are rewritten to match.
 */
export function forwardUpstream(url: URL, method: string, headers: IncomingHttpHeaders, body: Buffer | undefined, timeoutMs: number): Promise<UpstreamAnswer> {
  const sent: OutgoingHttpHeaders = endToEnd(headers);
  delete sent['content-encoding'];
  delete sent['content-length'];
  sent.host = url.host;
  if (body && body.length > 0) sent['content-length'] = String(body.length);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = send(url, { method, headers: sent, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks), durationMs: performance.now() - started }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body && body.length > 0 ? body : undefined);
  });
}
