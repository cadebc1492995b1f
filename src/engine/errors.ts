import type { Diagnostic } from './types.js';

/**
 * The one catalogue of error kinds. Code branches on the kind, never on a message; each vendor's
 * formatter turns a kind (plus status and diagnostics) into that vendor's own error body.
 */
export type ErrorKind =
  /** No credentials, or credentials the vendor does not recognise. */
  | 'unauthenticated'
  /** Recognised credentials without the right to do this. */
  | 'forbidden'
  /** An entity named by the request does not exist. */
  | 'not_found'
  /** No operation of the vendor's spec matches the path. */
  | 'route_not_found'
  /** The path exists, the method does not. */
  | 'method_not_allowed'
  /** The request breaks the spec (diagnostics) or a vendor rule (message/data). */
  | 'validation'
  /** A uniqueness rule was broken. */
  | 'conflict'
  /** The body could not be parsed as the declared content type. */
  | 'malformed_body'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'rate_limited'
  /** A handler threw, or the vendor's real server fails on this input. */
  | 'internal'
  /** A status asked for on purpose (`Prefer: code=`, a fault rule): the formatter picks the vendor's body for it. */
  | 'forced'
  /** `Prefer` asked for something the spec does not document. */
  | 'prefer_invalid'
  /** A handler answered what the spec does not allow: a mock bug, never the client's fault. */
  | 'response_invalid';

export interface ErrorDetail {
  kind: ErrorKind;
  /** The status to answer; formatters use their vendor's default for the kind when absent. */
  status?: number;
  message?: string;
  diagnostics?: Diagnostic[];
  /** Vendor-specific extras for the formatter (e.g. a field map, an error code). */
  data?: Record<string, unknown>;
  /** For rate limits: seconds to put in Retry-After. */
  retryAfterSeconds?: number;
  /** The parsed request, for vendors whose errors echo what was sent (TSOA puts the body in `value`). */
  request?: { body?: unknown };
}

/**
 * Thrown by handlers and authenticators; the pipeline hands its detail to the vendor's formatter.
 * It is an answer, not a fault: it carries no stack trace, whose capture was the largest single cost of a
 * rejected request (~12 % of the 400 path's CPU in a profile). A handler's real bug is any other Error.
 */
export class MockError extends Error {
  readonly detail: ErrorDetail;
  constructor(detail: ErrorDetail) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(detail.message ?? detail.kind);
    Error.stackTraceLimit = limit;
    this.name = 'MockError';
    this.detail = detail;
  }
}

export function isMockError(value: unknown): value is MockError {
  return value instanceof MockError;
}
