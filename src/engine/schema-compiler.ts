import { Ajv, type Options, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { oasToJsonSchema, type Direction } from './oas-to-json-schema.js';
import { LOCAL_COMPONENT_PREFIX, resolveComponentRef } from './resolve-component-ref.js';
import type { JsonSchema } from './types.js';

// ajv-formats is CommonJS with a default export; under NodeNext its callable sits on `.default`.
type AddFormats = typeof addFormatsModule.default;
const addFormats: AddFormats = (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

/** Validation jobs: parameters arrive as strings and are coerced; bodies are checked as sent. */
export type SchemaPurpose = 'params' | 'body' | 'response';

const NUMERIC_FORMATS = ['int32', 'int64', 'float', 'double', 'integer'];
const OPAQUE_FORMATS = ['byte', 'binary', 'password', 'uuid-or-empty'];

function makeAjv(extra: Options): Ajv {
  // Ajv's code optimiser makes compiling slower (cold start-up pays for it) without making the validators
  // measurably faster: the seed POST at 50 connections served the same req/s with and without it.
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false, code: { optimize: false }, ...extra });
  addFormats(ajv);
  for (const name of NUMERIC_FORMATS) ajv.addFormat(name, { type: 'number', validate: () => true });
  for (const name of OPAQUE_FORMATS) ajv.addFormat(name, true);
  return ajv;
}

/**
 * Compiles a vendor's schemas once, at start-up. Components are registered per direction, so a shared
 * component (e.g. Looker's `Error`) becomes one function however many operations use it; identical
 * operation schemas share one validator through the cache.
 */
export class SchemaCompiler {
  private readonly ajv: Record<SchemaPurpose, Ajv>;
  private readonly cache = new Map<string, ValidateFunction>();
  private readonly components: Record<Direction, Record<string, unknown>>;

  constructor(
    private readonly vendor: string,
    rawComponents: Record<string, unknown>,
  ) {
    this.components = {
      request: this.transformComponents(rawComponents, 'request'),
      response: this.transformComponents(rawComponents, 'response'),
    };
    this.ajv = {
      params: makeAjv({ coerceTypes: true }),
      body: makeAjv({}),
      response: makeAjv({}),
    };
    this.register(this.ajv.params, 'request');
    this.register(this.ajv.body, 'request');
    this.register(this.ajv.response, 'response');
  }

  baseId(direction: Direction): string {
    return `attrmock://${this.vendor}/${direction}`;
  }

  /** The draft-07 form of an operation schema, as its validator sees it. */
  toJsonSchema(schema: unknown, direction: Direction): JsonSchema {
    return oasToJsonSchema(schema, direction, this.baseId(direction)) as JsonSchema;
  }

  compile(schema: JsonSchema, purpose: SchemaPurpose): ValidateFunction {
    const direction: Direction = purpose === 'response' ? 'response' : 'request';
    const converted = this.toJsonSchema(schema, direction);
    const key = `${purpose}:${JSON.stringify(converted)}`;
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv[purpose].compile(converted);
      this.cache.set(key, validate);
    }
    return validate;
  }

  /** Follows `$ref`s (already rewritten to this compiler's ids) to the schema they name. */
  resolve(schema: JsonSchema, direction: Direction): JsonSchema {
    return resolveComponentRef(schema, this.components[direction], [`${this.baseId(direction)}${LOCAL_COMPONENT_PREFIX}`, LOCAL_COMPONENT_PREFIX]);
  }

  private transformComponents(raw: Record<string, unknown>, direction: Direction): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, schema] of Object.entries(raw)) out[name] = oasToJsonSchema(schema, direction, this.baseId(direction));
    return out;
  }

  private register(ajv: Ajv, direction: Direction): void {
    // Not checked against the meta-schema (a third of start-up for three small specs); a malformed component
    // still fails the compile of the first validator that reaches it.
    ajv.addSchema({ $id: this.baseId(direction), components: { schemas: this.components[direction] } }, undefined, undefined, false);
  }
}
