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
  return responseChecker(new RouteTable(spec.operations));
}

/** The same check over routes already compiled (a running engine's, for the proxy's drift reports). */
export function responseChecker(routes: RouteTable): ResponseSchemaCheck {
  return (method, requestPath, status, body, contentType) => {
    const match = routes.match(method.toUpperCase(), requestPath);
    if (match.kind !== 'found') return { failures: [] };
    const { operationId } = match.entry.op;
    const label = `${operationId} ${status}`;
    const diagnostics = validateResponse(match.entry, { status, body, contentType: body === undefined ? undefined : contentType ?? undefined });
    const failures = diagnostics.map((d) => ({ check: CHECKS[d.keyword] ?? 'responseSchema', message: `${label}: ${describe(d, body)}` }));
    return { operationId, failures };
  };
}

/** Diagnostics about the response as a whole rather than a place in its body. */
const CHECKS: Record<string, string> = { status: 'statusDocumented', contentType: 'contentTypeDocumented' };

/** `data[0].label (type): must be string; actual 5`. */
function describe(diagnostic: Diagnostic, body: unknown): string {
  if (diagnostic.keyword in CHECKS) return diagnostic.message;
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
