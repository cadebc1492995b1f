import { MockError } from '../../engine/errors.js';

export interface Page<T> {
  data: T[];
  hasNextPage: boolean;
}

/** Cursor pagination as Snag's list endpoints do it: `startingAfter` an item id, at most `limit` items. */
export function paginate<T extends { id: string }>(items: T[], limit: number, startingAfter?: string): Page<T> {
  let start = 0;
  if (startingAfter !== undefined) {
    const index = items.findIndex((item) => item.id === startingAfter);
    if (index < 0) throw new MockError({ kind: 'validation', message: `startingAfter ${startingAfter} is not an item of this list` });
    start = index + 1;
  }
  return { data: items.slice(start, start + limit), hasNextPage: start + limit < items.length };
}
