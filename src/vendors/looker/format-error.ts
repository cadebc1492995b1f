import type { Diagnostic, MockResponse, Operation } from '../../engine/types.js';
import type { ErrorDetail, ErrorKind } from '../../engine/errors.js';
import type { FieldError } from './looker-errors.js';

const DOCS = 'https://cloud.google.com/looker/docs/r/err/4.0';
const API_PREFIX = '/api/4.0';

const MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Requires authentication.',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Resource Already Exists',
  413: 'Payload Too Large',
  422: 'Validation Failed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

const STATUS_OF_KIND: Record<ErrorKind, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 404,
  validation: 422,
  conflict: 409,
  malformed_body: 400,
  unsupported_media_type: 400,
  // Looker publishes no answer for an oversized body; 413 in its own error format is the honest status.
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  forced: 500,
  prefer_invalid: 400,
  response_invalid: 500,
};

/**
 * Looker's documentation link for an error: `<DOCS>/<status>/<method>/<path with :params>`, e.g.
 * `.../4.0/404/patch/users/:user_id/attribute_values/:user_attribute_id`.
 */
export function documentationUrl(status: number, op: Operation | undefined): string {
  if (!op) return `${DOCS}/${status}`;
  const path = op.pathTemplate.replace(API_PREFIX, '').replace(/\{([^}]+)\}/g, ':$1');
  return `${DOCS}/${status}/${op.method.toLowerCase()}${path}`;
}

/** Pure: an engine error to Looker's body — `{message, documentation_url}`, or ValidationError for 422. */
export function formatLookerError(detail: ErrorDetail, op: Operation | undefined): MockResponse {
  const status = statusFor(detail, op);
  const documentation_url = documentationUrl(status, op);
  const headers: Record<string, string> = {};
  if (status === 429) headers['Retry-After'] = String(detail.retryAfterSeconds ?? 1);
  if (status === 422) {
    const errors = fieldErrors(detail).map((e) => ({ ...e, documentation_url }));
    return { status, headers, body: { message: MESSAGES[422], errors, documentation_url } };
  }
  return { status, headers, body: { message: messageFor(detail, status), documentation_url } };
}

function statusFor(detail: ErrorDetail, op: Operation | undefined): number {
  // Spec diagnostics: Looker answers a body that breaks the schema with 422, bad parameters with 400.
  if (detail.kind === 'validation' && detail.diagnostics?.length) return onlyBody(detail.diagnostics) && documents(op, 422) ? 422 : 400;
  if (detail.status !== undefined) return detail.status;
  if (detail.kind === 'validation') return 400;
  if (detail.kind === 'conflict') return documents(op, 409) ? 409 : 422;
  return STATUS_OF_KIND[detail.kind];
}

function documents(op: Operation | undefined, status: number): boolean {
  return op?.documentedStatuses.includes(status) ?? false;
}

function onlyBody(diagnostics: Diagnostic[] | undefined): boolean {
  return (diagnostics ?? []).every((d) => d.location === 'body');
}

/** Handlers name their own messages; engine kinds get Looker's standard phrase, parameters get the reason. */
function messageFor(detail: ErrorDetail, status: number): string {
  const standard = MESSAGES[status] ?? 'Error';
  if (detail.kind === 'unauthenticated') return status === 401 ? MESSAGES[401]! : standard;
  if (detail.kind === 'not_found' || detail.kind === 'route_not_found' || detail.kind === 'method_not_allowed') return MESSAGES[404]!;
  if (detail.kind === 'forced' || detail.kind === 'rate_limited') return standard;
  if (detail.kind === 'validation' && detail.diagnostics?.length) return detail.diagnostics.map(describeDiagnostic).join('; ');
  if (detail.kind === 'internal' || detail.kind === 'response_invalid') return standard;
  return detail.message ?? standard;
}

function describeDiagnostic(d: Diagnostic): string {
  const name = d.pointer.replace(/^\//, '').replace(/\//g, '.') || d.location;
  return `${d.location} parameter ${name} ${d.message}`;
}

function fieldErrors(detail: ErrorDetail): FieldError[] {
  const given = detail.data?.errors;
  if (Array.isArray(given)) return given as FieldError[];
  return (detail.diagnostics ?? []).map(diagnosticToFieldError);
}

function diagnosticToFieldError(d: Diagnostic): FieldError {
  const base = d.pointer.replace(/^\//, '').replace(/\//g, '.');
  if (d.keyword === 'required' && typeof d.params.missingProperty === 'string') {
    const property = d.params.missingProperty;
    const field = base === '' ? property : base === property || base.endsWith(`.${property}`) ? base : `${base}.${property}`;
    return { field, code: 'missing', message: 'This field is required.' };
  }
  return { field: base || 'body', code: 'invalid', message: d.message };
}
