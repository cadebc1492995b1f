import type { IncomingMessage } from 'node:http';

/**
 * True when something in front (express.json(), express.urlencoded(), any body parser) already read the request
 * stream: its bytes are gone and only the parsed `req.body` is left. body-parser marks `_body`; the stream
 * having ended covers other readers.
 */
export function bodyAlreadyRead(req: IncomingMessage): boolean {
  return (req as { _body?: boolean })._body === true || req.readableEnded;
}

/**
 * The bytes a client most likely sent, rebuilt from what the app's parser made of them: JSON written back as
 * JSON, a form as a form, text and raw bodies as they are. The rebuilt body is no longer compressed, whatever
 * `content-encoding` said (body-parser inflates). A body the app's parser refused never gets here: the app's
 * own error handler answered it, so mount the middleware before the parsers for the vendors' error bodies.
 */
export function bodyFromAppParser(req: IncomingMessage & { body?: unknown }): Buffer | undefined {
  const { body } = req;
  // Express 4's parsers leave `{}` on requests they did not parse, which need not have had a body at all.
  if (!hasBody(req)) return undefined;
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (typeof body !== 'object' || body === null) return undefined;
  if (/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '')) return Buffer.from(formText(body as Record<string, unknown>), 'utf8');
  return Buffer.from(JSON.stringify(body), 'utf8');
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** A parsed form back to `a=1&b=2&b=3`, nested fields (qs's `a[b]=1`) in brackets. */
function formText(fields: Record<string, unknown>): string {
  const params = new URLSearchParams();
  const add = (name: string, value: unknown): void => {
    if (Array.isArray(value)) value.forEach((item) => add(name, item));
    else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) add(`${name}[${key}]`, item);
    else params.append(name, String(value));
  };
  for (const [name, value] of Object.entries(fields)) add(name, value);
  return params.toString();
}
