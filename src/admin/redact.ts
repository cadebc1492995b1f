export const REDACTED = '[REDACTED]';

/** Header, query and body field names whose values are credentials. */
const SECRET_NAME = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-attrmock-admin-token|client_secret|client_id|access_token|refresh_token|id_token|token|api_key|apikey|password|secret|key)$/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Copies headers with credential values replaced; the scheme of an Authorization header is kept (`Bearer [REDACTED]`). */
export function redactHeaders(headers: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (!isSecretName(name)) out[name] = value;
    else out[name] = /^authorization$/i.test(name) && /^\S+\s/.test(value) ? `${value.split(/\s/)[0]} ${REDACTED}` : REDACTED;
  }
  return out;
}

/**
 * The body as the journal keeps it: JSON with credential fields replaced at any depth, form bodies with
 * credential fields replaced, anything else as text (cut to `limit` characters).
 */
export function redactBody(raw: Buffer | undefined, contentType: string | undefined, limit: number): unknown {
  if (!raw || raw.length === 0) return undefined;
  const text = raw.toString('utf8', 0, Math.min(raw.length, limit * 4));
  if (/json/i.test(contentType ?? '')) {
    try {
      return redactJson(JSON.parse(text));
    } catch {
      /* not JSON after all: keep the text, which the client really sent */
    }
  }
  if (/x-www-form-urlencoded/i.test(contentType ?? '')) {
    const form = new URLSearchParams(text);
    for (const key of new Set(form.keys())) if (isSecretName(key)) form.set(key, REDACTED);
    return form.toString();
  }
  const masked = redactText(text);
  return masked.length > limit ? `${masked.slice(0, limit)}…` : masked;
}

/** `"name": "value"` (closed or not) and `name=value` pairs, as malformed JSON and mislabelled forms carry them. */
const JSON_PAIR = /"((?:[^"\\]|\\.){1,64})"(\s*:\s*)"(?:[^"\\]|\\.)*"?/g;
const FORM_PAIR = /(^|[&?;,\s])([\w.-]{1,64})=([^&\s]*)/g;

/**
 * A body kept as text (it did not parse as its content type says) still hides credentials: the journal
 * exists to show malformed requests, and a malformed login or key is still a credential.
 */
function redactText(text: string): string {
  return text
    .replace(JSON_PAIR, (pair, name: string, colon: string) => (isSecretName(name) ? `"${name}"${colon}"${REDACTED}"` : pair))
    .replace(FORM_PAIR, (pair, lead: string, name: string) => (isSecretName(name) ? `${lead}${name}=${REDACTED}` : pair));
}

function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = isSecretName(key) ? REDACTED : redactJson(item);
  return out;
}
