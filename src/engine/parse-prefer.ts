import type { MockRequest } from './types.js';

export interface Preferences {
  code?: number;
  example?: string;
  dynamic?: boolean;
  /** Set when the header or query asked for something unreadable (e.g. `code=abc`). */
  invalid?: string;
}

const QUERY_KEYS = ['__code', '__example', '__dynamic'] as const;

/**
 * Reads Prism's `Prefer: code=404, example=name, dynamic=true` and the query forms `__code`, `__example`,
 * `__dynamic` (for clients that cannot set headers). The query form wins when both are present.
 */
export function parsePrefer(req: MockRequest): Preferences {
  const pairs = new Map<string, string>();
  const header = req.headers['prefer'];
  if (header) {
    for (const part of header.split(/[,;]/)) {
      const [key, ...rest] = part.split('=');
      if (key && rest.length > 0) pairs.set(key.trim().toLowerCase(), rest.join('=').trim().replace(/^"|"$/g, ''));
    }
  }
  for (const key of QUERY_KEYS) {
    const value = req.query[key];
    if (value !== undefined) pairs.set(key.slice(2), Array.isArray(value) ? value[value.length - 1] ?? '' : value);
  }
  const prefs: Preferences = {};
  const code = pairs.get('code');
  if (code !== undefined) {
    if (/^[1-5]\d\d$/.test(code)) prefs.code = Number(code);
    else prefs.invalid = `code=${code} is not an HTTP status`;
  }
  const example = pairs.get('example');
  if (example) prefs.example = example;
  if (pairs.get('dynamic') === 'true') prefs.dynamic = true;
  return prefs;
}

/** The request as the spec sees it: attrmock's own control parameters removed. */
export function withoutControlQuery(query: MockRequest['query']): MockRequest['query'] {
  if (!QUERY_KEYS.some((key) => key in query)) return query;
  const rest = { ...query };
  for (const key of QUERY_KEYS) delete rest[key];
  return rest;
}

/** True when the request carries any `Prefer` control, header or query form. */
export function asksPrefer(req: MockRequest): boolean {
  return Object.keys(parsePrefer(req)).length > 0;
}
