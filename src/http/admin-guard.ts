import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyCors } from './cors.js';

/** `/__admin` as Express routes it: any letter case, then a slash, query or nothing. */
const ADMIN_PATH = /^\/__admin(?:[/?#]|$)/i;
const DASHBOARD_PATH = /^\/__admin\/ui(?:[/?#]|$)/i;
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isAdminPath(url: string): boolean {
  return ADMIN_PATH.test(url);
}

/**
 * The browser-facing guard of the control plane, run before Express sees an admin request. The admin API holds
 * the journal (users' attribute values, emails) and can replace every world, so unlike the vendor mounts it
 * grants no CORS to other origins, and refuses a state-changing call a page on another site sent: a form
 * POST needs no preflight, so a missing CORS grant alone would not stop it. Only `--admin-cors` origins are
 * let in. Admin answers are never cached (they hold journal data), and the dashboard cannot be framed.
 * Returns true when it answered the request itself.
 */
export function guardAdmin(req: IncomingMessage, res: ServerResponse, adminCors: ReadonlySet<string>): boolean {
  const url = req.url ?? '/';
  res.setHeader('cache-control', 'no-store');
  if (DASHBOARD_PATH.test(url)) {
    res.setHeader('content-security-policy', "frame-ancestors 'self'");
    res.setHeader('x-frame-options', 'SAMEORIGIN');
  }
  const origin = req.headers.origin;
  const granted = origin !== undefined && adminCors.has(origin.toLowerCase());
  if (granted && applyCors(req, res)) return true;
  if (READS.has(req.method ?? 'GET')) return false;
  const foreign = origin !== undefined && !granted && !sameOrigin(origin, req.headers.host);
  const site = req.headers['sec-fetch-site'];
  if (foreign || (!granted && (site === 'cross-site' || site === 'same-site'))) {
    const from = origin ?? `a ${site} page`;
    return refuse(res, 403, `attrmock's admin API refuses ${req.method} from ${from}: a web page on another origin may not change the mock. To allow a dashboard or tool on that origin, start with --admin-cors ${origin ?? 'ORIGIN'} (repeatable).`);
  }
  const type = req.headers['content-type'];
  if (type !== undefined && !/^application\/([\w.+-]*\+)?json\s*(;|$)/i.test(type)) {
    return refuse(res, 415, `attrmock's admin API takes application/json, not ${type}`);
  }
  return false;
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === new URL(`${url.protocol}//${host}`).host;
  } catch {
    return false;
  }
}

function refuse(res: ServerResponse, status: number, message: string): true {
  const body = JSON.stringify({ message });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
  return true;
}
