import type { ErrorDetail } from '../engine/errors.js';
import { responseFor } from '../engine/mock-from-spec.js';
import type { MockResponse, Operation } from '../engine/types.js';
import type { VendorModule } from '../engine/vendor.js';

const DEFAULT_STATUS: Partial<Record<ErrorDetail['kind'], number>> = {
  unauthenticated: 401, forbidden: 403, not_found: 404, route_not_found: 404, method_not_allowed: 405,
  validation: 422, conflict: 409, malformed_body: 400, unsupported_media_type: 415, payload_too_large: 413,
  rate_limited: 429, prefer_invalid: 400,
};

/**
 * A vendor known only by its OpenAPI document, served as Prism serves one: no state, no credentials checked,
 * every answer from the spec. Errors carry only a status; the engine fills in the spec's body for it.
 */
export function specOnlyVendor(name: string, specFile: string): VendorModule<null, null> {
  return {
    name,
    specFile,
    fixtureFile: '',
    createState: () => null,
    exportState: () => null,
    importState: () => null,
    authenticate: () => null,
    handlers: {},
    formatError: (error, op) => formatFromSpec(error, op),
  };
}

function formatFromSpec(error: ErrorDetail, op: Operation | undefined): MockResponse {
  const status = error.status ?? DEFAULT_STATUS[error.kind] ?? 500;
  const headers = status === 429 ? { 'retry-after': String(error.retryAfterSeconds ?? 1) } : undefined;
  // With no documented body for the status (or outside any operation), say what happened in plain JSON.
  const documented = op ? responseFor(op, status)?.schema : undefined;
  return { status, headers, body: documented ? undefined : { message: error.message ?? error.kind } };
}
