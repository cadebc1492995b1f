import path from 'node:path';
import { parseWithCache } from './parse-cache.js';

export type OpenApiDocument = Record<string, unknown> & {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown> } & Record<string, unknown>;
};

/** True for locations inside a schema: those `$ref`s are kept, so shared components compile once. */
function isInsideSchema(location: string): boolean {
  const pointer = location.slice(location.indexOf('#') + 1);
  return /\/(schema|schemas)(\/|$)/.test(pointer);
}

/**
 * Reads an OpenAPI 3.0 document (YAML or JSON) and resolves every `$ref` that is not a schema reference
 * (parameters, request bodies, responses, examples, external files). Schema `$ref`s stay as pointers into
 * `#/components/schemas`, which keeps recursive schemas finite and lets Ajv compile each component once.
 */
export async function loadSpec(file: string): Promise<OpenApiDocument> {
  return parseWithCache(file, 'spec', (text) => parseAndResolve(file, text), hasOnlyLocalRefs);
}

/** A `$ref` to another file makes the result depend on more than this file's text, which the cache keys on. */
function hasOnlyLocalRefs(text: string): boolean {
  return !/["']?\$ref["']?\s*:\s*["']?(?!#)[^\s"']/.test(text);
}

/**
 * YAML aliases a document may use: an "alias bomb" (each anchor repeating the last ten times over) is a few KB of
 * text that expands into billions of nodes and would hold start-up for minutes. No spec of ours uses one.
 */
export const MAX_YAML_ALIASES = 100;

// The YAML parser and the ref resolver load only when a spec is not in the parse cache.
async function parseAndResolve(file: string, text: string): Promise<OpenApiDocument> {
  const raw: unknown = file.endsWith('.json') ? JSON.parse(text) : (await import('yaml')).parse(text, { maxAliasCount: MAX_YAML_ALIASES });
  if (!raw || typeof raw !== 'object' || typeof (raw as Record<string, unknown>).openapi !== 'string') {
    throw new Error(`${file} is not an OpenAPI 3 document (no "openapi" field)`);
  }
  if (!(raw as Record<string, unknown>).openapi?.toString().startsWith('3.')) {
    throw new Error(`${file}: only OpenAPI 3.x is supported`);
  }
  const { default: $RefParser } = await import('@apidevtools/json-schema-ref-parser');
  const resolved = await $RefParser.dereference(path.resolve(file), raw as object, {
    dereference: { circular: 'ignore', excludedPathMatcher: isInsideSchema },
  });
  const doc = resolved as OpenApiDocument;
  doc.paths ??= {};
  return doc;
}
