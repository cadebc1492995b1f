/**
 * Looker's list parameters: `sorts` is comma-separated `field [asc|desc]`; `limit`+`offset` take priority
 * over the deprecated `page`+`per_page` (pages count from 1).
 */
export function sortRecords<T extends Record<string, unknown>>(items: T[], sorts: unknown): T[] {
  if (typeof sorts !== 'string' || sorts.trim() === '') return items;
  const keys = sorts.split(',').map((part) => {
    const [field = '', direction = 'asc'] = part.trim().split(/\s+/);
    return { field, sign: direction.toLowerCase() === 'desc' ? -1 : 1 };
  });
  return [...items].sort((a, b) => {
    for (const { field, sign } of keys) {
      const order = compareValues(a[field], b[field]);
      if (order !== 0) return order * sign;
    }
    return 0;
  });
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  const numeric = typeof a === 'string' && typeof b === 'string' && /^\d+$/.test(a) && /^\d+$/.test(b);
  if (numeric) return Number(a) - Number(b);
  return String(a).localeCompare(String(b));
}

export function pageRecords<T>(items: T[], query: Record<string, unknown>): T[] {
  const limit = asCount(query.limit);
  const offset = asCount(query.offset);
  if (limit !== undefined || offset !== undefined) return items.slice(offset ?? 0, limit === undefined ? undefined : (offset ?? 0) + limit);
  const perPage = asCount(query.per_page);
  const page = asCount(query.page);
  if (perPage === undefined && page === undefined) return items;
  const size = perPage ?? items.length;
  const start = (Math.max(page ?? 1, 1) - 1) * size;
  return items.slice(start, start + size);
}

function asCount(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** The `ids` filter: the records whose id is listed, in the order listed; all when absent. */
export function pickIds<T extends { id: string }>(byId: Map<string, T>, ids: unknown): T[] {
  if (!Array.isArray(ids) || ids.length === 0) return [...byId.values()];
  const out: T[] = [];
  for (const id of new Set(ids.map((v) => String(v).trim()))) {
    const found = byId.get(id);
    if (found) out.push(found);
  }
  return out;
}
