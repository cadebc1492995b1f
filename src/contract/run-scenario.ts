import { CleanupList } from './cleanup-list.js';
import type { ResponseSchemaCheck } from './check-response-schema.js';
import type { Variables } from './interpolate.js';
import { runStep, type StepContext } from './run-step.js';
import { redirectLocation, sendRequest } from './send-request.js';
import type { Scenario, ScenarioResult, StepResult, TargetKind } from './types.js';

export interface ScenarioContext {
  kind: TargetKind;
  baseUrl: string;
  authHeaders: Record<string, string>;
  readOnly: boolean;
  checkSchema: ResponseSchemaCheck;
  /** The suite's variables for this target; each scenario starts from a copy. */
  variables: Variables;
  /** Aborted (Ctrl-C): the remaining steps are skipped, and the cleanup still runs. */
  signal?: AbortSignal;
  /** Shared by the suite's scenarios: once a step stops the suite, the rest are skipped (cleanups still run). */
  stop?: { reason?: string };
}

/** Why steps after a suite-stopping failure did not run; the failed step names the cause, once. */
export const STOPPED = 'the suite stopped (see the step that failed)';

/**
 * Runs a scenario's steps in order. After the first failure the rest are skipped (they build on it), and
 * whatever the scenario created is deleted in any case.
 */
export async function runScenario(scenario: Scenario, context: ScenarioContext): Promise<ScenarioResult> {
  const started = performance.now();
  const cleanup = new CleanupList();
  const ctx: StepContext = { ...context, stop: context.stop ?? {}, variables: copy(context.variables), cleanup };
  const steps: StepResult[] = [];
  let failedAt: string | undefined;
  let undone: StepResult[] = [];
  try {
    for (const step of scenario.steps) {
      if (failedAt !== undefined || context.signal?.aborted || ctx.stop.reason !== undefined) {
        const reason = ctx.stop.reason !== undefined ? STOPPED : failedAt !== undefined ? `an earlier step failed ("${failedAt}")` : 'interrupted';
        steps.push({ name: step.name, outcome: 'skipped', reason, failures: [], durationMs: 0 });
        continue;
      }
      const result = await runStep(step, scenario.tags ?? [], ctx);
      steps.push(result);
      if (result.outcome === 'failed') failedAt = step.name;
    }
  } finally {
    // Even a runner bug must not leave a real tenant with what the scenario created.
    undone = await runCleanup(cleanup, context);
  }
  return { name: scenario.name, steps, cleanup: undone, durationMs: Math.round(performance.now() - started) };
}

async function runCleanup(cleanup: CleanupList, context: ScenarioContext): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const request of cleanup.drain()) {
    const started = performance.now();
    const name = `cleanup: ${request.method.toUpperCase()} ${request.path}`;
    try {
      const { response, request: sent } = await sendRequest(context.baseUrl, request, context.authHeaders);
      const accepted = request.status ?? [];
      const ok = (response.status >= 200 && response.status < 300) || response.status === 404 || accepted.includes(response.status);
      results.push({
        name,
        outcome: ok ? 'passed' : 'failed',
        failures: ok ? [] : [{ check: 'cleanup', message: `could not undo: ${sent.method} ${sent.url} answered ${response.status}${redirectTo(response)}` }],
        status: response.status,
        request: { method: sent.method, url: sent.url },
        durationMs: Math.round(performance.now() - started),
      });
    } catch (error) {
      results.push({ name, outcome: 'failed', failures: [{ check: 'cleanup', message: (error as Error).message }], durationMs: Math.round(performance.now() - started) });
    }
  }
  return results;
}

/** A cleanup is never followed to another origin either; the report says where it was sent. */
function redirectTo(response: Parameters<typeof redirectLocation>[0]): string {
  const location = redirectLocation(response);
  return location === undefined ? '' : ` redirecting to ${location} (not followed)`;
}

function copy(variables: Variables): Variables {
  return { values: new Map(variables.values), unavailable: new Map(variables.unavailable) };
}
