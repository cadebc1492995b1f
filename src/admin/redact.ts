export const REDACTED = '[REDACTED]';

/** Credential names, compared without case, `-`, `_` or `.` (`x-api-key`, `clientSecret`, `private_token`). */
const SECRET_NAMES = new Set([
  'authorization', 'proxyauthorization', 'cookie', 'setcookie', 'auth', 'key', 'secret', 'password', 'passwd',
  'apikey', 'xapikey', 'clientid', 'clientsecret', 'xattrmockadmintoken',
]);
/** Any name ending so holds a credential: `accessToken`, `api-token`, `X-Lightdash-Token`, `x-auth-token`, `csrf_token`. */
const SECRET_ENDING = /(token|secret|password|passwd|apikey)$/;
/** Names repeat (the same few headers on every request); the cache keeps the check off the request's CPU. */
const verdicts = new Map<string, boolean>();

/**
 * True for a header, query or body field name whose value is a credential. A bracketed name
 * (`client_secret[]`, `user[password]`) is a secret when any part of it is.
 */
export function isSecretName(name: string): boolean {
  let verdict = verdicts.get(name);
  if (verdict === undefined) {
    verdict = name.split(/[[\]]/).some((part) => {
      const plain = part.toLowerCase().replace(/[-_.\s]/g, '');
      return plain !== '' && (SECRET_NAMES.has(plain) || SECRET_ENDING.test(plain));
    });
    if (verdicts.size > 4096) verdicts.clear();
    verdicts.set(name, verdict);
  }
  return verdict;
}

/** Copies headers with credential values replaced; the scheme of an Authorization header is kept (`Bearer [REDACTED]`). */
export function redactHeaders(headers: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (!isSecretName(name)) out[name] = value;
    else out[name] = /^(proxy-)?authorization$/i.test(name) && /^\S+\s/.test(value) ? `${value.split(/\s/)[0]} ${REDACTED}` : REDACTED;
  }
  return out;
}

/** A body as the journal holds it: redacted text, at most the limit, and whether it is whole JSON. */
export interface KeptBody {
  text: string;
  json: boolean;
}

/**
 * The body as the journal keeps it: a string, never the parsed tree (1,000 64 KiB JSON bodies kept as objects
 * took 1.5 GiB), with credential fields replaced at any depth, cut to `limit` characters. `secretFields` are
 * field names the vendor says hold secrets in this request (a Looker hidden attribute's `value`).
 */
export function keepBody(raw: Buffer | undefined, contentType: string | undefined, limit: number, secretFields: readonly string[] = []): KeptBody | undefined {
  if (!raw || raw.length === 0) return undefined;
  const isSecret = secretFields.length === 0 ? isSecretName : (name: string) => isSecretName(name) || secretFields.includes(name);
  const text = raw.toString('utf8', 0, Math.min(raw.length, limit * 4));
  if (/json/i.test(contentType ?? '') && raw.length <= limit * 4) {
    try {
      return cut(JSON.stringify(redactJson(JSON.parse(text), isSecret)), limit, true);
    } catch {
      /* not JSON after all: keep the text, which the client really sent */
    }
  }
  if (/x-www-form-urlencoded/i.test(contentType ?? '')) {
    const form = new URLSearchParams(text);
    for (const key of new Set(form.keys())) if (isSecret(key)) form.set(key, REDACTED);
    return cut(form.toString(), limit, false);
  }
  return cut(redactText(text, isSecret), limit, false);
}

/** The body as the journal answers it: JSON as JSON, anything else (or JSON cut short) as text. */
export function redactBody(raw: Buffer | undefined, contentType: string | undefined, limit: number, secretFields?: readonly string[]): unknown {
  const kept = keepBody(raw, contentType, limit, secretFields);
  return kept === undefined ? undefined : kept.json ? JSON.parse(kept.text) : kept.text;
}

function cut(text: string, limit: number, json: boolean): KeptBody {
  return text.length > limit ? { text: `${text.slice(0, limit)}…`, json: false } : { text, json };
}

/** `"name": "value"` (closed or not) and `name=value` pairs, as malformed JSON and mislabelled forms carry them. */
const JSON_PAIR = /"((?:[^"\\]|\\.){1,64})"(\s*:\s*)"(?:[^"\\]|\\.)*"?/g;
const FORM_PAIR = /(^|[&?;,\s])([\w.[\]-]{1,64})=([^&\s]*)/g;
/** A multipart part: its `name`, its other header lines, a blank line, then its value up to the next boundary. */
const MULTIPART_PART = /(\bname="([^"\r\n]{1,128})"[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n)([\s\S]*?)(?=\r?\n--|$)/gi;

/**
 * A body kept as text (multipart, or not what its content type says) still hides credentials: the journal
 * exists to show malformed requests, and a malformed login or key is still a credential.
 */
function redactText(text: string, isSecret: (name: string) => boolean): string {
  return text
    .replace(MULTIPART_PART, (part, head: string, name: string) => (isSecret(name) ? `${head}${REDACTED}` : part))
    .replace(JSON_PAIR, (pair, name: string, colon: string) => (isSecret(name) ? `"${name}"${colon}"${REDACTED}"` : pair))
    .replace(FORM_PAIR, (pair, lead: string, name: string) => (isSecret(name) ? `${lead}${name}=${REDACTED}` : pair));
}

function redactJson(value: unknown, isSecret: (name: string) => boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => redactJson(item, isSecret));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = isSecret(key) ? REDACTED : redactJson(item, isSecret);
  return out;
}
