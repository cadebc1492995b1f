import type { CompiledOperation } from './compile-operations.js';

interface Route {
  regex: RegExp;
  paramNames: string[];
  /** Literal segments rank first, so `/users/me` wins over `/users/{id}`. */
  specificity: number[];
  entry: CompiledOperation;
}

export type RouteMatch =
  | { kind: 'found'; entry: CompiledOperation; rawParams: Record<string, string> }
  | { kind: 'method_not_allowed'; allowed: string[] }
  | { kind: 'not_found' };

/** Routes a method and path to an operation. Buckets by segment count so a large spec scans few templates. */
export class RouteTable {
  private readonly buckets = new Map<number, Route[]>();

  constructor(operations: CompiledOperation[]) {
    for (const entry of operations) {
      const route = compileTemplate(entry);
      const count = segmentsOf(entry.op.pathTemplate).length;
      const bucket = this.buckets.get(count) ?? [];
      bucket.push(route);
      this.buckets.set(count, bucket);
    }
    for (const bucket of this.buckets.values()) bucket.sort((a, b) => compareSpecificity(a.specificity, b.specificity));
  }

  /**
   * The path decides first, then the method, as OpenAPI has it ("concrete paths are matched before their
   * templated counterparts") and Prism does: `DELETE /values` beside `DELETE /{id}` is a 405 naming the
   * methods of `/values`, not a delete of the thing with id "values".
   */
  match(method: string, path: string): RouteMatch {
    const normalized = path.includes('%') ? decodeUnreserved(path) : path;
    const trimmed = normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
    const bucket = this.buckets.get(segmentsOf(trimmed).length) ?? [];
    const allowed: string[] = [];
    let template: string | undefined;
    let get: RouteMatch | undefined;
    for (const route of bucket) {
      const found = route.regex.exec(trimmed);
      if (!found) continue;
      // Buckets are sorted most specific first, so the first template to match is the path's.
      template ??= route.entry.op.pathTemplate;
      if (route.entry.op.pathTemplate !== template) continue;
      const rawParams: Record<string, string> = {};
      route.paramNames.forEach((name, i) => (rawParams[name] = found[i + 1] ?? ''));
      if (route.entry.op.method === method) return { kind: 'found', entry: route.entry, rawParams };
      allowed.push(route.entry.op.method);
      if (route.entry.op.method === 'GET') get = { kind: 'found', entry: route.entry, rawParams };
    }
    // HEAD is GET without the body (RFC 9110), unless the spec documents a HEAD of its own; node:http leaves the body out.
    if (method === 'HEAD' && get) return get;
    if (allowed.includes('GET') && !allowed.includes('HEAD')) allowed.push('HEAD');
    return allowed.length > 0 ? { kind: 'method_not_allowed', allowed } : { kind: 'not_found' };
  }
}

/**
 * `/val%75es` is `/values` (RFC 3986 §6.2.2.2: a percent-encoded unreserved character is that character), as
 * a real server's router sees it; other escapes (`%2F` in a parameter) are left for the parameter decoder.
 */
function decodeUnreserved(path: string): string {
  return path.replace(/%([0-9A-Fa-f]{2})/g, (escape: string, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(char) ? char : escape;
  });
}

function segmentsOf(path: string): string[] {
  return path.split('/').filter((segment, i) => i > 0 || segment !== '');
}

function compileTemplate(entry: CompiledOperation): Route {
  const paramNames: string[] = [];
  const specificity: number[] = [];
  const pattern = segmentsOf(entry.op.pathTemplate)
    .map((segment) => {
      const literal = !segment.includes('{');
      specificity.push(literal ? 0 : 1);
      return segment.replace(/\{([^}]+)\}|([^{]+)/g, (_m, name: string | undefined, text: string | undefined) => {
        if (name === undefined) return escapeRegex(text ?? '');
        paramNames.push(name);
        return '([^/]+)';
      });
    })
    .join('/');
  return { regex: new RegExp(`^/${pattern}$`), paramNames, specificity, entry };
}

function compareSpecificity(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
