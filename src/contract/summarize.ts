import type { StepResult, SuiteResult } from './types.js';

export interface Summary {
  passed: number;
  failed: number;
  skipped: number;
  /** Suites that could not start. */
  errors: number;
  ok: boolean;
}

/** Counts steps (cleanups included) over all suites; `ok` only when nothing failed and every suite ran. */
export function summarize(results: SuiteResult[]): Summary {
  const summary: Summary = { passed: 0, failed: 0, skipped: 0, errors: 0, ok: true };
  for (const suite of results) {
    if (suite.error) summary.errors++;
    for (const step of allSteps(suite)) summary[step.outcome]++;
  }
  summary.ok = summary.failed === 0 && summary.errors === 0;
  return summary;
}

export function allSteps(suite: SuiteResult): StepResult[] {
  return suite.scenarios.flatMap((scenario) => [...scenario.steps, ...scenario.cleanup]);
}
