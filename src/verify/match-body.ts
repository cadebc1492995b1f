/** The jest/vitest asymmetric matcher protocol (`expect.any(String)` and friends), duck-typed to need neither. */
interface AsymmetricMatcher {
  asymmetricMatch(other: unknown): boolean;
  toString(): string;
}

function isAsymmetric(value: unknown): value is AsymmetricMatcher {
  return typeof value === 'object' && value !== null && typeof (value as AsymmetricMatcher).asymmetricMatch === 'function';
}

/**
 * Where `actual` first departs from `expected`, as `toMatchObject` compares (objects may have more fields,
 * arrays the same number of items), e.g. `body.data[0].value: expected "gold", received "silver"`;
 * undefined when it matches.
 */
export function bodyDifference(expected: unknown, actual: unknown, at = 'body'): string | undefined {
  if (isAsymmetric(expected)) return expected.asymmetricMatch(actual) ? undefined : `${at}: expected ${describeMatcher(expected)}, received ${show(actual)}`;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${at}: expected an array, received ${show(actual)}`;
    if (actual.length !== expected.length) return `${at}: expected ${expected.length} items, received ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const difference = bodyDifference(expected[i], actual[i], `${at}[${i}]`);
      if (difference) return difference;
    }
    return undefined;
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return `${at}: expected an object, received ${show(actual)}`;
    for (const [key, value] of Object.entries(expected)) {
      const where = /^[A-Za-z_$][\w$]*$/.test(key) ? `${at}.${key}` : `${at}[${JSON.stringify(key)}]`;
      if (!Object.hasOwn(actual, key) && value !== undefined) return `${where}: missing`;
      const difference = bodyDifference(value, (actual as Record<string, unknown>)[key], where);
      if (difference) return difference;
    }
    return undefined;
  }
  return Object.is(expected, actual) ? undefined : `${at}: expected ${show(expected)}, received ${show(actual)}`;
}

function describeMatcher(matcher: AsymmetricMatcher): string {
  const text = matcher.toString();
  return text === '[object Object]' ? 'a custom matcher' : text;
}

/** A value short enough for one line of a report. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
