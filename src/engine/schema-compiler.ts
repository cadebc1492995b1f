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
  // Checking each schema against the meta-schema first means compiling the meta-schema in every instance
  // (11-24 ms each, paid by the first request): `checkSchemas` does that check in the background instead.
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateSchema: false, code: { optimize: false }, ...extra });
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
  private readonly cache = new Map<string, ValidateFunction>();
  /** Compiled schemas not yet checked against the meta-schema. */
  private unchecked: Array<{ schema: JsonSchema; where: string }> = [];
  private componentsChecked = false;
  /** Built on first use: a 480-operation spec whose operations are seldom called costs nothing at start-up. */
  private built?: { ajv: Record<SchemaPurpose, Ajv>; components: Record<Direction, Record<string, unknown>> };

  constructor(
    private readonly vendor: string,
    private readonly rawComponents: Record<string, unknown>,
  ) {}

  private get ajv(): Record<SchemaPurpose, Ajv> {
    return this.build().ajv;
  }

  private get components(): Record<Direction, Record<string, unknown>> {
    return this.build().components;
  }

  private build(): NonNullable<SchemaCompiler['built']> {
    if (this.built) return this.built;
    const components = {
      request: this.transformComponents(this.rawComponents, 'request'),
      response: this.transformComponents(this.rawComponents, 'response'),
    };
    const ajv = { params: makeAjv({ coerceTypes: true }), body: makeAjv({}), response: makeAjv({}) };
    this.built = { ajv, components };
    this.register(ajv.params, 'request');
    this.register(ajv.body, 'request');
    this.register(ajv.response, 'response');
    return this.built;
  }

  baseId(direction: Direction): string {
    return `attrmock://${this.vendor}/${direction}`;
  }

  /** The draft-07 form of an operation schema, as its validator sees it. */
  toJsonSchema(schema: unknown, direction: Direction): JsonSchema {
    return oasToJsonSchema(schema, direction, this.baseId(direction)) as JsonSchema;
  }

  /** `where` names the schema in what `checkSchemas` reports (`getUser response 200`). */
  compile(schema: JsonSchema, purpose: SchemaPurpose, where = 'a schema'): ValidateFunction {
    const direction: Direction = purpose === 'response' ? 'response' : 'request';
    const converted = this.toJsonSchema(schema, direction);
    const key = `${purpose}:${JSON.stringify(converted)}`;
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv[purpose].compile(converted);
      this.cache.set(key, validate);
      this.unchecked.push({ schema: converted, where });
    }
    return validate;
  }

  /**
   * Checks the components and every schema compiled since the last call against the draft-07 meta-schema, and
   * says what is wrong: Ajv compiles a schema such as `{ multipleOf: 0 }` without complaint, and its
   * validator then misjudges requests silently. Each problem reads `<where>: <what>`.
   */
  checkSchemas(): string[] {
    const problems: string[] = [];
    const check = (schema: unknown, where: string): void => {
      if (!this.ajv.body.validateSchema(schema as JsonSchema)) {
        problems.push(`${where}: ${this.ajv.body.errorsText(this.ajv.body.errors, { dataVar: 'schema' })}`);
      }
    };
    if (!this.componentsChecked) {
      // One direction is enough: the two differ only in which readOnly/writeOnly properties they keep.
      for (const [name, schema] of Object.entries(this.components.request)) check(schema, `#/components/schemas/${name}`);
      this.componentsChecked = true;
    }
    for (const { schema, where } of this.unchecked) check(schema, where);
    this.unchecked = [];
    return [...new Set(problems)];
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
