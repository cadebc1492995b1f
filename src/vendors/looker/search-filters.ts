/**
 * Looker's search parameters, as its search operations describe them: string filters are case-insensitive
 * SQL LIKE patterns (`%` any run, `_` one character, `\` escapes either), `IS NULL` / `NOT NULL` test for a
 * missing value, integer filters take a comma list (any may match), booleans only `true`/`false`. Several
 * filters are ANDed, or ORed with `filter_or=true`.
 */
export type Filter<T> = (record: T) => boolean;

/** `dan%` matches "danger" and "Danzig", `D_m%` "Damage" and "dump". */
export function likeFilter<T>(pattern: string, read: (record: T) => string | null | undefined): Filter<T> {
  const special = pattern.trim().toUpperCase();
  if (special === 'IS NULL') return (record) => isBlank(read(record));
  if (special === 'NOT NULL') return (record) => !isBlank(read(record));
  const regex = likeToRegExp(pattern);
  return (record) => {
    const value = read(record);
    return value !== null && value !== undefined && regex.test(value);
  };
}

export function likeToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]!);
    else if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += escapeRegExp(ch);
  }
  return new RegExp(`^${source}$`, 'i');
}

/** `1,2,3` matches any of them; blanks are passed over. */
export function idListFilter<T>(list: string, read: (record: T) => string | null | undefined): Filter<T> {
  const special = list.trim().toUpperCase();
  if (special === 'IS NULL' || special === 'NOT NULL') return likeFilter(list, read);
  const wanted = new Set(list.split(',').map((id) => id.trim()).filter((id) => id !== ''));
  return (record) => wanted.has(String(read(record) ?? ''));
}

export function booleanFilter<T>(wanted: boolean, read: (record: T) => boolean): Filter<T> {
  return (record) => read(record) === wanted;
}

/** All filters must match, or any with `filter_or`; no filters match everything. */
export function combineFilters<T>(filters: Array<Filter<T>>, filterOr: boolean): Filter<T> {
  if (filters.length === 0) return () => true;
  return filterOr ? (record) => filters.some((f) => f(record)) : (record) => filters.every((f) => f(record));
}

function isBlank(value: string | null | undefined): boolean {
  return value === null || value === undefined || value === '';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
