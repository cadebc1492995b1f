import { STATUS_CODES } from 'node:http';
import type { ErrorDetail } from '../../engine/errors.js';
import type { MockResponse, Operation } from '../../engine/types.js';
import { tsoaBodyErrors } from './tsoa-body-checks.js';
import type { FieldErrors } from './tsoa-body-errors.js';
import { tsoaErrorsFromDiagnostics } from './tsoa-diagnostic-errors.js';

const FORBIDDEN = "You don't have access to this resource or action";
const UNEXPECTED = 'Unexpected error in Lightdash server.';

/** The Lightdash error class for each status a client may force, with the message it carries by default. */
const BY_STATUS: Record<number, { name: string; message: string }> = {
  400: { name: 'ParameterError', message: 'Incorrect parameters' },
  401: { name: 'AuthorizationError', message: 'Failed to authorize user' },
  403: { name: 'ForbiddenError', message: FORBIDDEN },
  404: { name: 'NotFoundError', message: 'Not found' },
  406: { name: 'ExpiredError', message: 'Expired' },
  409: { name: 'AlreadyExistsError', message: 'Already exists' },
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
    case 'unsupported_media_type':
      // express.json() skips other content types and leaves req.body = {}, which TSOA then rejects.
      return validateError(tsoaBodyErrors(op, {}) ?? {}, op, detail);
    case 'forced':
      return detail.status === 422 ? validateError({}, op, detail) : forced(detail.status ?? 500);
    case 'not_found':
    case 'route_not_found':
    case 'method_not_allowed':
      return lightdashEnvelope(404, 'NotFoundError', detail.message ?? BY_STATUS[404]!.message);
    case 'prefer_invalid':
      return lightdashEnvelope(400, 'ParameterError', detail.message ?? BY_STATUS[400]!.message);
    case 'rate_limited':
      return { ...lightdashEnvelope(429, 'LightdashError', STATUS_CODES[429]!), headers: { 'Retry-After': String(detail.retryAfterSeconds ?? 1) } };
    case 'response_invalid':
      return lightdashEnvelope(500, 'UnexpectedServerError', UNEXPECTED, { attrmock: detail.message ?? 'response_invalid' });
    default:
      // malformed_body, payload_too_large, conflict, internal: none is a LightdashError, so errorHandler hides it.
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
  if (Object.keys(fields).length > 0) return lightdashEnvelope(422, 'ValidateError', '', fields);
  const missingBody = tsoaBodyErrors(op, {});
  return lightdashEnvelope(422, 'ValidateError', '', missingBody ?? { attrmock: { message: detail.message ?? 'attrmock answered 422 with no field to name' } });
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

function forced(status: number): MockResponse {
  const known = BY_STATUS[status];
  if (known) return lightdashEnvelope(status, known.name, known.message);
  return lightdashEnvelope(status, status >= 500 ? 'UnexpectedServerError' : 'LightdashError', STATUS_CODES[status] ?? 'Error');
}
