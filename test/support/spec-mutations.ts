import type { Operation } from '../../src/engine/types.js';
import type { WireRequest } from './hardening-harness.js';

type Schema = Record<string, any>;

/**
 * One way to break a valid request, read off the operation's spec. `definite` mutations break the schema for
 * sure and must be refused with a 4xx; the others (an extra property where the schema allows any) may be
 * accepted, but if refused must change nothing.
 */
export interface Mutation {
  label: string;
  definite: boolean;
  apply(req: WireRequest): WireRequest;
}

/** Follows `#/components/schemas/X` refs and folds `allOf` into one object schema, so properties can be read. */
export function resolveSchema(schema: unknown, components: Record<string, Schema>, depth = 0): Schema {
  if (!schema || typeof schema !== 'object' || depth > 16) return {};
  let current = schema as Schema;
  if (typeof current.$ref === 'string') return resolveSchema(components[current.$ref.split('/').pop()!], components, depth + 1);
  if (Array.isArray(current.allOf)) {
    const parts = current.allOf.map((part: unknown) => resolveSchema(part, components, depth + 1));
    current = {
      type: 'object',
      properties: Object.assign({}, ...parts.map((p: Schema) => p.properties ?? {})),
      required: parts.flatMap((p: Schema) => p.required ?? []),
    };
  }
  return current;
}

/** A value of another JSON type than the schema wants (never null, which a nullable schema would take). */
function wrongTypeFor(schema: Schema): unknown {
  switch (schema.type) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return 'not a number';
    case 'boolean':
      return 'yes';
    case 'array':
      return { not: 'an array' };
    case 'object':
      return ['not', 'an object'];
    default:
      return undefined;
  }
}

function setAt(root: unknown, path: Array<string | number>, value: unknown, remove = false): unknown {
  const copy = structuredClone(root);
  if (path.length === 0) return value;
  let node: any = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  const last = path[path.length - 1]!;
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

function bodyMutations(value: unknown, schema: Schema, components: Record<string, Schema>, path: Array<string | number>, out: Mutation[]): void {
  const s = resolveSchema(schema, components);
  const at = path.join('.') || 'body';
  const put = (label: string, definite: boolean, next: unknown, remove = false) =>
    out.push({ label: `${label} at ${at}`, definite, apply: (req) => ({ ...req, body: setAt(req.body, path, next, remove) }) });
  const wrong = wrongTypeFor(s);
  if (wrong !== undefined) put('wrong type', true, wrong);
  if (typeof value === 'string') {
    // A well-formed id that names nothing breaks a rule, not the schema: maybe refused, and then harmless.
    if (s.format === 'uuid' || /(?:Id|Uuid|_id)$/.test(String(path[path.length - 1] ?? ''))) put('unknown id', false, UNKNOWN_ID);
    if (s.format === 'uuid') put('bad uuid', true, 'not-a-uuid');
    if (s.format === 'date-time') put('bad date-time', true, 'yesterday');
    if (typeof s.minLength === 'number' && s.minLength > 0) put('too short', true, '');
  }
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number') put('below minimum', true, s.minimum - 1);
    if (typeof s.maximum === 'number') put('above maximum', true, s.maximum + 1);
  }
  if (Array.isArray(value)) {
    value.slice(0, 2).forEach((item, i) => bodyMutations(item, s.items ?? {}, components, [...path, i], out));
    if (typeof s.minItems === 'number' && s.minItems > 0) put('too few items', true, []);
  } else if (value && typeof value === 'object') {
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    for (const name of (s.required ?? []) as string[]) {
      if (name in (value as object) && !resolveSchema(properties[name], components).readOnly) {
        out.push({ label: `missing ${[...path, name].join('.')}`, definite: true, apply: (req) => ({ ...req, body: setAt(req.body, [...path, name], undefined, true) }) });
      }
    }
    for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
      if (properties[name]) bodyMutations(child, properties[name], components, [...path, name], out);
    }
    put('extra property', s.additionalProperties === false, { ...(value as object), attrmockExtra: 'x' });
  }
}

function parameterMutations(op: Operation, req: WireRequest, out: Mutation[]): void {
  for (const param of op.parameters) {
    const s = param.schema as Schema;
    const name = param.name;
    if (param.in === 'query') {
      const setQuery = (label: string, value: string | undefined) =>
        out.push({
          label: `${label} in query ${name}`,
          definite: true,
          apply: (r) => {
            const query = { ...r.query };
            if (value === undefined) delete query[name];
            else query[name] = value;
            return { ...r, query };
          },
        });
      if (param.required && req.query?.[name] !== undefined) setQuery('missing', undefined);
      if (s.type === 'integer') setQuery('fraction', '1.5');
      if (s.type === 'integer' || s.type === 'number') setQuery('wrong type', 'abc');
      if (s.type === 'boolean') setQuery('wrong type', 'maybe');
      if (typeof s.minimum === 'number') setQuery('below minimum', String(s.minimum - 1));
      if (typeof s.maximum === 'number') setQuery('above maximum', String(s.maximum + 1));
      if (s.format === 'uuid') setQuery('bad uuid', 'not-a-uuid');
      if (s.type === 'array' && s.items?.format === 'uuid') setQuery('bad uuid item', 'not-a-uuid');
    }
    if (param.in === 'path') {
      out.push({ label: `unknown id in path ${name}`, definite: false, apply: (r) => ({ ...r, path: replaceSegment(op.pathTemplate, r.path, name, UNKNOWN_ID) }) });
    }
    if (param.in === 'path' && s.format === 'uuid') {
      const template = op.pathTemplate;
      out.push({
        label: `bad uuid in path ${name}`,
        definite: true,
        apply: (r) => ({ ...r, path: replaceSegment(template, r.path, name, 'not-a-uuid') }),
      });
    }
  }
}

const UNKNOWN_ID = '00000000-0000-4000-8000-00000000dead';

function replaceSegment(template: string, path: string, name: string, value: string): string {
  const parts = path.split('/');
  parts[template.split('/').indexOf(`{${name}}`)] = value;
  return parts.join('/');
}

/** Every spec-derived way to break `req` for `op`; the caller picks one with fast-check. */
export function mutationsFor(op: Operation, req: WireRequest, components: Record<string, Schema>): Mutation[] {
  const out: Mutation[] = [];
  parameterMutations(op, req, out);
  const bodySchema = op.requestBody?.schema;
  if (bodySchema && req.body !== undefined) bodyMutations(req.body, bodySchema as Schema, components, [], out);
  if (op.requestBody?.required && req.body !== undefined) {
    out.push({ label: 'no body', definite: true, apply: (r) => ({ ...r, body: undefined }) });
  }
  return out;
}
