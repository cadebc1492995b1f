import type { IncomingHttpHeaders } from 'node:http';
import type { Request } from 'express';
import type { MockRequest } from '../engine/types.js';

/** Normalises an Express request below a vendor mount into the engine's request. */
export function toMockRequest(req: Request): MockRequest {
  return {
    method: req.method.toUpperCase(),
    path: req.path,
    query: normaliseQuery(req.query as Record<string, unknown>),
    headers: mockHeaders(req.headers),
    body: Buffer.isBuffer(req.body) ? req.body : undefined,
  };
}

/** Node's headers with repeated ones (node keeps `set-cookie`-like ones as arrays) joined, as one value each. */
export function mockHeaders(incoming: IncomingHttpHeaders): MockRequest['headers'] {
  const headers: MockRequest['headers'] = {};
  for (const [name, value] of Object.entries(incoming)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

function normaliseQuery(query: Record<string, unknown>): MockRequest['query'] {
  const out: MockRequest['query'] = {};
  for (const [key, value] of Object.entries(query)) {
    // `?__proto__=a&__proto__=b` parses to an array that, assigned here, would become this object's prototype.
    if (key === '__proto__') continue;
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value)) out[key] = value.map(String);
  }
  return out;
}
