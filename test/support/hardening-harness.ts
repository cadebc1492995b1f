import { isMockError } from '../../src/engine/errors.js';
import type { RunningMock } from '../../src/index.js';

/** One request as the hardening tests build it: a path below the vendor mount and a JSON (or form) body. */
export interface WireRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  /** Sent as JSON unless `form` is set; `raw` is sent byte for byte. */
  body?: unknown;
  form?: Record<string, string>;
  raw?: string | Buffer;
}

export interface WireResponse {
  status: number;
  contentType: string;
  text: string;
  body: any;
}

export function queryString(query: WireRequest['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Sends one request to `${mock.url}/${vendor}${path}` and reads the whole answer. */
export async function send(mock: RunningMock, vendor: string, req: WireRequest): Promise<WireResponse> {
  const headers: Record<string, string> = { ...req.headers };
  let body: string | Uint8Array | undefined;
  if (req.raw !== undefined) body = typeof req.raw === 'string' ? req.raw : new Uint8Array(req.raw);
  else if (req.form !== undefined) {
    body = new URLSearchParams(req.form).toString();
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  } else if (req.body !== undefined) {
    body = JSON.stringify(req.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${mock.url}/${vendor}${req.path}${queryString(req.query)}`, { method: req.method, headers, body: body as BodyInit | undefined });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* a text body (Lightdash's passport 401) stays text */
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, body: parsed };
}

/**
 * The vendor's whole state as JSON, through its own exportState, plus the access tokens it has issued (exports
 * leave those out): what "state unchanged" compares.
 */
export function snapshotOf(mock: RunningMock, vendor: string, session?: string): string {
  const world = mock.engine.worlds.get(session).get(vendor)!;
  return JSON.stringify({ state: mock.engine.runtime(vendor).module.exportState(world.state), tokens: tokenStore(world.state)?.all() });
}

/** Puts a vendor's state back to a snapshot taken with snapshotOf (tokens included, unlike reset). */
export function restore(mock: RunningMock, vendor: string, snapshot: string, session?: string): void {
  const world = mock.engine.worlds.get(session).get(vendor)!;
  const { state, tokens } = JSON.parse(snapshot) as { state: unknown; tokens?: unknown[] };
  world.state = mock.engine.runtime(vendor).module.importState(state);
  for (const token of tokens ?? []) tokenStore(world.state)!.issue(token);
}

/** Looker's store of the access tokens login issued; other vendors have none. */
function tokenStore(state: unknown): { all(): unknown[]; issue(token: unknown): void } | undefined {
  const store = (state as { tokens?: { all?: unknown } } | null)?.tokens;
  return typeof store?.all === 'function' ? (store as { all(): unknown[]; issue(token: unknown): void }) : undefined;
}

/**
 * Records every exception a vendor's authenticate, handlers or formatter throws that is not a MockError:
 * the pipeline turns those into a 500 that looks like any other, so only this can tell a crash from a rule.
 */
export function watchForCrashes(mock: RunningMock): { crashes: string[]; stop(): void } {
  const crashes: string[] = [];
  const undo: Array<() => void> = [];
  const guard = <F extends (...args: any[]) => any>(label: string, fn: F): F =>
    ((...args: any[]) => {
      try {
        return fn(...args);
      } catch (error) {
        if (!isMockError(error)) crashes.push(`${label}: ${(error as Error)?.stack ?? String(error)}`);
        throw error;
      }
    }) as F;
  for (const vendor of mock.engine.vendorNames) {
    const module = mock.engine.runtime(vendor).module;
    const { authenticate, formatError } = module;
    const handlers = { ...module.handlers };
    module.authenticate = guard(`${vendor}.authenticate`, authenticate);
    module.formatError = guard(`${vendor}.formatError`, formatError);
    for (const [id, handler] of Object.entries(handlers)) module.handlers[id] = guard(`${vendor}.${id}`, handler);
    undo.push(() => {
      module.authenticate = authenticate;
      module.formatError = formatError;
      Object.assign(module.handlers, handlers);
    });
  }
  return { crashes, stop: () => undo.forEach((fn) => fn()) };
}

/** Logs in to the Looker mock with the fixture's admin API3 key and returns the Authorization header. */
export async function lookerAuth(mock: RunningMock, session?: string): Promise<Record<string, string>> {
  const headers: Record<string, string> = session ? { 'x-attrmock-session': session } : {};
  const res = await send(mock, 'looker', { method: 'POST', path: '/api/4.0/login', headers, form: { client_id: 'looker-dev-client-id', client_secret: 'looker-dev-client-secret' } });
  if (res.status !== 200) throw new Error(`looker login failed: ${res.status} ${res.text}`);
  return { authorization: `token ${res.body.access_token}` };
}
