import type { JsonSchema } from './types.js';

export const LOCAL_COMPONENT_PREFIX = '#/components/schemas/';

/** `A~1B` → `A/B`: one JSON pointer segment decoded (RFC 6901). */
export function decodePointerSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * Follows `$ref`s into a map of component schemas, for refs that start with one of `prefixes`
 * (e.g. `#/components/schemas/`). A ref elsewhere or to a missing component resolves to `{}`, which
 * constrains nothing; a chain of refs stops after 32 hops.
 */
export function resolveComponentRef(schema: JsonSchema, components: Record<string, unknown>, prefixes: readonly string[]): JsonSchema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string' && hops < 32; hops++) {
    const ref = current.$ref;
    const prefix = prefixes.find((p) => ref.startsWith(p));
    const target = prefix === undefined ? undefined : components[decodePointerSegment(ref.slice(prefix.length))];
    if (!target || typeof target !== 'object') return {};
    current = target as JsonSchema;
  }
  return current;
}
