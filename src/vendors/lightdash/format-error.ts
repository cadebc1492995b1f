import { STATUS_CODES } from 'node:http';
import type { ErrorDetail } from '../../engine/errors.js';
import type { MockResponse, Operation } from '../../engine/types.js';
import { tsoaBodyErrors } from './tsoa-body-checks.js';
import type { FieldErrors } from './tsoa-body-errors.js';
import { tsoaErrorsFromDiagnostics } from './tsoa-diagnostic-errors.js';

const FORBIDDEN = "You don't have access to this resource or action";
const UNEXPECTED = 'Unexpected error in Lightdash server.';
/** lightdash#20707 (2026-02-27) answers body-parser's too-large error as a 413 PayloadTooLargeError; its message is the mock's judgement. */
const PAYLOAD_TOO_LARGE = 'request entity too large';

/** The Lightdash error class for each status a client may force, with the message it carries by default. */
const BY_STATUS: Record<number, { name: string; message: string }> = {
  400: { name: 'ParameterError', message: 'Incorrect parameters' },
  401: { name: 'AuthorizationError', message: 'Failed to authorize user' },
  403: { name: 'ForbiddenError', message: FORBIDDEN },
  404: { name: 'NotFoundError', message: 'Not found' },
  406: { name: 'ExpiredError', message: 'Expired' },
  409: { name: 'AlreadyExistsError', message: 'Already exists' },
  413: { name: 'PayloadTooLargeError', message: PAYLOAD_TOO_LARGE },
  422: { name: 'ValidateError', message: '' },
  500: { name: 'UnexpectedServerError', message: UNEXPECTED },
  503: { name: 'RetryableNetworkError', message: 'Service unavailable' },
};

/** Every Lightdash error is this envelope (packages/backend/src/App.ts); `data` defaults to {}. */
export function lightdashEnvelope(statusCode: number, name: string, message: string, data: unknown = {}): MockResponse {
  return { status: statusCode, body: { status: 'error', error: { statusCode, name, message, data } } };
}

/** Pure: an engine error kind to the response a Lightdash server gives for it. */
export function formatLightdashError(detail: ErrorDetail, op: Operation | undefined): MockResponse {
  const named = namedError(detail);
  if (named) return named;
  switch (detail.kind) {
    case 'unauthenticated':
      if (detail.data?.passport === true) return { status: 401, body: 'Unauthorized', contentType: 'text/plain' };
      return lightdashEnvelope(401, 'AuthorizationError', detail.message ?? BY_STATUS[401]!.message);
    case 'forbidden':
      return lightdashEnvelope(403, 'ForbiddenError', FORBIDDEN);
    case 'validation':
      return validation(detail, op);
    case 'payload_too_large':
      return lightdashEnvelope(413, 'PayloadTooLargeError', PAYLOAD_TOO_LARGE);
    case 'forced':
      return detail.status === 422 ? validateError({}, op, detail) : forced(detail.status ?? 500);
    case 'not_found':
      return lightdashEnvelope(404, 'NotFoundError', detail.message ?? BY_STATUS[404]!.message);
    case 'route_not_found':
    case 'method_not_allowed':
      return expressNotFound(detail);
    case 'prefer_invalid':
      return lightdashEnvelope(400, 'ParameterError', detail.message ?? BY_STATUS[400]!.message);
    case 'rate_limited':
      return { ...lightdashEnvelope(429, 'LightdashError', STATUS_CODES[429]!), headers: { 'Retry-After': String(detail.retryAfterSeconds ?? 1) } };
    case 'response_invalid':
      return lightdashEnvelope(500, 'UnexpectedServerError', UNEXPECTED, { attrmock: detail.message ?? 'response_invalid' });
    default:
      // malformed_body, an unsupported content encoding or charset (body-parser's 415s), conflict, internal: none
      // is a LightdashError, so errorHandler hides it.
      return lightdashEnvelope(500, 'UnexpectedServerError', UNEXPECTED);
  }
}

/** A LightdashError a handler raised by class name (NotFoundError, AlreadyExistsError, ParameterError, PaginationError). */
function namedError(detail: ErrorDetail): MockResponse | undefined {
  const name = detail.data?.name;
  if (typeof name !== 'string' || name === 'ValidateError' || detail.status === undefined) return undefined;
  return lightdashEnvelope(detail.status, name, detail.message ?? BY_STATUS[detail.status]?.message ?? '');
}

function validation(detail: ErrorDetail, op: Operation | undefined): MockResponse {
  const given = detail.data?.fields as FieldErrors | undefined;
  return validateError(given ?? fieldsFor(detail, op), op, detail);
}

/**
 * TSOA throws ValidateError only once some field has failed, so its `data` is never empty. When the mock has
 * no field to name (a forced 422, or a check TSOA would not make), it names the one TSOA names for a missing
 * body, or, on an operation without a body, says in `attrmock` why it answered.
 */
function validateError(fields: FieldErrors, op: Operation | undefined, detail: ErrorDetail): MockResponse {
  const named = Object.keys(fields).length > 0 ? fields : tsoaBodyErrors(op, {}) ?? { attrmock: { message: detail.message ?? 'attrmock answered 422 with no field to name' } };
  return lightdashEnvelope(422, 'ValidateError', validateMessage(named), named);
}

/**
 * TSOA throws ValidateError(fields, '') and errorHandler used to pass the empty message on; since lightdash#18110
 * (2025-11-13, before the 0.3233.0 the spec emulates) it builds one from the fields: `<field>: <message>`
 * (joined with ', ' when several fields fail, the mock's judgement).
 */
export function validateMessage(fields: FieldErrors): string {
  return Object.entries(fields).map(([field, error]) => `${field}: ${error.message}`).join(', ');
}

/** The engine's spec validation failed: redo TSOA's check on the body when the engine handed it over. */
function fieldsFor(detail: ErrorDetail, op: Operation | undefined): FieldErrors {
  const diagnostics = detail.diagnostics ?? [];
  const fromDiagnostics = tsoaErrorsFromDiagnostics(diagnostics, op);
  const request = detail.request;
  if (!request || !diagnostics.some((d) => d.location === 'body')) return fromDiagnostics;
  const tsoa = tsoaBodyErrors(op, request.body ?? {});
  // TSOA accepting what the spec refused means the spec is stricter than TSOA there: keep the spec's entry.
  if (!tsoa) return fromDiagnostics;
  const { body: _replaced, ...others } = fromDiagnostics;
  return { ...others, ...tsoa };
}

/**
 * No Lightdash route matched: TSOA and the routers only register their own methods and paths, so Express's
 * finalhandler answers its HTML 404 ("Cannot POST /api/v1/..."). A real GET falls through to the SPA's
 * index.html (200); the mock answers that 404 for GET too (the mock's judgement: it serves no frontend).
 */
function expressNotFound(detail: ErrorDetail): MockResponse {
  const method = String(detail.data?.method ?? 'GET');
  const path = String(detail.data?.path ?? '/');
  const body = `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot ${escapeHtml(method)} ${escapeHtml(path)}</pre>\n</body>\n</html>\n`;
  return { status: 404, body, contentType: 'text/html; charset=utf-8', headers: { 'Content-Security-Policy': "default-src 'none'", 'X-Content-Type-Options': 'nosniff' } };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
}

function forced(status: number): MockResponse {
  const known = BY_STATUS[status];
  if (known) return lightdashEnvelope(status, known.name, known.message);
  return lightdashEnvelope(status, status >= 500 ? 'UnexpectedServerError' : 'LightdashError', STATUS_CODES[status] ?? 'Error');
}
