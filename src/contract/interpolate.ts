import { randomUUID } from 'node:crypto';

/**
 * The variables a scenario has: values, and names that exist but have no value here (a step that would have
 * captured them was skipped, or a real vendor needs an environment variable that is unset) with the reason.
 */
export interface Variables {
  values: Map<string, unknown>;
  unavailable: Map<string, string>;
}

export type Interpolated<T> = { ok: true; value: T } | { ok: false; kind: 'unavailable' | 'unknown'; name: string; reason: string };

const WHOLE = /^\$\{([^}]+)\}$/;
const ANY = /\$\{([^}]+)\}/g;

class Missing extends Error {
  constructor(
    readonly kind: 'unavailable' | 'unknown',
    readonly variable: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * Replaces `${name}` in every string of a value. A string that is exactly one reference takes the variable's
 * own type (`limit: ${pageSize}` stays a number); references inside longer strings are stringified.
 * Built-ins: `${$uuid}` (a fresh v4 uuid each time). Example: `interpolate('/users/${userId}', vars)`.
 */
export function interpolate<T>(value: T, variables: Variables): Interpolated<T> {
  try {
    return { ok: true, value: walk(value, variables) as T };
  } catch (error) {
    if (error instanceof Missing) return { ok: false, kind: error.kind, name: error.variable, reason: error.reason };
    throw error;
  }
}

function walk(value: unknown, variables: Variables): unknown {
  if (typeof value === 'string') return replace(value, variables);
  if (Array.isArray(value)) return value.map((item) => walk(item, variables));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [replace(key, variables), walk(item, variables)]));
  }
  return value;
}

function replace(text: string, variables: Variables): unknown {
  const whole = WHOLE.exec(text);
  if (whole) return lookup(whole[1]!.trim(), variables);
  return text.replace(ANY, (_match, name: string) => {
    const found = lookup(name.trim(), variables);
    return typeof found === 'string' ? found : JSON.stringify(found);
  });
}

function lookup(name: string, variables: Variables): unknown {
  if (name === '$uuid') return randomUUID();
  if (variables.values.has(name)) return variables.values.get(name);
  const reason = variables.unavailable.get(name);
  if (reason !== undefined) throw new Missing('unavailable', name, reason);
  throw new Missing('unknown', name, `variable ${name} is not defined (not in the suite's variables nor captured by an earlier step)`);
}
