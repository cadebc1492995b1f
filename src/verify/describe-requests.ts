import type { JournalEntry } from '../admin/journal.js';
import type { Difference } from './match-request.js';
import type { RequestFilter, RequestPattern } from './request-pattern.js';

/** Requests listed in a report before "... and N more". */
const LISTED = 10;

export interface Scored {
  entry: JournalEntry;
  differences: Difference[];
}

/** `{ operationId: "me", body: {"value":"gold"} }`, for the first line of a report. */
export function describePattern(pattern: RequestFilter): string {
  const fields = Object.entries(pattern)
    .filter(([key, value]) => key !== 'times' && value !== undefined)
    .map(([key, value]) => `${key}: ${value instanceof RegExp ? String(value) : stringify(value)}`);
  return fields.length > 0 ? `{ ${fields.join(', ')} }` : 'anything';
}

/** `exactly 2 requests` / `at least one request` / `no request` */
export function describeTimes(pattern: RequestPattern): string {
  if (pattern.times === undefined) return 'at least one request';
  if (pattern.times === 0) return 'no request';
  return `exactly ${pattern.times} request${pattern.times === 1 ? '' : 's'}`;
}

/** One line per request: `#4 POST /snag/api/x → 400 createX (session default)`, then why it did not match. */
export function describeEntries(scored: Scored[]): string {
  const lines = scored.slice(0, LISTED).flatMap(({ entry, differences }) => [
    `  #${entry.id} ${entry.method} ${entry.path} → ${entry.status === 0 ? 'dropped' : entry.status} ${entry.operationId ?? '(no operation)'} (session ${entry.session})`,
    ...differences.map((difference) => `      ${difference.text}`),
  ]);
  if (scored.length > LISTED) lines.push(`  ... and ${scored.length - LISTED} more`);
  return lines.join('\n');
}

/** Nearest first (smallest summed weight), newest first among equals. */
export function nearestFirst(scored: Scored[]): Scored[] {
  const weight = (s: Scored) => s.differences.reduce((sum, d) => sum + d.weight, 0);
  return [...scored].sort((a, b) => weight(a) - weight(b) || b.entry.id - a.entry.id);
}

/** JSON with asymmetric matchers shown as themselves (`StringContaining "x"`) rather than as their fields. */
function stringify(value: unknown): string {
  const text = JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'object' && item !== null && typeof (item as { asymmetricMatch?: unknown }).asymmetricMatch === 'function' ? `<${String(item)}>` : item,
  );
  if (text === undefined) return String(value);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
