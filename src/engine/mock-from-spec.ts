import type { Faker } from '@faker-js/faker';
import type { CompiledSpec } from './compile-operations.js';
import { MockError } from './errors.js';
import { generateFromSchema, type ResolveSchema } from './generate-from-schema.js';
import { LOCAL_COMPONENT_PREFIX, resolveComponentRef } from './resolve-component-ref.js';
import type { MockResponse, Operation, ResponseSpec } from './types.js';

export interface MockChoice {
  status?: number;
  example?: string;
  dynamic?: boolean;
}

/**
 * Answers an operation from its spec alone, as Prism does: the lowest documented 2xx (or the status asked
 * for), with the named example, the first example, or a body generated from the schema.
 */
export function mockFromSpec(spec: CompiledSpec, op: Operation, choice: MockChoice, faker: Faker): MockResponse {
  const response = pickResponse(op, choice.status);
  const status = choice.status ?? (/^\d{3}$/.test(response.key) ? Number(response.key) : 200);
  if (!response.schema && response.example === undefined && Object.keys(response.examples).length === 0) return { status };
  const body = pickBody(spec, op, response, choice, faker);
  return { status, body, contentType: response.contentType };
}

/** The response spec that documents a status: exact, then its range (`4XX`), then `default`. */
export function responseFor(op: Operation, status: number): ResponseSpec | undefined {
  return (
    op.responses.find((r) => r.key === String(status)) ??
    op.responses.find((r) => r.key.toUpperCase() === `${String(status)[0]}XX`) ??
    op.responses.find((r) => r.key === 'default')
  );
}

/**
 * The status `Prefer: example=NAME` alone asks for: none when the default success response has that example,
 * else the first documented status whose response has it (`example=badToken` is Lightdash's 401).
 */
export function exampleStatus(op: Operation, name: string): number | undefined {
  if (Object.hasOwn(pickResponse(op, undefined).examples, name)) return undefined;
  const found = op.responses.find((r) => /^\d{3}$/.test(r.key) && Object.hasOwn(r.examples, name));
  return found ? Number(found.key) : undefined;
}

function pickResponse(op: Operation, status: number | undefined): ResponseSpec {
  if (status !== undefined) {
    const found = responseFor(op, status);
    if (found) return found;
  }
  const success = op.responses.filter((r) => /^2\d\d$/.test(r.key)).sort((a, b) => a.key.localeCompare(b.key));
  const chosen = success[0] ?? op.responses.find((r) => r.key.toUpperCase() === '2XX') ?? op.responses[0];
  if (!chosen) throw new MockError({ kind: 'internal', message: `${op.operationId} documents no response` });
  return chosen;
}

function pickBody(spec: CompiledSpec, op: Operation, response: ResponseSpec, choice: MockChoice, faker: Faker): unknown {
  const resolve = rawResolver(spec);
  if (choice.example !== undefined) {
    // Own names only: `constructor` or `__proto__` is a name a client may send, not an example.
    if (!Object.hasOwn(response.examples, choice.example)) {
      const names = Object.keys(response.examples);
      throw new MockError({
        kind: 'prefer_invalid',
        message: `example "${choice.example}" is not documented for the ${response.key} response; documented: ${names.length ? names.join(', ') : 'none'}${elsewhere(op, response)}`,
      });
    }
    return response.examples[choice.example];
  }
  if (!choice.dynamic) {
    if (response.example !== undefined) return response.example;
    const first = Object.values(response.examples)[0];
    if (first !== undefined) return first;
    const schemaExample = response.schema ? resolve(response.schema).example : undefined;
    if (schemaExample !== undefined) return schemaExample;
  }
  return response.schema ? generateFromSchema(response.schema, faker, resolve) : undefined;
}

/** `; other responses: badToken (401), forbidden (403)` — what a QA engineer can ask for instead. */
function elsewhere(op: Operation, chosen: ResponseSpec): string {
  // A `default` or `4XX` response has no one status: its examples need `code=` beside them.
  const named = op.responses
    .filter((r) => r !== chosen)
    .flatMap((r) => Object.keys(r.examples).map((name) => (/^\d{3}$/.test(r.key) ? `${name} (${r.key})` : `${name} (${r.key}: add code=)`)));
  return named.length ? `; other responses: ${named.join(', ')}` : '';
}

/** Follows `#/components/schemas/X` in the spec as written, where `example`s still stand. */
function rawResolver(spec: CompiledSpec): ResolveSchema {
  const components = (spec.document.components?.schemas ?? {}) as Record<string, unknown>;
  return (schema) => resolveComponentRef(schema, components, [LOCAL_COMPONENT_PREFIX]);
}
