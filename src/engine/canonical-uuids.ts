import type { Handler } from './vendor.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * For vendors that keep ids in Postgres uuid columns, where any letter case names the same id and answers come
 * in lower case: the handler gets the request's uuids in the named fields (path, query or body, at any depth)
 * lower-cased. Taken as sent, `16FD2706-…` would be a second record beside `16fd2706-…`, and an upper-case id
 * of another tenant's record could slip past a scope check. Other fields (values, labels) are left as sent.
 */
export function withCanonicalUuids<S, P>(fields: ReadonlySet<string>, handler: Handler<S, P>): Handler<S, P> {
  const canonical = <T>(input: T): T => {
    if (Array.isArray(input)) return input.map(canonical) as T;
    if (typeof input !== 'object' || input === null) return input;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input)) out[key] = fields.has(key) ? lowerUuids(value) : canonical(value);
    return out as T;
  };
  return (ctx) => handler({ ...ctx, params: canonical(ctx.params), query: canonical(ctx.query), body: canonical(ctx.body) });
}

function lowerUuids(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerUuids);
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : value;
}
