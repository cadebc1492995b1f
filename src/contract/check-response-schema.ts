import path from 'node:path';
import { compileOperations } from '../engine/compile-operations.js';
import { pointerToPath } from '../engine/diagnostics.js';
import { loadSpec } from '../engine/load-spec.js';
import { RouteTable } from '../engine/match-route.js';
import type { Diagnostic } from '../engine/types.js';
import { validateResponse } from '../engine/validate-response.js';
import { readPath } from './read-path.js';
import { show } from './match-value.js';
import type { CheckFailure } from './types.js';

/** Checks one response of a vendor against its spec: the status must be documented, the body must fit. */
export type ResponseSchemaCheck = (method: string, requestPath: string, status: number, body: unknown, contentType: string | null) => CheckFailure[];

/**
 * Compiles a vendor's spec with the engine's own compiler and validators (the ones the mock answers with), so a
 * contract run reports drift in the same words: JSON path, keyword, expected and actual.
 */
export async function checkResponseSchema(specsDir: string, vendor: string): Promise<ResponseSchemaCheck> {
  const spec = compileOperations(vendor, await loadSpec(path.join(specsDir, `${vendor}.oas.yaml`)));
  const routes = new RouteTable(spec.operations);
  return (method, requestPath, status, body, contentType) => {
    const match = routes.match(method.toUpperCase(), requestPath);
    if (match.kind !== 'found') return [];
    const op = match.entry.op;
    const documentsJson = op.responses.some((r) => r.schema !== undefined);
    if (documentsJson && body !== undefined && contentType !== null && !/json/i.test(contentType) && status !== 204) {
      return [{ check: 'responseSchema', message: `${op.operationId} ${status}: expected a JSON body, got content-type ${contentType}` }];
    }
    return validateResponse(match.entry, { status, body }).map((d) => ({
      check: d.keyword === 'status' ? 'statusDocumented' : 'responseSchema',
      message: `${op.operationId} ${status}: ${describe(d, body)}`,
    }));
  };
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
