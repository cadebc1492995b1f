import type { JsonSchema } from './types.js';

export type Direction = 'request' | 'response';

const JSON_TYPES = new Set(['null', 'boolean', 'object', 'array', 'number', 'string', 'integer']);

/** Keywords of OpenAPI 3.0 that are not JSON Schema and would only confuse or slow Ajv. */
const DROPPED = new Set(['nullable', 'example', 'discriminator', 'xml', 'externalDocs', 'deprecated']);

/**
 * Rewrites one OpenAPI 3.0 schema into draft-07 JSON Schema for one direction:
 * `nullable` becomes a `null` type; `readOnly` properties are not required of requests and `writeOnly`
 * ones not of responses; `#/components/schemas/X` points into the component set registered under `baseId`.
 */
export function oasToJsonSchema(schema: unknown, direction: Direction, baseId: string): unknown {
  if (Array.isArray(schema)) return schema.map((item) => oasToJsonSchema(item, direction, baseId));
  if (!schema || typeof schema !== 'object') return schema;
  const source = schema as JsonSchema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(source)) {
    if (DROPPED.has(key) || key.startsWith('x-')) continue;
    if (key === '$ref' && typeof value === 'string') out.$ref = value.startsWith('#/') ? baseId + value : value;
    else if (key === 'type') {
      // Real specs carry non-types such as Looker's `type: any`: they constrain nothing.
      const types = (Array.isArray(value) ? value : [value]).filter((t) => JSON_TYPES.has(t as string));
      if (types.length > 0) out.type = Array.isArray(value) ? types : types[0];
    }
    else if (key === 'properties' || key === 'patternProperties' || key === 'definitions') {
      out[key] = mapValues(value, (sub) => oasToJsonSchema(sub, direction, baseId));
    } else if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') out[key] = value;
    else out[key] = oasToJsonSchema(value, direction, baseId);
  }
  dropOneWayRequirements(source, out, direction);
  return source.nullable === true ? makeNullable(out) : out;
}

function mapValues(value: unknown, fn: (v: unknown) => unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fn(v)]));
}

function dropOneWayRequirements(source: JsonSchema, out: JsonSchema, direction: Direction): void {
  const props = source.properties as Record<string, JsonSchema> | undefined;
  if (!Array.isArray(source.required) || !props) return;
  const flag = direction === 'request' ? 'readOnly' : 'writeOnly';
  const kept = (source.required as string[]).filter((name) => props[name]?.[flag] !== true);
  if (kept.length > 0) out.required = kept;
  else delete out.required;
}

function makeNullable(schema: JsonSchema): JsonSchema {
  if (typeof schema.type === 'string' && schema.$ref === undefined) {
    const nullable: JsonSchema = { ...schema, type: [schema.type, 'null'] };
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) nullable.enum = [...schema.enum, null];
    return nullable;
  }
  if (Array.isArray(schema.type)) {
    return schema.type.includes('null') ? schema : { ...schema, type: [...schema.type, 'null'] };
  }
  return { anyOf: [schema, { type: 'null' }] };
}
