import { REDACTED } from '../admin/redact.js';

/** One way the mock's answer differs from the recorded one. */
export interface Difference {
  /** `status`, `schema`, `missing`, `extra`, `type` or `consistency`. */
  kind: string;
  /** JSON path in the body (`$` for the answer as a whole). */
  path: string;
  recorded: string;
  mock: string;
}

/** ISO timestamps differ on every run; only their type and place are compared. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Remembers which replayed value each recorded generated value became, so the same recorded id must become the
 * same mock id everywhere (and later requests that name it are rewritten to the mock's).
 */
export class ValueMap {
  private readonly toMock = new Map<string, string>();

  /** The mock's value for a recorded one, or the recorded one when nothing maps it. */
  mock(recorded: string): string {
    return this.toMock.get(recorded) ?? recorded;
  }

  /** Records the pair; false when the recorded value already became a different mock value. */
  pair(recorded: string, mock: string): { ok: true } | { ok: false; before: string } {
    const before = this.toMock.get(recorded);
    if (before !== undefined && before !== mock) return { ok: false, before };
    this.toMock.set(recorded, mock);
    return { ok: true };
  }

  /** Every recorded value in `text` replaced with its mock value (whole path segments and query values only). */
  rewrite(text: string): string {
    return text.replace(/[^/?&=,]+/g, (segment) => {
      const decoded = safeDecode(segment);
      const mapped = this.toMock.get(decoded);
      return mapped === undefined ? segment : encodeURIComponent(mapped);
    });
  }

  /** A JSON value with every recorded string replaced by its mock value. */
  rewriteJson(value: unknown): unknown {
    if (typeof value === 'string') return this.toMock.get(value) ?? value;
    if (Array.isArray(value)) return value.map((item) => this.rewriteJson(item));
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.rewriteJson(v)]));
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The body shape of both answers, path by path: a field one has and the other lacks, a different JSON type, and
 * strings that differ without consistency (the same recorded value must always become the same mock value).
 * Arrays are compared element by element up to the shorter length: a real tenant holds other data than the mock.
 */
export function compareBodies(recorded: unknown, mock: unknown, values: ValueMap, path = '$', out: Difference[] = []): Difference[] {
  // A redacted credential (a login's tokens) was never in the recording to compare, not even its type.
  if (recorded === REDACTED) return out;
  const rt = jsonType(recorded);
  const mt = jsonType(mock);
  if (rt !== mt) {
    out.push({ kind: 'type', path, recorded: rt, mock: mt });
    return out;
  }
  if (rt === 'array') {
    const r = recorded as unknown[];
    const m = mock as unknown[];
    for (let i = 0; i < Math.min(r.length, m.length); i++) compareBodies(r[i], m[i], values, `${path}[${i}]`, out);
    return out;
  }
  if (rt === 'object') {
    const r = recorded as Record<string, unknown>;
    const m = mock as Record<string, unknown>;
    for (const key of Object.keys(r)) {
      const at = `${path}.${key}`;
      if (!(key in m)) out.push({ kind: 'missing', path: at, recorded: jsonType(r[key]), mock: 'absent' });
      else compareBodies(r[key], m[key], values, at, out);
    }
    for (const key of Object.keys(m)) if (!(key in r)) out.push({ kind: 'extra', path: `${path}.${key}`, recorded: 'absent', mock: jsonType(m[key]) });
    return out;
  }
  if (rt === 'string' && recorded !== mock && !(TIMESTAMP.test(recorded as string) && TIMESTAMP.test(mock as string))) {
    const paired = values.pair(recorded as string, mock as string);
    if (!paired.ok) out.push({ kind: 'consistency', path, recorded: JSON.stringify(recorded), mock: `${JSON.stringify(mock)}, where it was ${JSON.stringify(paired.before)} before` });
  }
  return out;
}

export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value === undefined) return 'absent';
  return typeof value;
}
