import { attr, text } from '../contract/reporters/junit-reporter.js';
import type { ReplayResult } from './replay-recording.js';

export type DriftReporter = 'pretty' | 'json' | 'junit';

/** `line 3 GET /snag/api/... $.data[0].label: missing (recorded string, mock absent)`. */
function describe(result: ReplayResult): string[] {
  return result.differences.map((d) => `${d.kind} at ${d.path}: recorded ${d.recorded}, mock ${d.mock}`);
}

export function driftReport(results: ReplayResult[], reporter: DriftReporter): string {
  const differing = results.filter((r) => r.differences.length > 0);
  if (reporter === 'json') return `${JSON.stringify({ ok: differing.length === 0, requests: results.length, differing: differing.length, results }, null, 2)}\n`;
  if (reporter === 'junit') {
    const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="attrmock drift" tests="${results.length}" failures="${differing.length}">`, `  <testsuite name="attrmock drift" tests="${results.length}" failures="${differing.length}">`];
    for (const result of results) {
      const name = `line ${result.line}: ${result.request}`;
      const problems = describe(result);
      if (problems.length === 0) lines.push(`    <testcase classname="${attr(result.vendor)}" name="${attr(name)}"/>`);
      else lines.push(`    <testcase classname="${attr(result.vendor)}" name="${attr(name)}"><failure message="${attr(problems[0]!)}">${text(problems.join('\n'))}</failure></testcase>`);
    }
    lines.push('  </testsuite>', '</testsuites>');
    return `${lines.join('\n')}\n`;
  }
  const lines: string[] = [];
  for (const result of differing) {
    lines.push(`✗ line ${result.line} ${result.request}${result.operationId ? ` (${result.operationId})` : ''}`);
    for (const problem of describe(result)) lines.push(`    ${problem}`);
  }
  lines.push(differing.length === 0 ? `✓ ${results.length} recorded requests replayed; the mock agrees with every answer` : `${differing.length} of ${results.length} recorded requests answered differently on the mock`);
  return `${lines.join('\n')}\n`;
}
