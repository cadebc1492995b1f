/**
 * The vocabulary of contract suites (what contracts/*.yaml hold) and of their results.
 * A suite is data: ordered scenarios of steps; a step is one request, its expectations and its captures.
 */

/**
 * Tags say where a step cannot run as written:
 * - `state`: its status depends on earlier writes (Prism answers from the spec alone, so it is skipped there);
 * - `vendor-rule`: its status comes from a vendor rule the spec cannot express (skipped against Prism);
 * - `prefer`: it asks for a status with `Prefer: code=` (real vendors ignore Prefer: skipped against them and URLs);
 * - `fixture`: it relies on the mock's seeded world (skipped against a real vendor or a URL).
 * Other tags are free-form labels.
 */
export type StepTag = 'state' | 'vendor-rule' | 'prefer' | 'fixture' | (string & {});

export interface StepRequest {
  method: string;
  /** Below the vendor's base URL, e.g. `/api/website_user_attributes/${attributeId}`. */
  path: string;
  query?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** JSON body (any value); `form` sends application/x-www-form-urlencoded instead; `raw` sends text as-is. */
  body?: unknown;
  form?: Record<string, string>;
  raw?: string;
  /** `none` sends no credentials; by default the target's credentials are added unless the step sets that header. */
  auth?: 'default' | 'none';
}

/** A matcher on one value: a literal (deep equality) or an object of one or more operators. */
export type Matcher = unknown;

export interface StepExpectation {
  /** One status or a list of acceptable ones. */
  status: number | number[];
  /** Keyed by a path into the body (`data[0].label`, `length`, `$` for the whole body). */
  body?: Record<string, Matcher>;
  /** Keyed by header name (case-insensitive). */
  headers?: Record<string, Matcher>;
}

/** An undo request; `status` lists answers besides 2xx and 404 that mean "already gone" (Snag answers 400). */
export type CleanupRequest = StepRequest & { status?: number[] };

export interface Step {
  name: string;
  request: StepRequest;
  expect: StepExpectation;
  /** Variable name → body path (or `header:name`) to read after the step passes. */
  capture?: Record<string, string>;
  /** Requests that undo this step, run when the scenario ends unless a later step already sent them with success. */
  cleanup?: CleanupRequest | CleanupRequest[];
  tags?: StepTag[];
  /** Overrides the method rule for --read-only (e.g. a POST that only logs in). */
  mutating?: boolean;
}

export interface Scenario {
  name: string;
  tags?: StepTag[];
  steps: Step[];
}

export interface Suite {
  /** Which vendor's spec the responses are checked against (`snag`, `lightdash`, `looker`). */
  vendor: string;
  name: string;
  description?: string;
  /** Defaults that fit the mock's seeded world; a real vendor may override them (see `vendorVariables`). */
  variables?: Record<string, unknown>;
  /** Variable → environment variable that supplies it against a real vendor; steps needing an unset one are skipped. */
  vendorVariables?: Record<string, string>;
  scenarios: Scenario[];
  /** The file the suite came from. */
  file: string;
}

/**
 * Where a suite runs: the in-process mock, Prism mocking the same spec, the real vendor (`--target vendor`), or
 * any URL (`--target http://.../{vendor}`). A URL may be a real vendor, so it is run as one; its results are
 * labelled `url` so that a run against, say, a running attrmock does not pass for one against the vendor.
 */
export type TargetKind = 'mock' | 'prism' | 'vendor' | 'url';

/** One failed check, named after what it asserts (status, responseSchema, body, header, capture, ...). */
export interface CheckFailure {
  check: string;
  message: string;
}

export interface StepResult {
  name: string;
  outcome: 'passed' | 'failed' | 'skipped';
  /** Why a step was skipped. */
  reason?: string;
  failures: CheckFailure[];
  request?: { method: string; url: string };
  /** The spec operation the request routed to. */
  operationId?: string;
  status?: number;
  durationMs: number;
}

export interface ScenarioResult {
  name: string;
  steps: StepResult[];
  /** Cleanup requests sent when the scenario ended, as steps named `cleanup: METHOD path`. */
  cleanup: StepResult[];
  durationMs: number;
}

/** How a run ended, beyond its results: the reporters' verdict depends on it. */
export interface RunEnd {
  /** Stopped by Ctrl-C: the suites and steps not reached are missing, so the run cannot pass. */
  interrupted?: boolean;
}

export interface SuiteResult {
  name: string;
  vendor: string;
  file: string;
  target: { kind: TargetKind; baseUrl: string };
  scenarios: ScenarioResult[];
  durationMs: number;
  /** Set when the suite could not start (a target without credentials, a failed login). */
  error?: string;
}
