import { readFile } from 'node:fs/promises';
import path from 'node:path';
import $RefParser from '@apidevtools/json-schema-ref-parser';
import { parse as parseYaml } from 'yaml';

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
  const text = await readFile(file, 'utf8');
  const raw: unknown = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: -1 });
  if (!raw || typeof raw !== 'object' || typeof (raw as Record<string, unknown>).openapi !== 'string') {
    throw new Error(`${file} is not an OpenAPI 3 document (no "openapi" field)`);
  }
  if (!(raw as Record<string, unknown>).openapi?.toString().startsWith('3.')) {
    throw new Error(`${file}: only OpenAPI 3.x is supported`);
  }
  const resolved = await $RefParser.dereference(path.resolve(file), raw as object, {
    dereference: { circular: 'ignore', excludedPathMatcher: isInsideSchema },
  });
  const doc = resolved as OpenApiDocument;
  doc.paths ??= {};
  return doc;
}
