import type { JournalEntry } from '../admin/journal.js';
import type { Operation } from '../engine/types.js';
import { entryBody } from './entry-body.js';
import { bodyDifference } from './match-body.js';
import type { RequestFilter } from './request-pattern.js';

/** One way a received request departs from a pattern; `weight` ranks near misses (smaller is nearer). */
export interface Difference {
  weight: number;
  text: string;
}

/** Finds an operation of the compiled table by vendor and id. */
export type OperationLookup = (vendor: string | undefined, operationId: string | undefined) => Operation | undefined;

/**
 * How a journal entry departs from a filter, field by field; empty when it matches. The weights put the near
 * misses a test author most likely meant first: the same request with another body or status, then another
 * session (a forgotten header), then the same path with another method, then anything else of the vendor.
 */
export function differences(entry: JournalEntry, filter: RequestFilter, lookup: OperationLookup): Difference[] {
  const out: Difference[] = [];
  if (filter.vendor !== undefined && entry.vendor !== filter.vendor) out.push({ weight: 16, text: `vendor: expected ${filter.vendor}, received ${entry.vendor}` });
  if (filter.operationId !== undefined && entry.operationId !== filter.operationId) {
    const wanted = lookup(filter.vendor ?? entry.vendor, filter.operationId);
    const samePath = wanted !== undefined && wanted.pathTemplate === lookup(entry.vendor, entry.operationId)?.pathTemplate;
    const received = entry.operationId ?? 'no operation (the path or method is not in the spec)';
    out.push({ weight: samePath ? 4 : 8, text: `operationId: expected ${filter.operationId}, received ${received}${samePath ? ' (same path, other method)' : ''}` });
  }
  if (filter.method !== undefined && entry.method !== filter.method.toUpperCase()) out.push({ weight: 4, text: `method: expected ${filter.method.toUpperCase()}, received ${entry.method}` });
  if (filter.path !== undefined && !pathMatches(filter.path, entry, lookup)) out.push({ weight: 8, text: `path: expected ${String(filter.path)}, received ${entry.path}` });
  if (filter.session !== undefined && entry.session !== filter.session) out.push({ weight: 2, text: `session: expected ${filter.session}, received ${entry.session}` });
  if (filter.status !== undefined && !statusMatches(filter.status, entry.status)) out.push({ weight: 1, text: `status: expected ${filter.status}, received ${entry.status}` });
  if (filter.body !== undefined) {
    const actual = typeof filter.body === 'string' && typeof entry.body === 'string' ? entry.body : entryBody(entry);
    const difference = bodyDifference(filter.body, actual);
    if (difference) out.push({ weight: 1, text: difference });
  }
  return out;
}

function pathMatches(path: string | RegExp, entry: JournalEntry, lookup: OperationLookup): boolean {
  if (path instanceof RegExp) return path.test(entry.path);
  if (path === entry.path) return true;
  const op = lookup(entry.vendor, entry.operationId);
  return op !== undefined && path === `/${entry.vendor}${op.pathTemplate}`;
}

function statusMatches(wanted: number | string, status: number): boolean {
  const range = /^([1-5])xx$/i.exec(String(wanted));
  return range ? Math.floor(status / 100) === Number(range[1]) : Number(wanted) === status;
}
