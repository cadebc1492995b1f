import type { ObservedResponse } from './match-expectation.js';
import type { StepRequest } from './types.js';

export interface SentRequest {
  method: string;
  url: string;
  /** The path below the base URL, as routed against the spec. */
  path: string;
}

export interface Exchange {
  request: SentRequest;
  response: ObservedResponse;
  contentType: string | null;
}

const TIMEOUT_MS = 15_000;

/**
 * Sends one (already interpolated) step request below a base URL, adding the target's credentials unless the
 * step opts out or sets that header itself. Arrays in `query` become repeated keys, as the specs' form/explode.
 */
export async function sendRequest(baseUrl: string, request: StepRequest, authHeaders: Record<string, string>): Promise<Exchange> {
  const url = new URL(baseUrl.replace(/\/$/, '') + request.path);
  for (const [name, value] of Object.entries(request.query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, typeof item === 'string' ? item : JSON.stringify(item));
  }
  const headers = new Headers();
  if (request.auth !== 'none') for (const [name, value] of Object.entries(authHeaders)) headers.set(name, value);
  for (const [name, value] of Object.entries(request.headers ?? {})) headers.set(name, String(value));
  const body = encodeBody(request, headers);
  const method = request.method.toUpperCase();
  const res = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const contentType = res.headers.get('content-type');
  const text = await res.text();
  return {
    request: { method, url: url.toString(), path: url.pathname.slice(new URL(baseUrl).pathname.replace(/\/$/, '').length) || '/' },
    response: { status: res.status, headers: res.headers, body: parseBody(text, contentType) },
    contentType,
  };
}

function encodeBody(request: StepRequest, headers: Headers): string | undefined {
  if (request.raw !== undefined) return request.raw;
  if (request.form !== undefined) {
    if (!headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded');
    return new URLSearchParams(request.form).toString();
  }
  if (request.body === undefined) return undefined;
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  return JSON.stringify(request.body);
}

function parseBody(text: string, contentType: string | null): unknown {
  if (text === '') return undefined;
  if (contentType && /json/i.test(contentType)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}
