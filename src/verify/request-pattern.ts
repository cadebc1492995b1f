import type { Operation } from '../engine/types.js';

/** What a verification or a journal query matches; every field given must match. */
export interface RequestFilter {
  vendor?: string;
  operationId?: string;
  /** Any letter case. */
  method?: string;
  /**
   * The path as the client sent it below the mock's mount, vendor included and no query
   * (`/snag/api/website_user_attributes/values`), or the spec template (`/looker/api/4.0/users/{user_id}`), or a RegExp.
   */
  path?: string | RegExp;
  /** The `x-attrmock-session` the request carried (`default` without one). */
  session?: string;
  /** An exact status (`429`; `0` for a dropped connection) or a class (`'4xx'`). */
  status?: number | string;
  /**
   * Matched as `toMatchObject` matches: objects may carry more fields than given, arrays must have as many items;
   * asymmetric matchers (`expect.any(String)`, `expect.objectContaining(...)`) work inside. A string matches the raw text.
   * Credential fields were stored as `[REDACTED]` and match only that.
   */
  body?: unknown;
}

export interface RequestPattern extends RequestFilter {
  /** Exactly this many matching requests (0: none). Without it: at least one. */
  times?: number;
}

const FIELDS = ['vendor', 'operationId', 'method', 'path', 'session', 'status', 'body', 'times'];

/**
 * Refuses a pattern nothing could match (a misspelt operationId, an unknown vendor or field), which would
 * otherwise "verify" that a request never came, or fail with a report that hides the typo.
 */
export function checkPattern(pattern: RequestPattern, operations: ReadonlyMap<string, Operation[]>): void {
  if (typeof pattern !== 'object' || pattern === null) throw new TypeError('attrmock: a request pattern is an object, e.g. { operationId: "me" }');
  const errors = Object.keys(pattern).filter((key) => !FIELDS.includes(key)).map((key) => `unknown field ${key} (fields: ${FIELDS.join(', ')})`);
  const { vendor, operationId, path, status, times } = pattern;
  if (vendor !== undefined && !operations.has(vendor)) errors.push(`unknown vendor ${vendor}; served: ${[...operations.keys()].join(', ')}`);
  if (operationId !== undefined) {
    const ids = [...operations].filter(([name]) => vendor === undefined || name === vendor).flatMap(([, ops]) => ops.map((op) => op.operationId));
    if (!ids.includes(operationId)) errors.push(`no ${vendor ?? 'vendor'} operation ${operationId}${suggest(operationId, ids)}`);
  }
  if (typeof path === 'string' && path.includes('?')) errors.push(`path ${path} has a query; paths are matched without it`);
  if (status !== undefined && !(Number.isInteger(status) || /^[1-5]xx$/i.test(String(status)) || /^\d{1,3}$/.test(String(status)))) errors.push(`status ${String(status)} is neither a status (429) nor a class ('4xx')`);
  if (times !== undefined && !(Number.isInteger(times) && times >= 0)) errors.push(`times must be a whole number, 0 or more`);
  if (errors.length > 0) throw new TypeError(`attrmock: ${errors.join('; ')}`);
}

/** Operation ids that differ from `wanted` by a few letters at one end or by letter case, as a hint for a typo. */
function suggest(wanted: string, ids: string[]): string {
  const lower = wanted.toLowerCase();
  const near = (id: string) => Math.abs(id.length - wanted.length) <= 3 && (id.toLowerCase().includes(lower) || lower.includes(id.toLowerCase()));
  const close = ids.filter(near).slice(0, 3);
  return close.length > 0 ? `; did you mean ${close.join(', ')}?` : '';
}
