/**
 * The engine's own request/response vocabulary. Nothing here knows a vendor or a web framework:
 * the HTTP host turns its requests into a MockRequest and writes back a MockResponse.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonSchema = Record<string, unknown>;

export interface MockRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** Path below the vendor's mount point, still percent-encoded (e.g. `/api/v1/org/attributes`). */
  path: string;
  /** Query parameters as sent: a repeated key becomes an array. */
  query: Record<string, string | string[]>;
  /** Header names lower-cased. */
  headers: Record<string, string | undefined>;
  /** The raw body, undefined when none was sent. */
  body?: Buffer;
}

export interface MockResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialisable body, or a string sent as-is when contentType is not JSON; undefined for no body. */
  body?: unknown;
  /** Defaults to application/json when a body is present. */
  contentType?: string;
}

/** A neutral description of one validation failure, made from Ajv's errors at once. */
export interface Diagnostic {
  location: 'path' | 'query' | 'header' | 'body' | 'response';
  /** JSON pointer inside the location, e.g. `/data/0/userId`; for parameters `/<name>`. */
  pointer: string;
  keyword: string;
  message: string;
  /** Ajv's params for the keyword (missingProperty, additionalProperty, allowedValues, ...). */
  params: Record<string, unknown>;
}

export type ParameterLocation = 'path' | 'query' | 'header';

export interface ParameterSpec {
  name: string;
  in: ParameterLocation;
  required: boolean;
  schema: JsonSchema;
  style?: string;
  explode?: boolean;
}

export interface ResponseSpec {
  /** `200`, `4XX` or `default`. */
  key: string;
  description: string;
  contentType?: string;
  schema?: JsonSchema;
  example?: unknown;
  examples: Record<string, unknown>;
  /** Schemas of the response's other media types (e.g. a text/plain 401 beside the JSON one), by media type. */
  otherMedia: Record<string, JsonSchema | undefined>;
}

/** One operation of the compiled table: everything the pipeline needs, resolved at start-up. */
export interface Operation {
  vendor: string;
  operationId: string;
  method: string;
  /** The spec's path template, e.g. `/users/{user_id}`. */
  pathTemplate: string;
  /** The spec's one-line summary, for people reading an operation list. */
  summary?: string;
  parameters: ParameterSpec[];
  requestBody?: { required: boolean; contentTypes: string[]; schema?: JsonSchema };
  responses: ResponseSpec[];
  /** Statuses a client may force with `Prefer: code=`: the explicit ones, plus 400-599 when `default`/`4XX`/`5XX` exist. */
  documentedStatuses: number[];
  /** The operation object's own `x-*` fields, for vendor rules that are stated in the spec. */
  extensions: Record<string, unknown>;
  security: Array<Record<string, string[]>>;
}
