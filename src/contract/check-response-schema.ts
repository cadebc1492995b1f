import path from 'node:path';
import { compileOperations, type CompiledOperation, type CompiledSpec } from '../engine/compile-operations.js';
import { pointerToPath } from '../engine/diagnostics.js';
import { loadSpec } from '../engine/load-spec.js';
import { RouteTable } from '../engine/match-route.js';
import { responseFor } from '../engine/mock-from-spec.js';
import { toDiagnostics } from '../engine/diagnostics.js';
import type { Diagnostic, JsonSchema } from '../engine/types.js';
import { validateResponse } from '../engine/validate-response.js';
import { readPath } from './read-path.js';
import { show } from './match-value.js';
import type { CheckFailure } from './types.js';

/** Checks one response of a vendor against its spec: the status must be documented, the body must fit. */
export type ResponseSchemaCheck = (method: string, requestPath: string, status: number, body: unknown, contentType: string | null) => SchemaVerdict;

/** The operation the request routed to (none for a path the spec lacks) and what is wrong with the answer. */
export interface SchemaVerdict {
  operationId?: string;
  failures: CheckFailure[];
}

/**
 * Compiles a vendor's spec with the engine's own compiler and validators (the ones the mock answers with), so a
 * contract run reports drift in the same words: JSON path, keyword, expected and actual. A response documented
 * with several media types (Lightdash's 401: text/plain or JSON) is checked against the one that was sent.
 */
export async function checkResponseSchema(specsDir: string, vendor: string): Promise<ResponseSchemaCheck> {
  const spec = compileOperations(vendor, await loadSpec(path.join(specsDir, `${vendor}.oas.yaml`)));
  const routes = new RouteTable(spec.operations);
  return (method, requestPath, status, body, contentType) => {
    const match = routes.match(method.toUpperCase(), requestPath);
    if (match.kind !== 'found') return { failures: [] };
    const { operationId } = match.entry.op;
    const label = `${operationId} ${status}`;
    const diagnostics = diagnose(spec, match.entry, status, body, contentType);
    if (typeof diagnostics === 'string') return { operationId, failures: [{ check: 'responseSchema', message: `${label}: ${diagnostics}` }] };
    const failures = diagnostics.map((d) => ({ check: d.keyword === 'status' ? 'statusDocumented' : 'responseSchema', message: `${label}: ${describe(d, body)}` }));
    return { operationId, failures };
  };
}

function diagnose(spec: CompiledSpec, entry: CompiledOperation, status: number, body: unknown, contentType: string | null): Diagnostic[] | string {
  const documented = responseFor(entry.op, status);
  if (!documented || body === undefined || contentType === null) return validateResponse(entry, { status, body });
  const media = contentType.split(';')[0]!.trim().toLowerCase();
  const content = rawContent(spec, entry, documented.key);
  const types = Object.keys(content);
  if (types.length === 0) return [];
  const chosen = types.find((type) => type.toLowerCase() === media) ?? types.find((type) => sameFamily(type, media));
  if (!chosen) return `content-type ${media} is not documented (documented: ${types.join(', ')})`;
  if (chosen === documented.contentType) return validateResponse(entry, { status, body });
  const schema = content[chosen]?.schema;
  if (!schema) return [];
  const validate = spec.compiler.compile(schema, 'response');
  return validate(body) ? [] : toDiagnostics(validate.errors, 'response');
}

/** `application/problem+json` answers for a documented `application/json`, and the other way round. */
function sameFamily(documented: string, actual: string): boolean {
  const json = (type: string): boolean => /[/+]json$/i.test(type);
  return json(documented) && json(actual);
}

function rawContent(spec: CompiledSpec, entry: CompiledOperation, key: string): Record<string, { schema?: JsonSchema }> {
  const pathItem = spec.document.paths[entry.op.pathTemplate] as Record<string, { responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }> }>;
  return pathItem?.[entry.op.method.toLowerCase()]?.responses?.[key]?.content ?? {};
}

/** `data[0].label (type): must be string; actual 5`. */
function describe(diagnostic: Diagnostic, body: unknown): string {
  if (diagnostic.keyword === 'status') return diagnostic.message;
  const where = diagnostic.pointer ? pointerToPath(diagnostic.pointer) : '(body)';
  const read = readPath(body, diagnostic.pointer ? pointerToPath(diagnostic.pointer) : '$');
  const actual = diagnostic.keyword === 'required' ? 'absent' : read.found ? show(read.value) : 'absent';
  return `response body at ${where} breaks "${diagnostic.keyword}": ${diagnostic.message}${params(diagnostic)}; actual: ${actual}`;
}

function params(diagnostic: Diagnostic): string {
  const { keyword, params: p } = diagnostic;
  if (keyword === 'type') return ` (expected ${String(p.type)})`;
  if (keyword === 'format') return ` (expected format ${String(p.format)})`;
  return '';
}
