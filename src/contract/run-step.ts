import type { CleanupList } from './cleanup-list.js';
import type { ResponseSchemaCheck } from './check-response-schema.js';
import { interpolate, type Variables } from './interpolate.js';
import { matchExpectation } from './match-expectation.js';
import { readPath } from './read-path.js';
import { sendAsked } from './send-asked.js';
import { redirectLocation, StopSuite, type Exchange } from './send-request.js';
import type { CheckFailure, Step, StepResult, TargetKind } from './types.js';

export interface StepContext {
  kind: TargetKind;
  baseUrl: string;
  authHeaders: Record<string, string>;
  readOnly: boolean;
  variables: Variables;
  checkSchema: ResponseSchemaCheck;
  cleanup: CleanupList;
  /** Set when this suite cannot go on on this target (shared by its scenarios); later steps are skipped. */
  stop: { reason?: string };
  signal?: AbortSignal;
}

/** Tags each kind of target cannot honour, with the reason a report gives. */
const REAL_VENDOR_SKIPS = { prefer: 'asks for a status with Prefer, which real vendors ignore', fixture: "relies on the mock's seeded world" };
const SKIPPED_TAGS: Record<TargetKind, Record<string, string>> = {
  mock: {},
  prism: { state: 'depends on state (Prism answers from the spec alone)', 'vendor-rule': 'a vendor rule Prism does not know' },
  vendor: REAL_VENDOR_SKIPS,
  // A URL may be the real vendor, so it is spared what a real vendor would be.
  url: REAL_VENDOR_SKIPS,
};

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Runs one step: decide whether it can run here, send it, check status, schema and expectations, capture. */
export async function runStep(step: Step, scenarioTags: string[], ctx: StepContext): Promise<StepResult> {
  const started = performance.now();
  const result = (outcome: StepResult['outcome'], rest: Partial<StepResult> = {}): StepResult => ({
    name: step.name, outcome, failures: [], durationMs: Math.round(performance.now() - started), ...rest,
  });
  const reason = skipReason(step, scenarioTags, ctx);
  if (reason) return skip(step, ctx, result('skipped', { reason }));
  // Prism answers from the spec alone: only the status and the schema mean something there.
  const scope = ctx.kind === 'prism' ? 'status' : 'all';
  const resolved = interpolate({ request: step.request, expect: scope === 'all' ? step.expect : { status: step.expect.status } }, ctx.variables);
  if (!resolved.ok) {
    if (resolved.kind === 'unavailable') return skip(step, ctx, result('skipped', { reason: `needs ${resolved.name}: ${resolved.reason}` }));
    return skip(step, ctx, result('failed', { failures: [{ check: 'suite', message: resolved.reason }] }));
  }
  const { request, expect } = resolved.value;
  let exchange: Exchange;
  try {
    exchange = await sendAsked(ctx.baseUrl, request, ctx.authHeaders, expect.status, ctx.signal);
  } catch (error) {
    const message = `${request.method} ${request.path}: ${(error as Error).message}`;
    if (error instanceof StopSuite) ctx.stop.reason = (error as Error).message;
    return skip(step, ctx, result('failed', { failures: [{ check: 'request', message }] }));
  }
  const verdict = ctx.checkSchema(exchange.request.method, exchange.request.path, exchange.response.status, exchange.response.body, exchange.contentType);
  const failures = [...redirected(exchange, expect.status), ...matchExpectation(expect, exchange.response, scope), ...verdict.failures];
  failures.push(...capture(step, exchange, ctx));
  afterwards(step, exchange, ctx);
  const outcome = failures.length === 0 ? 'passed' : 'failed';
  if (outcome === 'failed') markUnavailable(step, ctx, `step "${step.name}" failed`);
  const sent = { method: exchange.request.method, url: exchange.request.url };
  return result(outcome, { failures, status: exchange.response.status, operationId: verdict.operationId, request: sent });
}

/** A redirect the step did not ask for is a failure naming where it pointed; the runner never follows one. */
function redirected(exchange: Exchange, expected: number | number[]): CheckFailure[] {
  const location = redirectLocation(exchange.response);
  if (location === undefined || [expected].flat().includes(exchange.response.status)) return [];
  return [{ check: 'redirect', message: `${exchange.request.method} ${exchange.request.url} answered ${exchange.response.status} redirecting to ${location}; not followed (the credentials would go with it)` }];
}

function skipReason(step: Step, scenarioTags: string[], ctx: StepContext): string | undefined {
  for (const tag of [...scenarioTags, ...(step.tags ?? [])]) {
    const why = SKIPPED_TAGS[ctx.kind][tag];
    if (why) return `${tag}: ${why}`;
  }
  const mutating = step.mutating ?? MUTATING.has(step.request.method.toUpperCase());
  if (ctx.readOnly && mutating) return 'read-only: a mutating step';
  return undefined;
}

/** A step that did not run captured nothing: later steps that need its values are skipped, saying why. */
function skip(step: Step, ctx: StepContext, result: StepResult): StepResult {
  markUnavailable(step, ctx, `step "${step.name}" ${result.outcome === 'skipped' ? `was skipped (${result.reason})` : 'failed'}`);
  return result;
}

function markUnavailable(step: Step, ctx: StepContext, reason: string): void {
  for (const name of Object.keys(step.capture ?? {})) {
    if (!ctx.variables.values.has(name)) ctx.variables.unavailable.set(name, reason);
  }
}

/** Captures are read from any answer, so a cleanup can still undo what a failing step created. */
function capture(step: Step, exchange: Exchange, ctx: StepContext): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const [name, source] of Object.entries(step.capture ?? {})) {
    const value = source.startsWith('header:') ? exchange.response.headers.get(source.slice(7)) ?? undefined : readValue(exchange.response.body, source);
    // Prism's answers are made up from the spec: a missing value there only means later steps cannot use it.
    if (value === undefined && ctx.kind === 'prism') ctx.variables.unavailable.set(name, `Prism's answer had nothing at ${source}`);
    else if (value === undefined) failures.push({ check: 'capture', message: `capture ${name}: nothing at ${source}` });
    else {
      ctx.variables.values.set(name, value);
      ctx.variables.unavailable.delete(name);
    }
  }
  return failures;
}

function readValue(body: unknown, source: string): unknown {
  const read = readPath(body, source);
  return read.found ? read.value : undefined;
}

/** Registers this step's undo once it succeeded, and settles an undo this very request performs. */
function afterwards(step: Step, exchange: Exchange, ctx: StepContext): void {
  const ok = exchange.response.status >= 200 && exchange.response.status < 300;
  if (!ok || ctx.kind === 'prism') return;
  ctx.cleanup.settle(exchange.request.method, exchange.request.path);
  if (!step.cleanup) return;
  for (const request of Array.isArray(step.cleanup) ? step.cleanup : [step.cleanup]) {
    const undo = interpolate(request, ctx.variables);
    if (undo.ok) ctx.cleanup.add(undo.value);
  }
}
