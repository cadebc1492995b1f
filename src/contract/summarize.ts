import type { RunEnd, StepResult, SuiteResult } from './types.js';

export interface Summary {
  passed: number;
  failed: number;
  skipped: number;
  /** passed + failed + skipped: the suites' steps (reached or not) plus the cleanups that ran. */
  total: number;
  /** How many of the total were cleanups (only targets that keep state get any). */
  cleanups: number;
  /** Skipped steps by the first words of their reason (`state`, `vendor-rule`, `needs secondId`, `read-only`...). */
  skippedBecause: Record<string, number>;
  /** Suites that could not start. */
  errors: number;
  /** Present when the run was stopped early; the counts are then those so far. */
  interrupted?: true;
  ok: boolean;
}

/** Counts steps (cleanups included) over all suites; `ok` only when nothing failed and every suite ran to its end. */
export function summarize(results: SuiteResult[], end: RunEnd = {}): Summary {
  const summary: Summary = { passed: 0, failed: 0, skipped: 0, total: 0, cleanups: 0, skippedBecause: {}, errors: 0, ok: true };
  for (const suite of results) {
    if (suite.error) summary.errors++;
    for (const scenario of suite.scenarios) summary.cleanups += scenario.cleanup.length;
    for (const step of allSteps(suite)) {
      summary[step.outcome]++;
      summary.total++;
      if (step.outcome === 'skipped') {
        const because = skipCategory(step.reason);
        summary.skippedBecause[because] = (summary.skippedBecause[because] ?? 0) + 1;
      }
    }
  }
  if (end.interrupted) summary.interrupted = true;
  summary.ok = summary.failed === 0 && summary.errors === 0 && !end.interrupted;
  return summary;
}

export function allSteps(suite: SuiteResult): StepResult[] {
  return suite.scenarios.flatMap((scenario) => [...scenario.steps, ...scenario.cleanup]);
}

/** `state: depends on state (...)` → `state`; `needs secondId: ...` → `needs secondId`. */
function skipCategory(reason: string | undefined): string {
  return (reason ?? 'no reason given').split(/[:(]/)[0]!.trim();
}
