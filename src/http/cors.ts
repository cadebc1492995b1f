import type { IncomingMessage, ServerResponse } from 'node:http';

const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';
/** What a browser app reads of an answer beyond the CORS-safelisted headers: Snag's and Looker's 429s, a 405's Allow. */
const EXPOSED_HEADERS = 'Retry-After, Allow, Content-Length';

/**
 * Lets a browser app on another origin call the mock, as Prism does by default: an answer to a request with
 * an `Origin` names that origin as allowed (credentials too, since the vendors authenticate by header and an
 * app may send cookies), and a preflight is answered here, before any vendor sees it: no vendor spec documents
 * OPTIONS. Requests without `Origin` (servers, SDKs, curl) get nothing added. Returns true when it answered
 * the request itself (a preflight).
 */
export function applyCors(req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('access-control-allow-credentials', 'true');
  res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
  res.setHeader('vary', 'Origin');
  if (req.method !== 'OPTIONS' || req.headers['access-control-request-method'] === undefined) return false;
  res.writeHead(204, {
    'access-control-allow-methods': ALLOWED_METHODS,
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '',
    'access-control-max-age': '600',
  });
  res.end();
  return true;
}
