import { lightdashErrors } from './lightdash-errors.js';

export interface Paginated<T> {
  data: T[];
  pagination?: { page: number; pageSize: number; totalResults: number; totalPageCount: number };
}

/**
 * KnexPaginate.paginate as the organization controller calls it: pagination applies only when both page and
 * pageSize are truthy (0 counts as absent); then a value below 1 is a PaginationError, and the page-th slice
 * comes back with its totals. Without it, every row and no `pagination` key.
 */
export function knexPaginate<T>(rows: T[], page: unknown, pageSize: unknown): Paginated<T> {
  if (!(typeof page === 'number' && page && typeof pageSize === 'number' && pageSize)) return { data: rows };
  if (page < 1) throw lightdashErrors.pagination('page should be greater than 0');
  if (pageSize < 1) throw lightdashErrors.pagination('pageSize should be greater than 0');
  const offset = Math.floor((page - 1) * pageSize);
  const data = rows.slice(offset, offset + Math.floor(pageSize));
  const totalResults = rows.length;
  return { data, pagination: { page, pageSize, totalResults, totalPageCount: Math.ceil(totalResults / pageSize) } };
}
