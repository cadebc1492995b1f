import type { Handler } from '../../engine/vendor.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The request fields that name Snag records. */
const ID_FIELDS = new Set(['id', 'body_id', 'websiteUserAttributeId', 'userId', 'userIds', 'websiteId', 'organizationId', 'startingAfter']);

/**
 * Snag keeps its ids in Postgres uuid columns, where any letter case names the same id and answers come in
 * lower case. Taken as sent, `16FD2706-…` would be a second value beside `16fd2706-…`, and an upper-case id of
 * another organization's attribute would slip past the scope check. Values and labels are left as sent.
 */
export function withCanonicalIds<S, P>(handler: Handler<S, P>): Handler<S, P> {
  return (ctx) => handler({ ...ctx, params: canonical(ctx.params), query: canonical(ctx.query), body: canonical(ctx.body) });
}

function canonical<T>(input: T): T {
  if (Array.isArray(input)) return input.map(canonical) as T;
  if (typeof input !== 'object' || input === null) return input;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) out[key] = ID_FIELDS.has(key) ? lowerIds(value) : canonical(value);
  return out as T;
}

function lowerIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerIds);
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : value;
}
