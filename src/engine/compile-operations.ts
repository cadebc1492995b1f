import type { ValidateFunction } from 'ajv';
import type { OpenApiDocument } from './load-spec.js';
import { SchemaCompiler } from './schema-compiler.js';
import type { JsonSchema, Operation, ParameterLocation, ParameterSpec, ResponseSpec } from './types.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export interface CompiledOperation {
  op: Operation;
  /** One object schema per parameter location, so all of a location's failures come back together. */
  paramValidators: Partial<Record<ParameterLocation, ValidateFunction>>;
  /** Names of parameters whose schema is an array (they are always handed over as arrays). */
  arrayParams: Set<string>;
  bodyValidator?: ValidateFunction;
  /** Keyed by response key (`200`, `4XX`, `default`) for the main media type, `mediaKey()` for others. */
  responseValidators: Map<string, ValidateFunction>;
}

export interface CompiledSpec {
  vendor: string;
  document: OpenApiDocument;
  compiler: SchemaCompiler;
  operations: CompiledOperation[];
}

/**
 * Builds the operation table of one spec. Validators compile on first use of their operation, or earlier in
 * the background (`warmValidators`): a 480-operation spec starts without compiling thousands of schemas first.
 */
export function compileOperations(vendor: string, document: OpenApiDocument): CompiledSpec {
  const compiler = new SchemaCompiler(vendor, (document.components?.schemas ?? {}) as Record<string, unknown>);
  const operations: CompiledOperation[] = [];
  const seen = new Set<string>();
  for (const [pathTemplate, pathItem] of Object.entries(document.paths)) {
    const shared = asArray(pathItem.parameters) as ParameterSpec[];
    for (const method of METHODS) {
      const raw = pathItem[method] as Record<string, unknown> | undefined;
      if (!raw) continue;
      const op = describeOperation(vendor, document, pathTemplate, method, raw, shared);
      if (seen.has(op.operationId)) throw new Error(`${vendor}: operationId ${op.operationId} is used twice`);
      seen.add(op.operationId);
      operations.push(compileOne(op, compiler));
    }
  }
  return { vendor, document, compiler, operations };
}

function describeOperation(
  vendor: string,
  document: OpenApiDocument,
  pathTemplate: string,
  method: string,
  raw: Record<string, unknown>,
  shared: ParameterSpec[],
): Operation {
  const own = asArray(raw.parameters) as ParameterSpec[];
  const byKey = new Map<string, ParameterSpec>();
  for (const p of [...shared, ...own]) byKey.set(`${p.in}:${p.name}`, normaliseParameter(p));
  const parameters = [...byKey.values()].filter((p) => p.in === 'path' || p.in === 'query' || p.in === 'header');
  const responses = describeResponses(raw.responses as Record<string, Record<string, unknown>> | undefined);
  const extensions = Object.fromEntries(Object.entries(raw).filter(([key]) => key.startsWith('x-')));
  return {
    vendor,
    operationId: typeof raw.operationId === 'string' ? raw.operationId : `${method}${pathTemplate}`,
    method: method.toUpperCase(),
    pathTemplate,
    summary: typeof raw.summary === 'string' ? raw.summary : undefined,
    parameters,
    requestBody: describeBody(raw.requestBody as Record<string, unknown> | undefined),
    responses,
    documentedStatuses: documentedStatuses(responses),
    extensions,
    security: (raw.security ?? document.security ?? []) as Array<Record<string, string[]>>,
  };
}

function normaliseParameter(p: ParameterSpec): ParameterSpec {
  const name = p.in === 'header' ? p.name.toLowerCase() : p.name;
  return { ...p, name, required: p.in === 'path' ? true : Boolean(p.required), schema: p.schema ?? {} };
}

function describeBody(raw: Record<string, unknown> | undefined): Operation['requestBody'] {
  if (!raw) return undefined;
  const content = (raw.content ?? {}) as Record<string, { schema?: JsonSchema }>;
  const contentTypes = Object.keys(content);
  const json = contentTypes.find((type) => /json/i.test(type));
  const form = contentTypes.find((type) => /x-www-form-urlencoded/i.test(type));
  const chosen = json ?? form ?? contentTypes[0];
  return { required: Boolean(raw.required), contentTypes, schema: chosen ? content[chosen]?.schema : undefined };
}

function describeResponses(raw: Record<string, Record<string, unknown>> | undefined): ResponseSpec[] {
  return Object.entries(raw ?? {}).map(([key, response]) => {
    const content = (response.content ?? {}) as Record<string, Record<string, unknown>>;
    const contentType = Object.keys(content).find((type) => /json/i.test(type)) ?? Object.keys(content)[0];
    const media = contentType ? content[contentType] ?? {} : {};
    const examples: Record<string, unknown> = {};
    for (const [name, example] of Object.entries((media.examples ?? {}) as Record<string, { value?: unknown }>)) {
      examples[name] = example?.value;
    }
    const otherMedia: Record<string, JsonSchema | undefined> = {};
    for (const [type, other] of Object.entries(content)) {
      if (type !== contentType) otherMedia[type.toLowerCase()] = other.schema as JsonSchema | undefined;
    }
    return {
      key,
      description: String(response.description ?? ''),
      contentType,
      schema: media.schema as JsonSchema | undefined,
      example: media.example,
      examples,
      otherMedia,
    };
  });
}

function documentedStatuses(responses: ResponseSpec[]): number[] {
  const statuses = new Set<number>();
  for (const { key } of responses) {
    if (/^\d{3}$/.test(key)) statuses.add(Number(key));
    const range = /^([1-5])XX$/i.exec(key);
    const first = key === 'default' ? 4 : range ? Number(range[1]) : undefined;
    const last = key === 'default' ? 5 : first;
    if (first === undefined || last === undefined) continue;
    for (let status = first * 100; status < (last + 1) * 100; status++) if (KNOWN_STATUSES.has(status)) statuses.add(status);
  }
  return [...statuses].sort((a, b) => a - b);
}

const KNOWN_STATUSES = new Set([
  400, 401, 402, 403, 404, 405, 406, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425,
  426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 507, 508, 511,
]);

/** The operation with its validators compiled on first access, once. */
function compileOne(op: Operation, compiler: SchemaCompiler): CompiledOperation {
  let validators: Omit<CompiledOperation, 'op'> | undefined;
  const get = (): Omit<CompiledOperation, 'op'> => (validators ??= compileValidators(op, compiler));
  return {
    op,
    get paramValidators() { return get().paramValidators; },
    get arrayParams() { return get().arrayParams; },
    get bodyValidator() { return get().bodyValidator; },
    get responseValidators() { return get().responseValidators; },
  };
}

function compileValidators(op: Operation, compiler: SchemaCompiler): Omit<CompiledOperation, 'op'> {
  const paramValidators: CompiledOperation['paramValidators'] = {};
  const arrayParams = new Set<string>();
  for (const location of ['path', 'query', 'header'] as const) {
    const params = op.parameters.filter((p) => p.in === location);
    if (params.length === 0) continue;
    const properties: Record<string, JsonSchema> = {};
    for (const p of params) {
      properties[p.name] = p.schema;
      if (isArraySchema(compiler.resolve(compiler.toJsonSchema(p.schema, 'request'), 'request'))) arrayParams.add(p.name);
    }
    const required = params.filter((p) => p.required).map((p) => p.name);
    paramValidators[location] = compiler.compile({ type: 'object', properties, required }, 'params', `${op.operationId} ${location} parameters`);
  }
  const bodySchema = op.requestBody?.schema;
  const responseValidators = new Map<string, ValidateFunction>();
  for (const response of op.responses) {
    if (response.schema) responseValidators.set(response.key, compiler.compile(response.schema, 'response', `${op.operationId} response ${response.key}`));
    for (const [type, schema] of Object.entries(response.otherMedia)) {
      if (schema) responseValidators.set(mediaKey(response.key, type), compiler.compile(schema, 'response', `${op.operationId} response ${response.key} ${type}`));
    }
  }
  return {
    paramValidators,
    arrayParams,
    bodyValidator: bodySchema ? compiler.compile(bodySchema, 'body', `${op.operationId} request body`) : undefined,
    responseValidators,
  };
}

/** Where a response's non-primary media type keeps its validator: `401 text/plain`. */
export function mediaKey(responseKey: string, mediaType: string): string {
  return `${responseKey} ${mediaType.toLowerCase()}`;
}

function isArraySchema(schema: JsonSchema): boolean {
  if (schema.type === 'array') return true;
  const branches = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  return Array.isArray(branches) && branches.some((branch) => branch.type === 'array');
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
