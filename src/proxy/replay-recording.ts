import { readFile } from 'node:fs/promises';
import { REDACTED } from '../admin/redact.js';
import { responseChecker } from '../contract/check-response-schema.js';
import { vendorTarget } from '../contract/vendor-targets.js';
import { startMock, type MockOptions } from '../start-mock.js';
import { compareBodies, ValueMap, type Difference } from './compare-answers.js';
import type { RecordedExchange } from './recording.js';

/** One recorded request replayed on the mock, and how the answers differ (none when they agree). */
export interface ReplayResult {
  /** 1-based line of the recording. */
  line: number;
  vendor: string;
  request: string;
  operationId?: string;
  recordedStatus: number;
  mockStatus: number;
  differences: Difference[];
}

/** Headers the replaying client sets itself. */
const OWN_HEADERS = new Set(['host', 'content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive', 'accept-encoding']);

/** Reads a `--record` file: one exchange per non-empty line; a line that is not an exchange is an error naming it. */
export async function readRecording(file: string): Promise<Array<{ line: number; exchange: RecordedExchange }>> {
  const text = await readFile(file, 'utf8');
  const out: Array<{ line: number; exchange: RecordedExchange }> = [];
  text.split('\n').forEach((raw, index) => {
    if (!raw.trim()) return;
    let exchange: RecordedExchange;
    try {
      exchange = JSON.parse(raw) as RecordedExchange;
    } catch (error) {
      throw new Error(`${file}:${index + 1}: not JSON (${(error as Error).message})`);
    }
    if (typeof exchange?.vendor !== 'string' || typeof exchange.method !== 'string' || typeof exchange.path !== 'string' || typeof exchange.response?.status !== 'number') {
      throw new Error(`${file}:${index + 1}: not a recorded exchange (vendor, method, path and response.status are needed)`);
    }
    out.push({ line: index + 1, exchange });
  });
  return out;
}

/**
 * Replays recorded requests in order against a fresh in-process mock and compares each answer with the recorded
 * one. Redacted credentials become the mock's own (its fixture's keys; the access token a replayed login got).
 */
export async function replayRecording(entries: Array<{ line: number; exchange: RecordedExchange }>, options: MockOptions = {}): Promise<ReplayResult[]> {
  const mock = await startMock({ logLevel: 'silent', ...options, port: 0, host: '127.0.0.1', proxy: undefined, record: undefined });
  try {
    const credentials = new Map<string, Credentials>();
    const values = new ValueMap();
    const results: ReplayResult[] = [];
    for (const { line, exchange } of entries) {
      const { vendor } = exchange;
      if (!mock.engine.vendorNames.includes(vendor)) throw new Error(`line ${line}: the mock has no vendor ${vendor}`);
      let own = credentials.get(vendor);
      if (!own) credentials.set(vendor, (own = await signIn(vendor, `${mock.url}/${vendor}`)));
      const check = responseChecker(mock.engine.runtime(vendor).routes);
      const sent = toRequest(exchange, own, values);
      const res = await fetch(`${mock.url}/${vendor}${sent.path}`, { method: exchange.method, headers: sent.headers, body: sent.body, redirect: 'manual' });
      const contentType = res.headers.get('content-type');
      const text = await res.text();
      const body = parse(text, contentType);
      rememberToken(own, body);
      const differences: Difference[] = [];
      if (res.status !== exchange.response.status) differences.push({ kind: 'status', path: '$', recorded: String(exchange.response.status), mock: String(res.status) });
      const recordedType = exchange.response.headers['content-type'] ?? null;
      const recordedSchema = check(exchange.method, exchange.path, exchange.response.status, exchange.response.body, recordedType).failures.map((f) => f.message);
      const mockSchema = check(exchange.method, sent.path.split('?')[0]!, res.status, body, contentType).failures.map((f) => f.message);
      if (recordedSchema.length > 0 !== mockSchema.length > 0) {
        differences.push({ kind: 'schema', path: '$', recorded: recordedSchema.join('; ') || 'fits the spec', mock: mockSchema.join('; ') || 'fits the spec' });
      }
      if (res.status === exchange.response.status) differences.push(...compareBodies(exchange.response.body, body, values));
      results.push({ line, vendor, request: `${exchange.method} /${vendor}${exchange.path}`, operationId: exchange.operationId, recordedStatus: exchange.response.status, mockStatus: res.status, differences });
    }
    return results;
  } finally {
    await mock.close();
  }
}

interface Credentials {
  /** Credential variables of the mock (`apiKey`, `clientId`...). */
  variables: Record<string, string>;
  /** Headers that authenticate on the mock. */
  headers: Record<string, string>;
  /** The last access token a replayed login answered, used where the recording's token was redacted. */
  token?: string;
}

async function signIn(vendor: string, base: string): Promise<Credentials> {
  const target = vendorTarget(vendor);
  const variables = target.credentials('mock', {});
  const signed = await target.signIn(base, variables);
  return { variables, headers: signed.headers };
}

function rememberToken(own: Credentials, body: unknown): void {
  const token = (body as { access_token?: unknown } | undefined)?.access_token;
  if (typeof token === 'string') own.token = token;
}

/** The recorded request as the mock should get it: the mock's credentials and ids in place of the recorded ones. */
function toRequest(exchange: RecordedExchange, own: Credentials, values: ValueMap): { path: string; headers: Record<string, string>; body?: string } {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(exchange.query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) query.append(key, item === REDACTED ? credential(own, key) : values.mock(item));
  }
  const search = query.toString();
  const path = values.rewrite(exchange.path) + (search ? `?${search}` : '');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(exchange.headers ?? {})) {
    if (OWN_HEADERS.has(name)) continue;
    headers[name] = value.includes(REDACTED) ? ownHeader(own, name, value) : value;
  }
  let body: string | undefined;
  if (typeof exchange.body === 'string') {
    const form = /x-www-form-urlencoded/i.test(headers['content-type'] ?? '') ? new URLSearchParams(exchange.body) : undefined;
    if (form) for (const [key, value] of [...form]) form.set(key, value === REDACTED ? credential(own, key) : values.mock(value));
    body = form ? form.toString() : exchange.body;
  } else if (exchange.body !== undefined) body = JSON.stringify(withCredentials(values.rewriteJson(exchange.body), own));
  return { path, headers, body };
}

/** `client_secret` → the mock's `clientSecret`. */
function credential(own: Credentials, name: string): string {
  const camel = name.toLowerCase().replace(/[_-](\w)/g, (_, c: string) => c.toUpperCase());
  return own.variables[camel] ?? own.variables[name] ?? REDACTED;
}

function ownHeader(own: Credentials, name: string, recorded: string): string {
  const scheme = recorded.split(/\s/)[0]!;
  if (name === 'authorization' && own.token && scheme !== REDACTED) return `${scheme} ${own.token}`;
  return own.headers[name] ?? recorded;
}

function withCredentials(value: unknown, own: Credentials): unknown {
  if (Array.isArray(value)) return value.map((item) => withCredentials(item, own));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v === REDACTED ? credential(own, k) : withCredentials(v, own)]));
}

function parse(text: string, contentType: string | null): unknown {
  if (!text) return undefined;
  if (!/json/i.test(contentType ?? '')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
