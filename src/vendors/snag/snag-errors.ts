import { STATUS_CODES } from 'node:http';
import { pointerToPath } from '../../engine/diagnostics.js';
import type { ErrorDetail } from '../../engine/errors.js';
import type { Diagnostic, MockResponse, Operation } from '../../engine/types.js';

export const FORBIDDEN_MESSAGE = 'Forbidden, Could not validate api key';
export const RATE_LIMIT_MESSAGE = 'Too many requests, please try again later.';

/**
 * Snag's error format: `{message}` for 400/403/429 and `{success:false, message, debugInfo}` for 500.
 * Snag documents no 404: a missing entity is a 400 that names the field.
 */
export function formatSnagError(error: ErrorDetail, _op: Operation | undefined): MockResponse {
  switch (error.kind) {
    case 'unauthenticated':
      return message(403, FORBIDDEN_MESSAGE);
    case 'forbidden':
      return message(403, error.message ?? FORBIDDEN_MESSAGE);
    case 'validation':
      return message(400, error.diagnostics?.length ? describe(error.diagnostics) : error.message ?? 'Request body is invalid');
    case 'not_found':
    case 'conflict':
    case 'malformed_body':
    case 'unsupported_media_type':
    case 'prefer_invalid':
      return message(400, error.message ?? 'Request body is invalid');
    case 'route_not_found':
      return message(404, error.message ?? 'Not found');
    case 'method_not_allowed':
      return message(405, error.message ?? 'Method not allowed');
    case 'payload_too_large':
      return message(413, 'Request body is too large');
    case 'rate_limited':
      return rateLimited(error.retryAfterSeconds ?? 1);
    case 'forced':
      return forced(error.status ?? 500, error.message);
    case 'internal':
    case 'response_invalid':
      return serverError(error.message ?? 'Internal server error', error.kind);
  }
}

/**
 * Snag's own bodies for the statuses it documents; any other status (a 404, a 502 or 503 from the gateway in front
 * of Snag) gets its HTTP reason, as a proxy would say it: only Snag's own 500 carries `success` and `debugInfo`.
 */
function forced(status: number, why = 'forced'): MockResponse {
  if (status === 403) return message(403, FORBIDDEN_MESSAGE);
  if (status === 429) return rateLimited(1);
  if (status === 500) return serverError('Internal server error', why);
  if (status === 400) return message(400, 'Request body is invalid');
  return message(status, STATUS_CODES[status] ?? 'Error');
}

function message(status: number, text: string): MockResponse {
  return { status, body: { message: text } };
}

function rateLimited(seconds: number): MockResponse {
  return { status: 429, headers: { 'retry-after': String(seconds) }, body: { message: RATE_LIMIT_MESSAGE } };
}

function serverError(text: string, debugInfo: string): MockResponse {
  return { status: 500, body: { success: false, message: text, debugInfo } };
}

/** `data[0].userId must match format "uuid"; organizationId is required` */
function describe(diagnostics: Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const field = pointerToPath(d.pointer);
      const where = d.location === 'body' ? field || 'body' : `${d.location} parameter ${field}`;
      // The engine says "request body is required" of a missing body; "body request body…" reads badly.
      if (d.location === 'body' && !field && d.keyword === 'required') return 'body is required';
      return `${where} ${d.message}`;
    })
    .join('; ');
}
