import { matchValue } from './match-value.js';
import { readPath } from './read-path.js';
import type { CheckFailure, StepExpectation } from './types.js';

export interface ObservedResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text when the body is not JSON; undefined when empty. */
  body: unknown;
}

/** What a step's expectations can check: all of them, or only the status (Prism answers from the spec alone). */
export type ExpectationScope = 'all' | 'status';

/** Checks a response against a step's expectations; each failure names the check and the path. */
export function matchExpectation(expect: StepExpectation, response: ObservedResponse, scope: ExpectationScope = 'all'): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const statuses = Array.isArray(expect.status) ? expect.status : [expect.status];
  if (!statuses.includes(response.status)) {
    failures.push({ check: 'status', message: `expected status ${statuses.join(' or ')}, got ${response.status}${excerpt(response.body)}` });
    return failures;
  }
  if (scope === 'status') return failures;
  for (const [path, matcher] of Object.entries(expect.body ?? {})) {
    const read = readPath(response.body, path);
    for (const message of matchValue(read.found, read.found ? read.value : undefined, matcher)) {
      failures.push({ check: 'body', message: `body ${path}: ${message}` });
    }
  }
  for (const [name, matcher] of Object.entries(expect.headers ?? {})) {
    const value = response.headers.get(name);
    for (const message of matchValue(value !== null, value ?? undefined, matcher)) {
      failures.push({ check: 'header', message: `header ${name.toLowerCase()}: ${message}` });
    }
  }
  return failures;
}

/** A wrong status is easier to act on with the body that came with it. */
function excerpt(body: unknown): string {
  if (body === undefined || body === '') return '';
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return ` (body: ${text.length > 300 ? `${text.slice(0, 297)}...` : text})`;
}
