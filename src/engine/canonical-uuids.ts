import type { Handler } from './vendor.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UPPER_HEX = /[A-F]/;

/**
 * For vendors that keep ids in Postgres uuid columns, where any letter case names the same id and answers come
 * in lower case: the handler gets the request's uuids in the named fields (path, query or body, at any depth)
 * lower-cased. Taken as sent, `16FD2706-…` would be a second record beside `16fd2706-…`, and an upper-case id
 * of another tenant's record could slip past a scope check. Other fields (values, labels) are left as sent.
 * Nothing is copied unless an id changes: this runs on every request.
 */
export function withCanonicalUuids<S, P>(fields: ReadonlySet<string>, handler: Handler<S, P>): Handler<S, P> {
  const canonical = <T>(input: T): T => {
    if (typeof input !== 'object' || input === null) return input;
    if (Array.isArray(input)) return mapChanged(input, canonical) as T;
    let out: Record<string, unknown> | undefined;
    for (const key of Object.keys(input)) {
      const value = (input as Record<string, unknown>)[key];
      const next = fields.has(key) ? lowerUuids(value) : canonical(value);
      // defineProperty, not assignment: a body may carry `__proto__` as an own key, which `=` would turn into a prototype.
      if (next !== value) Object.defineProperty((out ??= { ...(input as Record<string, unknown>) }), key, { value: next, enumerable: true, writable: true, configurable: true });
    }
    return (out ?? input) as T;
  };
  return (ctx) => {
    const params = canonical(ctx.params);
    const query = canonical(ctx.query);
    const body = canonical(ctx.body);
    return handler(params === ctx.params && query === ctx.query && body === ctx.body ? ctx : { ...ctx, params, query, body });
  };
}

function lowerUuids(value: unknown): unknown {
  if (Array.isArray(value)) return mapChanged(value, lowerUuids);
  return typeof value === 'string' && UPPER_HEX.test(value) && UUID.test(value) ? value.toLowerCase() : value;
}

/** `items.map(f)`, or `items` itself when f changed none of them. */
function mapChanged(items: unknown[], f: (item: unknown) => unknown): unknown[] {
  let out: unknown[] | undefined;
  items.forEach((item, i) => {
    const next = f(item);
    if (next !== item) (out ??= [...items])[i] = next;
  });
  return out ?? items;
}
