import { MockError } from './errors.js';
import type { Operation } from './types.js';
import type { BodyPolicy } from './vendor.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');
// `__proto__` is the only key whose assignment rewires a prototype; `constructor`/`prototype` stay plain data.
const POLLUTING_KEYS = new Set(['__proto__']);
/**
 * No vendor body nests more than a few levels. Deeper JSON parses, but every recursive walk after it (error
 * formatters echoing the body, JSON.stringify) overflows the stack, so it is refused as malformed up front.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Parses a request body by its content type. JSON is also assumed when no content type is sent, since
 * vendor SDKs and curl users often omit it. Keys that could reach an object prototype are refused here,
 * once, so no handler or store can be polluted through them.
 */
export function parseBody(op: Operation, contentType: string | undefined, raw: Buffer | undefined, policy: BodyPolicy = {}): unknown {
  if (!raw || raw.length === 0) return undefined;
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (policy.jsonOnlyByContentType && type !== 'application/json' && type !== 'application/x-www-form-urlencoded') return {};
  const text = policy.replaceInvalidUtf8 ? lenientUtf8.decode(raw) : decode(raw);
  const ownProto = policy.protoKeysAsData === true;
  if (type === 'application/x-www-form-urlencoded') return parseForm(text, ownProto);
  if (type === '' || type === 'application/json' || type.endsWith('+json')) return parseJson(text, ownProto);
  const declared = op.requestBody?.contentTypes ?? [];
  throw new MockError({
    kind: 'unsupported_media_type',
    message: `Content-Type ${type} is not accepted${declared.length ? `; send ${declared.join(' or ')}` : ''}`,
  });
}

function decode(raw: Buffer): string {
  try {
    return utf8.decode(raw);
  } catch {
    throw new MockError({ kind: 'malformed_body', message: 'Request body is not valid UTF-8' });
  }
}

function parseJson(text: string, ownProto: boolean): unknown {
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw new MockError({ kind: 'malformed_body', message: `Request body nests deeper than ${MAX_JSON_DEPTH} levels` });
  }
  try {
    // JSON.parse defines `__proto__` as an own data key (CreateDataProperty), so it is safe to keep as data.
    return !ownProto && mayPollute(text) ? JSON.parse(text, refusePollutingKeys) : JSON.parse(text);
  } catch (error) {
    if (error instanceof MockError) throw error;
    throw new MockError({ kind: 'malformed_body', message: `Request body is not valid JSON: ${(error as Error).message}` });
  }
}

/** Counts open brackets outside strings; linear, and skipped for texts too short to nest that deep. */
function nestsDeeperThan(text: string, limit: number): boolean {
  if (text.length <= limit * 2) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

function mayPollute(text: string): boolean {
  return text.includes('__proto__') || text.includes('\\u');
}

function refusePollutingKeys(key: string, value: unknown): unknown {
  if (POLLUTING_KEYS.has(key)) {
    throw new MockError({ kind: 'malformed_body', message: `Request body uses the reserved key "${key}"` });
  }
  return value;
}

function parseForm(text: string, ownProto: boolean): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of new URLSearchParams(text)) {
    if (!ownProto && POLLUTING_KEYS.has(key)) throw new MockError({ kind: 'malformed_body', message: `Form field "${key}" is reserved` });
    out[key] = value;
  }
  // Spreading defines each key as an own data property, `__proto__` included; it never sets a prototype.
  return { ...out };
}
