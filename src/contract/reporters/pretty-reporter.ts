import type { RunEnd, ScenarioResult, Suite, SuiteResult } from '../types.js';
import { summarize } from '../summarize.js';
import { targetLabel } from './target-label.js';

/** One progress line per scenario, as it ends: `✔ snag › create, read back, delete  7 passed, 1 skipped  42 ms`. */
export function prettyScenarioLine(suite: Pick<Suite, 'name'>, scenario: ScenarioResult): string {
  const steps = [...scenario.steps, ...scenario.cleanup];
  const count = (outcome: string): number => steps.filter((s) => s.outcome === outcome).length;
  const failed = count('failed');
  const parts = [`${count('passed')} passed`];
  if (failed) parts.push(`${failed} failed`);
  if (count('skipped')) parts.push(`${count('skipped')} skipped`);
  return `${failed ? '✘' : '✔'} ${suite.name} › ${scenario.name}  ${parts.join(', ')}  ${scenario.durationMs} ms`;
}

/** The end of a run: every failure with its step and message, then the totals (never PASS after a Ctrl-C). */
export function prettyReport(results: SuiteResult[], end: RunEnd = {}): string {
  const lines: string[] = [];
  for (const suite of results) {
    if (suite.error) lines.push(`✘ ${suite.name} (${[suite.target.kind, suite.target.baseUrl].filter(Boolean).join(' ')}) could not run: ${suite.error}`);
    for (const scenario of suite.scenarios) {
      for (const step of [...scenario.steps, ...scenario.cleanup]) {
        if (step.outcome !== 'failed') continue;
        lines.push(`✘ ${suite.name} › ${scenario.name} › ${step.name}${step.request ? `  (${step.request.method} ${step.request.url})` : ''}`);
        for (const failure of step.failures) lines.push(`    ${failure.check}: ${failure.message}`);
      }
    }
  }
  const summary = summarize(results, end);
  const suites = results.map((s) => `${s.name}@${targetLabel(s.target)}`).join(', ');
  const verdict = summary.interrupted ? 'INTERRUPTED' : summary.ok ? 'PASS' : 'FAIL';
  const counts = `${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped${summary.errors ? `, ${summary.errors} suites could not run` : ''}`;
  const steps = summary.total - summary.cleanups;
  const of = ` of ${steps} steps${summary.cleanups ? ` and ${summary.cleanups} cleanups` : ''}`;
  const skipped = Object.entries(summary.skippedBecause).map(([reason, count]) => `${count} ${reason}`);
  if (skipped.length) lines.push(`skipped: ${skipped.join(', ')} (each step's reason: --reporter json)`);
  lines.push(`${verdict}  ${counts}${summary.interrupted ? ' so far' : of}  (${suites})`);
  return lines.join('\n') + '\n';
}
