import type { Faker } from '@faker-js/faker';
import type { ErrorDetail } from './errors.js';
import type { UnmodelledSpec } from './with-unmodelled.js';
import type { JsonValue, MockRequest, MockResponse, Operation } from './types.js';

/** What a handler sees: the request, already routed, authenticated and validated. */
export interface HandlerContext<State, Principal> {
  req: MockRequest;
  op: Operation;
  /** Path parameters, decoded and coerced to their schema types. */
  params: Record<string, unknown>;
  /** Query parameters, coerced to their schema types (arrays for array parameters). */
  query: Record<string, unknown>;
  /** The parsed, validated body (undefined when none). */
  body: unknown;
  state: State;
  principal: Principal;
  /** Seeded per world, so new ids are the same on every machine for the same seed and calls. */
  faker: Faker;
  /** The clock; tests and state files share it. */
  now(): Date;
  /** Tells the user something the vendor would pass over silently (logged and journaled with the request). */
  warn(message: string): void;
}

/** Handlers return plain values and throw MockError for the vendor's errors. They never await mid-write. */
export type Handler<State, Principal> = (ctx: HandlerContext<State, Principal>) => MockResponse;

export interface AuthContext<State> {
  req: MockRequest;
  op: Operation;
  state: State;
  now(): Date;
}

/**
 * How a vendor's real server reads request bodies, where it differs from the engine's defaults (JSON also
 * without a content type, invalid UTF-8 and `__proto__` keys refused, credentials checked before the body).
 */
export interface BodyPolicy {
  /** The largest body its server reads, in bytes; an explicit host limit (`bodyLimit`) still wins. */
  limit?: number;
  /** The body parser runs before authentication, so a malformed or oversized body is refused even without credentials. */
  parseBeforeAuth?: boolean;
  /**
   * Only `application/json` (and forms) are parsed; any other content type, or none, reaches the operation as
   * an empty object, as express.json() leaves `req.body = {}` for bodies it does not take.
   */
  jsonOnlyByContentType?: boolean;
  /** Invalid UTF-8 decodes to U+FFFD instead of being refused (body-parser's iconv-lite decoding). */
  replaceInvalidUtf8?: boolean;
  /** A `__proto__` key is kept as an own data key, as JSON.parse defines it, instead of being refused. */
  protoKeysAsData?: boolean;
}

/**
 * Everything the engine needs from one vendor. The vendor folder is the only place that knows the
 * vendor's rules and error format; the engine receives modules from the vendor registry.
 */
export interface VendorModule<State = unknown, Principal = unknown> {
  /** URL-safe name; the vendor is mounted at `/<name>`. */
  name: string;
  /** File name of the vendor's OpenAPI document inside the specs folder. */
  specFile: string;
  /**
   * The vendor's complete spec, when specFile models part of it: its other operations are served from the spec
   * alone (after authentication and validation), marked not modelled. Their validators compile on first use.
   */
  unmodelledSpec?: UnmodelledSpec;
  /** File name of the vendor's seeded world inside the fixtures folder; '' for a vendor served from its spec alone. */
  fixtureFile: string;
  /** Builds the seeded world from the parsed fixture file; throws on an invalid fixture. */
  createState(fixtures: unknown, faker: Faker): State;
  /** A JSON snapshot of the state (for state files, export and sessions). */
  exportState(state: State): JsonValue;
  /** The inverse of exportState; throws MockError('validation') on anything it cannot trust. */
  importState(snapshot: unknown): State;
  /** Returns the principal, or throws MockError('unauthenticated' | 'forbidden' | ...). */
  authenticate(ctx: AuthContext<State>): Principal;
  /** Keyed by operationId; an operationId the spec lacks is a start-up error. */
  handlers: Record<string, Handler<State, Principal>>;
  /** How its server reads bodies, where that differs from the engine's defaults. */
  bodyPolicy?: BodyPolicy;
  /** The rate the vendor documents, in requests per second per credential; `--rate-limit` alone turns it on. */
  documentedRateLimit?: number;
  /**
   * Optional: names of body fields (at any depth) that carry a secret in this request beyond the credential names
   * every vendor shares, so the request journal never keeps their values (a Looker hidden attribute's `value`).
   * Called with the validated request before its handler runs; it must not change the state.
   */
  secretBodyFields?(ctx: { op: Operation; params: Record<string, unknown>; body: unknown; state: State }): readonly string[] | undefined;
  /** Pure: an error kind (with status, message, diagnostics) to a response in the vendor's format. */
  formatError(error: ErrorDetail, op: Operation | undefined): MockResponse;
}

/** Erases the type parameters where the engine stores modules of several vendors side by side. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyVendorModule = VendorModule<any, any>;
