import type { CompiledOperation } from './compile-operations.js';
import { toDiagnostics } from './diagnostics.js';
import { responseFor } from './mock-from-spec.js';
import type { Diagnostic, MockResponse } from './types.js';

/** Checks an outgoing response against the operation's spec: the status must be documented, the body must fit. */
export function validateResponse(entry: CompiledOperation, response: MockResponse): Diagnostic[] {
  const spec = responseFor(entry.op, response.status);
  if (!spec) {
    const documented = entry.op.responses.map((r) => r.key).join(', ');
    return [{ location: 'response', pointer: '', keyword: 'status', message: `status ${response.status} is not documented (documented: ${documented})`, params: { status: response.status } }];
  }
  const validate = entry.responseValidators.get(spec.key);
  if (!validate) return [];
  return validate(response.body) ? [] : toDiagnostics(validate.errors, 'response');
}
