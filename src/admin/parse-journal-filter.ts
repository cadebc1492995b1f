import type { Operation } from '../engine/types.js';
import type { JournalFilter } from './journal.js';

export type ParsedJournalFilter = { ok: true; filter: JournalFilter } | { ok: false; errors: string[] };

const FILTERS = ['vendor', 'operationId', 'status', 'session', 'limit'];

/**
 * Checks GET /__admin/requests' query: a filter nothing could match (`status=abc`, an unknown vendor) or a
 * misspelt one would otherwise answer an empty or unfiltered list that looks like a real answer.
 * A session is any name (one not seen yet is simply empty), so it is not checked.
 */
export function parseJournalFilter(query: Record<string, string | undefined>, operations: ReadonlyMap<string, Operation[]>): ParsedJournalFilter {
  const errors = Object.keys(query).filter((key) => !FILTERS.includes(key)).map((key) => `unknown filter ${key}; filters: ${FILTERS.join(', ')}`);
  const { vendor, operationId, status, session } = query;
  if (vendor !== undefined && !operations.has(vendor)) errors.push(`unknown vendor ${JSON.stringify(vendor)}; served: ${[...operations.keys()].join(', ')}`);
  if (operationId !== undefined) {
    const error = operationIdError(operationId, vendor, operations);
    if (error) errors.push(error);
  }
  // 0 is how the journal records a dropped connection.
  if (status !== undefined && !/^(0|[1-5]\d\d|[1-5]xx)$/i.test(status)) {
    errors.push(`status ${JSON.stringify(status)} is neither a status (429, or 0 for a dropped connection) nor a class (1xx to 5xx)`);
  }
  const limit = query.limit === undefined ? undefined : Number(query.limit);
  if (limit !== undefined && !(query.limit !== '' && Number.isInteger(limit) && limit > 0)) errors.push(`limit ${JSON.stringify(query.limit)} must be a whole number above 0`);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, filter: { vendor, operationId, status, session, limit } };
}

function operationIdError(operationId: string, vendor: string | undefined, operations: ReadonlyMap<string, Operation[]>): string | undefined {
  const has = (name: string) => operations.get(name)?.some((op) => op.operationId === operationId) ?? false;
  if (vendor === undefined) return [...operations.keys()].some(has) ? undefined : `no vendor has operationId ${JSON.stringify(operationId)}`;
  if (!operations.has(vendor) || has(vendor)) return undefined;
  return `${vendor} has no operationId ${JSON.stringify(operationId)}; it has ${operations.get(vendor)!.map((op) => op.operationId).join(', ')}`;
}
