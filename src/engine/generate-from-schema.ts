import type { Faker } from '@faker-js/faker';
import type { JsonSchema } from './types.js';

export type ResolveSchema = (schema: JsonSchema) => JsonSchema;

const MAX_DEPTH = 6;

/**
 * Makes a value that validates against an OpenAPI 3.0 response schema (raw, so `example`s are kept), with data from
 * a seeded Faker so the same seed gives the same body. Optional properties are filled too, as Prism's
 * dynamic mode does, except below MAX_DEPTH where only required ones are, to keep recursive schemas finite.
 * Values read like data: by `const`, enum, example, format, then the property's name (`email`, `userId`, `page`,
 * `createdAt`...) and the values a description lists in quotes, before falling back to words.
 */
export function generateFromSchema(schema: JsonSchema, faker: Faker, resolve: ResolveSchema, depth = 0, name = ''): unknown {
  const s = resolve(schema);
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return faker.helpers.arrayElement(s.enum.filter((v) => v !== null).length ? s.enum.filter((v) => v !== null) : s.enum);
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if (Array.isArray(s.allOf)) return mergeAll(s.allOf as JsonSchema[], faker, resolve, depth);
  const branches = (s.oneOf ?? s.anyOf) as JsonSchema[] | undefined;
  if (Array.isArray(branches) && branches.length > 0) {
    const nonNull = branches.find((b) => resolve(b).type !== 'null') ?? branches[0]!;
    return generateFromSchema(nonNull, faker, resolve, depth, name);
  }
  const type = pickType(s);
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return faker.datatype.boolean();
    case 'integer':
    case 'number':
      return generateNumber(s, COUNTING.test(name) ? 'integer' : type, faker, name);
    case 'string':
      return generateString(s, faker, name);
    case 'array':
      return generateArray(s, faker, resolve, depth, name);
    default:
      return generateObject(s, faker, resolve, depth);
  }
}

function pickType(s: JsonSchema): string {
  if (Array.isArray(s.type)) return (s.type as string[]).find((t) => t !== 'null') ?? 'null';
  if (typeof s.type === 'string') return s.type;
  if (s.properties || s.additionalProperties) return 'object';
  if (s.items) return 'array';
  return 'string';
}

/** Numbers that count things (pages, totals, sizes) are whole, whatever `type: number` allows. */
const COUNTING = /page|count|total|limit|offset|size|index|number|^n$/i;

function generateNumber(s: JsonSchema, type: string, faker: Faker, name: string): number {
  const min = typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : 1;
  const ceiling = /page/i.test(name) ? 20 : 1000;
  const max = typeof s.maximum === 'number' ? s.maximum : typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - 1 : Math.max(min, ceiling);
  return type === 'integer' ? faker.number.int({ min: Math.ceil(min), max: Math.floor(max) }) : faker.number.float({ min, max, fractionDigits: 2 });
}

function generateString(s: JsonSchema, faker: Faker, name: string): string {
  const value = stringForFormat(s, faker, name);
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : Infinity;
  if (value.length < min) return value.padEnd(min, 'x');
  return value.length > max ? value.slice(0, max) : value;
}

function stringForFormat(s: JsonSchema, faker: Faker, name: string): string {
  if (typeof s.pattern === 'string') {
    try {
      return faker.helpers.fromRegExp(s.pattern.replace(/^\^|\$$/g, ''));
    } catch {
      /* an unsupported pattern falls back to the format */
    }
  }
  switch (s.format) {
    case 'uuid':
      return faker.string.uuid();
    case 'date-time':
      return faker.date.recent({ days: 30, refDate: '2026-01-01T00:00:00.000Z' }).toISOString();
    case 'date':
      return faker.date.recent({ days: 30, refDate: '2026-01-01T00:00:00.000Z' }).toISOString().slice(0, 10);
    case 'email':
      return faker.internet.email().toLowerCase();
    case 'uri':
    case 'url':
      return faker.internet.url();
    case 'uri-reference':
      return `/${faker.lorem.slug(2)}`;
    case 'hostname':
      return faker.internet.domainName();
    case 'ipv4':
      return faker.internet.ipv4();
    default:
      return listedInDescription(s, faker) ?? stringForName(name, faker);
  }
}

/** `Type of user attribute ("string", "number", "datetime")`: a description that lists the values gives one of them. */
function listedInDescription(s: JsonSchema, faker: Faker): string | undefined {
  if (typeof s.description !== 'string') return undefined;
  const listed = /\(((?:\s*"[^"]+"\s*,)+\s*"[^"]+"\s*)\)/.exec(s.description)?.[1];
  return listed ? faker.helpers.arrayElement([...listed.matchAll(/"([^"]+)"/g)].map((m) => m[1]!)) : undefined;
}

/** What a string property is by its name, when its schema says no more than `type: string`. */
const BY_NAME: Array<[RegExp, (faker: Faker) => string]> = [
  [/e-?mail/i, (faker) => faker.internet.email().toLowerCase()],
  [/^id$|[a-z]Ids?$|_ids?$|uuid/i, (faker) => faker.string.uuid()],
  [/(At|_at|Date|_date|Time|_time)$|^(created|updated|deleted|date)/, (faker) => faker.date.recent({ days: 30, refDate: '2026-01-01T00:00:00.000Z' }).toISOString()],
  [/url|uri|link|href/i, (faker) => faker.internet.url()],
  [/^(first_?name|given_?name)$/i, (faker) => faker.person.firstName()],
  [/^(last_?name|family_?name|surname)$/i, (faker) => faker.person.lastName()],
  [/^(display_?name|full_?name|user_?name|username)$/i, (faker) => faker.person.fullName()],
  [/^(description|message|details?)$/i, (faker) => faker.lorem.sentence()],
  [/name|label|title/i, (faker) => faker.lorem.slug(2).replace(/-/g, '_')],
];

function stringForName(name: string, faker: Faker): string {
  const made = BY_NAME.find(([pattern]) => pattern.test(name));
  return made ? made[1](faker) : faker.lorem.words(2);
}

function generateArray(s: JsonSchema, faker: Faker, resolve: ResolveSchema, depth: number, name: string): unknown[] {
  const min = typeof s.minItems === 'number' ? s.minItems : 1;
  const max = typeof s.maxItems === 'number' ? s.maxItems : Math.max(min, depth >= MAX_DEPTH ? min : 2);
  const count = faker.number.int({ min, max: Math.max(min, Math.min(max, min + 2)) });
  const items = (s.items ?? {}) as JsonSchema;
  return Array.from({ length: count }, () => generateFromSchema(items, faker, resolve, depth + 1, name));
}

function generateObject(s: JsonSchema, faker: Faker, resolve: ResolveSchema, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((s.required ?? []) as string[]);
  for (const [name, prop] of Object.entries(properties)) {
    if (depth >= MAX_DEPTH && !required.has(name)) continue;
    if (resolve(prop).writeOnly === true) continue;
    out[name] = generateFromSchema(prop, faker, resolve, depth + 1, name);
  }
  for (const name of required) if (!(name in out)) out[name] = faker.lorem.word();
  return out;
}

function mergeAll(parts: JsonSchema[], faker: Faker, resolve: ResolveSchema, depth: number): unknown {
  const values = parts.map((part) => generateFromSchema(part, faker, resolve, depth));
  if (values.every((v) => v && typeof v === 'object' && !Array.isArray(v))) return Object.assign({}, ...values);
  return values[values.length - 1];
}
