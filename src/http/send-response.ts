import type { ServerResponse } from 'node:http';
import type { SentResponse } from '../admin/recorded-response.js';
import type { MockResponse } from '../engine/types.js';

/** Writes a MockResponse with node's own API: no framework work on the hot path. Returns what it wrote, for the journal. */
export function sendResponse(res: ServerResponse, response: MockResponse): SentResponse {
  const headers: Record<string, string> = { ...response.headers };
  let payload: string | undefined;
  if (response.body !== undefined) {
    const type = response.contentType ?? 'application/json';
    payload = /json/i.test(type) ? JSON.stringify(response.body) : String(response.body);
    headers['content-type'] = type.includes('charset') ? type : `${type}; charset=utf-8`;
    headers['content-length'] = String(Buffer.byteLength(payload));
  } else if (response.status !== 204 && response.status !== 304) {
    headers['content-length'] = '0';
  }
  res.writeHead(response.status, headers);
  res.end(payload);
  return { status: response.status, headers, payload };
}
