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

/** Nothing more of this suite can run on this target (unreachable, or asking to wait too long): stop, saying why once. */
export class StopSuite extends Error {}

/** The target could not be reached at all (refused, unknown host, bad certificate): every later step would fail the same way. */
export class TargetUnreachable extends StopSuite {}

/**
 * `fetch` with what every request of the runner needs: redirects are never followed (undici would re-send an
 * `X-API-KEY` or a POSTed client secret to the new origin), a time limit, and a failure that names its cause
 * (`ECONNREFUSED 127.0.0.1:9`) rather than undici's bare "fetch failed".
 */
export async function fetchTarget(url: URL | string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    // One slow answer says nothing of the next request; a refused or unresolvable target does.
    if ((error as Error).name === 'TimeoutError') throw new Error(`${new URL(url).origin} gave no answer within ${TIMEOUT_MS / 1000} s`);
    const { origin } = new URL(url);
    const code = (error as { cause?: { code?: string } }).cause?.code;
    // A connection cut mid-answer may be one bad request; a target nobody can connect to fails every step alike.
    if (code === undefined || UNREACHABLE.has(code)) throw new TargetUnreachable(`cannot reach ${origin}: ${networkCause(error)}`);
    throw new Error(`the connection to ${origin} broke: ${networkCause(error)}`);
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID']);

function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; address?: string; port?: number; hostname?: string; message?: string } }).cause;
  if (cause?.code) return [cause.code, cause.address ? `${cause.address}${cause.port ? `:${cause.port}` : ''}` : cause.hostname].filter(Boolean).join(' ');
  return cause?.message ?? (error as Error).message;
}

/** A 3xx with a Location: where the target wanted to send the runner (and its credentials), which it did not follow. */
export function redirectLocation(response: Pick<Response, 'status' | 'headers'>): string | undefined {
  return response.status >= 300 && response.status < 400 ? (response.headers.get('location') ?? undefined) : undefined;
}

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
  const res = await fetchTarget(url, { method, headers, body });
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
