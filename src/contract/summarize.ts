import type { RunEnd, StepResult, SuiteResult } from './types.js';

export interface Summary {
  passed: number;
  failed: number;
  skipped: number;
  /** Suites that could not start. */
  errors: number;
  /** Present when the run was stopped early; the counts are then those so far. */
  interrupted?: true;
  ok: boolean;
}

/** Counts steps (cleanups included) over all suites; `ok` only when nothing failed and every suite ran to its end. */
export function summarize(results: SuiteResult[], end: RunEnd = {}): Summary {
  const summary: Summary = { passed: 0, failed: 0, skipped: 0, errors: 0, ok: true };
  for (const suite of results) {
    if (suite.error) summary.errors++;
    for (const step of allSteps(suite)) summary[step.outcome]++;
  }
  if (end.interrupted) summary.interrupted = true;
  summary.ok = summary.failed === 0 && summary.errors === 0 && !end.interrupted;
  return summary;
}

export function allSteps(suite: SuiteResult): StepResult[] {
  return suite.scenarios.flatMap((scenario) => [...scenario.steps, ...scenario.cleanup]);
}
