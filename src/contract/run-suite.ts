import { randomBytes } from 'node:crypto';
import type { ResponseSchemaCheck } from './check-response-schema.js';
import { interpolate, type Variables } from './interpolate.js';
import { runScenario, STOPPED } from './run-scenario.js';
import type { Scenario, ScenarioResult, Suite, SuiteResult, TargetKind } from './types.js';
import { vendorTarget, type CredentialSource } from './vendor-targets.js';

export interface SuiteTarget {
  kind: TargetKind;
  baseUrl: string;
  credentials: CredentialSource;
}

export interface RunSuiteOptions {
  target: SuiteTarget;
  checkSchema: ResponseSchemaCheck;
  readOnly?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Aborted (Ctrl-C): no further scenario starts; the running one skips its remaining steps and cleans up. */
  signal?: AbortSignal;
  /** Called as each scenario ends (the terminal's progress line). */
  onScenario?(suite: Suite, result: ScenarioResult): void;
}

/**
 * Runs a suite against one target: signs in the vendor's way, runs every scenario (each cleaning up after
 * itself) and signs out. A suite that cannot start (no credentials, failed login) reports `error`.
 */
export async function runSuite(suite: Suite, options: RunSuiteOptions): Promise<SuiteResult> {
  const started = performance.now();
  const { target } = options;
  const env = options.env ?? process.env;
  const result: SuiteResult = { name: suite.name, vendor: suite.vendor, file: suite.file, target: { kind: target.kind, baseUrl: target.baseUrl }, scenarios: [], durationMs: 0 };
  let signedIn;
  try {
    const vendor = vendorTarget(suite.vendor);
    const credentials = vendor.credentials(target.credentials, env);
    signedIn = await vendor.signIn(target.baseUrl, credentials);
    const variables = suiteVariables(suite, target.kind, env, { ...credentials, ...signedIn.variables });
    const stop: { reason?: string } = {};
    for (const scenario of suite.scenarios) {
      if (options.signal?.aborted) break;
      if (stop.reason !== undefined) {
        result.scenarios.push(notRun(scenario, STOPPED));
        continue;
      }
      const scenarioResult = await runScenario(scenario, {
        stop,
        kind: target.kind,
        baseUrl: target.baseUrl,
        authHeaders: signedIn.headers,
        readOnly: options.readOnly ?? false,
        checkSchema: options.checkSchema,
        variables,
        signal: options.signal,
      });
      result.scenarios.push(scenarioResult);
      options.onScenario?.(suite, scenarioResult);
    }
  } catch (error) {
    result.error = (error as Error).message;
    for (const scenario of suite.scenarios.slice(result.scenarios.length)) result.scenarios.push(notRun(scenario, 'the suite could not run'));
  } finally {
    await signedIn?.signOut();
  }
  result.durationMs = Math.round(performance.now() - started);
  return result;
}

/** A scenario the suite did not reach, its steps counted as skipped so that the totals add up. */
export function notRun(scenario: Scenario, reason: string): ScenarioResult {
  return { name: scenario.name, steps: scenario.steps.map((step) => ({ name: step.name, outcome: 'skipped', reason, failures: [], durationMs: 0 })), cleanup: [], durationMs: 0 };
}

/** Suite defaults, credentials, a run id for unique names, and against a real vendor its environment's values. */
function suiteVariables(suite: Suite, kind: TargetKind, env: NodeJS.ProcessEnv, credentials: Record<string, string>): Variables {
  const variables: Variables = { values: new Map(Object.entries(credentials)), unavailable: new Map() };
  variables.values.set('runId', randomBytes(4).toString('hex'));
  for (const [name, value] of Object.entries(suite.variables ?? {})) {
    const resolved = interpolate(value, variables);
    if (!resolved.ok) throw new Error(`${suite.file}: variable ${name}: ${resolved.reason}`);
    variables.values.set(name, resolved.value);
  }
  if (kind !== 'vendor' && kind !== 'url') return variables;
  for (const [name, envName] of Object.entries(suite.vendorVariables ?? {})) {
    const value = env[envName];
    if (value) variables.values.set(name, value);
    else {
      variables.values.delete(name);
      variables.unavailable.set(name, `set ${envName} to run this step against the real vendor`);
    }
  }
  return variables;
}
