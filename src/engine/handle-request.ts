import type { CompiledOperation } from './compile-operations.js';
import { isMockError, MockError, type ErrorDetail, type ErrorKind } from './errors.js';
import { exampleStatus, mockFromSpec, responseFor } from './mock-from-spec.js';
import { parseBody } from './parse-body.js';
import { parseParameters } from './parse-parameters.js';
import { parsePrefer, withoutControlQuery, type Preferences } from './parse-prefer.js';
import type { Diagnostic, MockRequest, MockResponse, Operation } from './types.js';
import { validateRequest } from './validate-request.js';
import { validateResponse } from './validate-response.js';
import type { VendorRuntime } from './vendor-runtime.js';
import type { VendorWorld } from '../store/world.js';

export interface PipelineOptions {
  /** 'fail' turns a response the spec does not allow into a 500 (tests); 'log' only reports it. */
  responseValidation: 'fail' | 'log';
  now(): Date;
  onResponseViolation?(op: Operation, response: MockResponse, diagnostics: Diagnostic[]): void;
}

/** What happened to one request: the response, and what the journal and logs want to know about it. */
export interface HandledRequest {
  response: MockResponse;
  operationId?: string;
  /** The request's validation failures, when it was rejected for them. */
  requestDiagnostics?: Diagnostic[];
  /** Set when the mock's own answer broke the spec. */
  responseDiagnostics?: Diagnostic[];
  /** True when the handler ran and answered 2xx: the world may have changed. */
  mutated: boolean;
  /** What the handler warned about: requests a real server answers, but not as the client meant. */
  warnings?: string[];
  /** False when no handler models the operation and the spec alone answered, as Prism would. */
  modelled?: boolean;
  /** Body fields the vendor says carry secrets in this request (VendorModule.secretBodyFields), for the journal. */
  secretFields?: readonly string[];
}

/** Marks an answer the spec alone gave, so a client (and the journal) can tell it from a modelled one. */
export const NOT_MODELLED_HEADER = 'x-attrmock-modelled';

/**
 * A control layer's say before the vendor sees a routed request (QA fault rules, rate limits): an error to
 * answer in the vendor's format instead of running the operation, or undefined to carry on.
 */
export type Intercept = (op: Operation) => ErrorDetail | undefined;

/** Errors the mock makes about how it is used, which no vendor spec can document. */
const UNDOCUMENTABLE: ReadonlySet<ErrorKind> = new Set([
  'route_not_found', 'method_not_allowed', 'prefer_invalid', 'payload_too_large', 'unsupported_media_type', 'response_invalid',
]);

/**
 * The request pipeline: route → intercept (fault rule, rate limit) → forced error → auth → parse → validate →
 * Prefer → handler → validate response → format.
 */
export function handleRequest(runtime: VendorRuntime, world: VendorWorld, req: MockRequest, options: PipelineOptions, intercept?: Intercept): HandledRequest {
  const match = runtime.routes.match(req.method, req.path);
  // An operation only the vendor's wider spec documents answers from that spec, schemas and examples alike.
  const vendor = match.kind === 'found' && runtime.unmodelled?.ids.has(match.entry.op.operationId) ? { ...runtime, spec: runtime.unmodelled.spec } : runtime;
  if (match.kind !== 'found') {
    const kind = match.kind === 'not_found' ? 'route_not_found' : 'method_not_allowed';
    const message = match.kind === 'not_found' ? `No route for ${req.method} ${req.path}` : `Method ${req.method} is not allowed; allowed: ${match.allowed.join(', ')}`;
    const response = vendor.module.formatError({ kind, message, data: { method: req.method, path: req.path } }, undefined);
    // RFC 9110 asks a 405 to say what is allowed; a vendor whose framework answers 404 instead sends none.
    if (match.kind === 'method_not_allowed' && response.status === 405) response.headers = { ...response.headers, allow: match.allowed.join(', ') };
    return { response, mutated: false };
  }
  const { entry } = match;
  const op = entry.op;
  const handled: HandledRequest = { response: { status: 500 }, operationId: op.operationId, mutated: false };
  const intercepted = intercept?.(op);
  if (intercepted) return interceptedAnswer(vendor, entry, world, intercepted, options, handled);
  let errorKind: ErrorKind | undefined;
  try {
    handled.response = answer(vendor, entry, world, req, match.rawParams, options, handled);
  } catch (error) {
    const detail: ErrorDetail = isMockError(error) ? error.detail : { kind: 'internal', message: (error as Error)?.message ?? String(error) };
    errorKind = detail.kind;
    if (detail.kind === 'validation' && detail.diagnostics) handled.requestDiagnostics = detail.diagnostics;
    handled.response = formatted(vendor, op, world, detail);
  }
  if (errorKind !== undefined && UNDOCUMENTABLE.has(errorKind)) return handled;
  return checkResponse(vendor, entry, handled, options);
}

function answer(
  vendor: VendorRuntime,
  entry: CompiledOperation,
  world: VendorWorld,
  req: MockRequest,
  rawParams: Record<string, string>,
  options: PipelineOptions,
  handled: HandledRequest,
): MockResponse {
  const op = entry.op;
  const asked = parsePrefer(req);
  // `example=badToken` alone asks for the status whose response documents it.
  const prefs = asked.example !== undefined && asked.code === undefined ? { ...asked, code: exampleStatus(op, asked.example) } : asked;
  // A forced error answers whatever was sent, as QA asks; a forced success still needs a request that could succeed.
  if (prefs.invalid || (prefs.code !== undefined && prefs.code >= 400)) return preferred(vendor, op, world, prefs);
  const policy = vendor.module.bodyPolicy;
  // A server whose body parser runs app-wide refuses a malformed body before it looks at credentials.
  const early = policy?.parseBeforeAuth ? parseBody(op, req.headers['content-type'], req.body, policy) : undefined;
  const principal: unknown = vendor.module.authenticate({ req, op, state: world.state, now: options.now });
  const body = policy?.parseBeforeAuth ? early : parseBody(op, req.headers['content-type'], req.body, policy);
  const request = { ...req, query: withoutControlQuery(req.query) };
  const { values, diagnostics } = parseParameters(entry, request, rawParams);
  diagnostics.push(...validateRequest(entry, values, body));
  if (diagnostics.length > 0) throw new MockError({ kind: 'validation', diagnostics, status: 400, request: { body } });
  if (prefs.code !== undefined || prefs.example !== undefined || prefs.dynamic) return preferred(vendor, op, world, prefs);
  // Asked before the handler runs: the write may change what is secret (a new hidden attribute).
  handled.secretFields = vendor.module.secretBodyFields?.({ op, params: values.path, body, state: world.state });
  const handler = vendor.module.handlers[op.operationId];
  if (!handler) {
    handled.modelled = false;
    const mocked = mockFromSpec(vendor.spec, op, {}, world.faker);
    return { ...mocked, headers: { ...mocked.headers, [NOT_MODELLED_HEADER]: 'false' } };
  }
  const warn = (message: string): void => void (handled.warnings ??= []).push(message);
  const response = handler({ req: request, op, params: values.path, query: values.query, body, state: world.state, principal, faker: world.faker, now: options.now, warn });
  handled.mutated = op.method !== 'GET' && op.method !== 'HEAD' && response.status < 300;
  return response;
}

/** `Prefer` answers change no state: success statuses come from the spec, errors from the vendor's formatter. */
function preferred(vendor: VendorRuntime, op: Operation, world: VendorWorld, prefs: Preferences): MockResponse {
  if (prefs.invalid) throw new MockError({ kind: 'prefer_invalid', message: `Prefer ${prefs.invalid}` });
  const status = prefs.code;
  if (status !== undefined && !op.documentedStatuses.includes(status)) {
    throw new MockError({
      kind: 'prefer_invalid',
      message: `Prefer code=${status} is not documented for ${op.operationId}; documented: ${op.documentedStatuses.join(', ')}`,
    });
  }
  // A named example is the vendor's body as its spec documents it; without one the vendor's formatter answers.
  if (status !== undefined && status >= 400 && prefs.example === undefined) {
    throw new MockError({ kind: 'forced', status, message: `Forced ${status} (Prefer code=${status})` });
  }
  return mockFromSpec(vendor.spec, op, { status, example: prefs.example, dynamic: prefs.dynamic }, world.faker);
}

/**
 * The vendor's answer for an error. A formatter may give only a status (a spec-only vendor has no format of
 * its own): then the spec supplies the body, whichever way the error arose.
 */
function formatted(vendor: VendorRuntime, op: Operation, world: VendorWorld, detail: ErrorDetail): MockResponse {
  const response = vendor.module.formatError(detail, op);
  if (response.body !== undefined || !responseFor(op, response.status)?.schema) return response;
  return { ...mockFromSpec(vendor.spec, op, { status: response.status }, world.faker), headers: response.headers };
}

/** QA may force a status the spec does not document; the vendor still formats it, and only documented ones are checked. */
function interceptedAnswer(
  vendor: VendorRuntime,
  entry: CompiledOperation,
  world: VendorWorld,
  detail: ErrorDetail,
  options: PipelineOptions,
  handled: HandledRequest,
): HandledRequest {
  handled.response = formatted(vendor, entry.op, world, detail);
  if (!entry.op.documentedStatuses.includes(handled.response.status)) return handled;
  return checkResponse(vendor, entry, handled, options);
}

function checkResponse(vendor: VendorRuntime, entry: CompiledOperation, handled: HandledRequest, options: PipelineOptions): HandledRequest {
  const diagnostics = validateResponse(entry, handled.response);
  if (diagnostics.length === 0) return handled;
  handled.responseDiagnostics = diagnostics;
  options.onResponseViolation?.(entry.op, handled.response, diagnostics);
  if (options.responseValidation === 'fail') {
    const summary = diagnostics.map((d) => `${d.pointer || '/'} ${d.message}`).join('; ');
    handled.response = vendor.module.formatError(
      { kind: 'response_invalid', status: 500, message: `attrmock answered ${handled.response.status} outside its spec: ${summary}`, diagnostics },
      entry.op,
    );
  }
  return handled;
}
