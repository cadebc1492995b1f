import { isDeepStrictEqual } from 'node:util';

const OPERATORS = new Set(['equals', 'matches', 'exists', 'type', 'length', 'contains', 'notContains', 'subset', 'oneOf', 'gte', 'lte']);

/** True when a matcher is an operator object (`{ matches: '^a' }`) rather than a literal to compare. */
export function isOperatorMatcher(matcher: unknown): matcher is Record<string, unknown> {
  if (matcher === null || typeof matcher !== 'object' || Array.isArray(matcher)) return false;
  const keys = Object.keys(matcher);
  return keys.length > 0 && keys.every((key) => OPERATORS.has(key));
}

/**
 * Checks one value against a matcher and answers what is wrong, or [] when it fits. A literal must be deeply
 * equal; operators: equals, matches (regex), exists, type (string|number|integer|boolean|array|object|null),
 * length, contains (an array item that has the given fields, or a substring), notContains, subset (the given
 * fields, recursively), oneOf (one of the listed literals), gte, lte.
 */
export function matchValue(found: boolean, actual: unknown, matcher: unknown): string[] {
  if (!isOperatorMatcher(matcher)) {
    if (!found) return [`expected ${show(matcher)}, but it is absent`];
    return isDeepStrictEqual(actual, matcher) ? [] : [`expected ${show(matcher)}, got ${show(actual)}`];
  }
  if ('exists' in matcher) {
    if (found !== Boolean(matcher.exists)) return [matcher.exists ? 'expected it to be present, but it is absent' : `expected it to be absent, got ${show(actual)}`];
    if (!found) return [];
  }
  if (!found) return [`expected ${show(matcher)}, but it is absent`];
  return Object.entries(matcher).flatMap(([operator, expected]) => applyOperator(operator, actual, expected));
}

function applyOperator(operator: string, actual: unknown, expected: unknown): string[] {
  switch (operator) {
    case 'exists':
      return [];
    case 'equals':
      return isDeepStrictEqual(actual, expected) ? [] : [`expected ${show(expected)}, got ${show(actual)}`];
    case 'matches':
      return typeof actual === 'string' && new RegExp(String(expected)).test(actual) ? [] : [`expected a string matching /${String(expected)}/, got ${show(actual)}`];
    case 'type':
      return typeOf(actual) === expected || (expected === 'number' && typeOf(actual) === 'integer') ? [] : [`expected type ${String(expected)}, got ${typeOf(actual)} ${show(actual)}`];
    case 'length': {
      const length = Array.isArray(actual) || typeof actual === 'string' ? actual.length : undefined;
      return length === expected ? [] : [`expected length ${String(expected)}, got ${length === undefined ? `no length (${typeOf(actual)})` : length}`];
    }
    case 'contains':
      return contains(actual, expected) ? [] : [`expected it to contain ${show(expected)}, got ${show(actual)}`];
    case 'notContains':
      return contains(actual, expected) ? [`expected it not to contain ${show(expected)}, got ${show(actual)}`] : [];
    case 'subset':
      return isSubset(actual, expected) ? [] : [`expected at least ${show(expected)}, got ${show(actual)}`];
    case 'oneOf':
      return Array.isArray(expected) && expected.some((item) => isDeepStrictEqual(item, actual)) ? [] : [`expected one of ${show(expected)}, got ${show(actual)}`];
    case 'gte':
      return typeof actual === 'number' && actual >= Number(expected) ? [] : [`expected a number ≥ ${String(expected)}, got ${show(actual)}`];
    case 'lte':
      return typeof actual === 'number' && actual <= Number(expected) ? [] : [`expected a number ≤ ${String(expected)}, got ${show(actual)}`];
    default:
      return [`unknown matcher ${operator}`];
  }
}

function contains(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'string') return typeof expected === 'string' && actual.includes(expected);
  return Array.isArray(actual) && actual.some((item) => isSubset(item, expected));
}

/** Objects: every expected key is present and fits; arrays: same length, item by item; otherwise equality. */
export function isSubset(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((item, i) => isSubset(actual[i], item));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    return Object.entries(expected).every(([key, value]) => key in actual && isSubset((actual as Record<string, unknown>)[key], value));
  }
  return isDeepStrictEqual(actual, expected);
}

export function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isInteger(value)) return 'integer';
  return typeof value;
}

/** A short rendering of a value for a message. */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}
