import { mediaKey, type CompiledOperation } from './compile-operations.js';
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
  // Statuses that by definition carry no body are checked for status alone.
  if (response.body === undefined && (response.status === 204 || response.status === 304)) return [];
  const sent = response.contentType?.split(';')[0]!.trim().toLowerCase();
  const primary = !sent || sent === spec.contentType?.toLowerCase() || (/json/.test(sent) && !(sent in spec.otherMedia));
  if (!primary && !(sent in spec.otherMedia)) {
    const declared = [spec.contentType, ...Object.keys(spec.otherMedia)].filter(Boolean).join(', ');
    return [{ location: 'response', pointer: '', keyword: 'contentType', message: `content type ${sent} is not documented for ${response.status} (documented: ${declared})`, params: { contentType: sent } }];
  }
  const validate = entry.responseValidators.get(primary ? spec.key : mediaKey(spec.key, sent!));
  if (!validate) return [];
  return validate(response.body) ? [] : toDiagnostics(validate.errors, 'response');
}
