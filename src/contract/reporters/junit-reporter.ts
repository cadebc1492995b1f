import type { RunEnd, StepResult, SuiteResult } from '../types.js';
import { allSteps, summarize } from '../summarize.js';
import { targetLabel } from './target-label.js';

/**
 * JUnit XML as CI systems read it (Jenkins, GitLab, GitHub test reporters): one <testsuite> per suite and
 * target, one <testcase> per step (classname = suite.scenario), <failure> with the messages, <skipped> with the
 * reason. A suite that could not start is one <testcase> with an <error>. An interrupted run says so in its name.
 */
export function junitReport(results: SuiteResult[], end: RunEnd = {}): string {
  const summary = summarize(results, end);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = summary.passed + summary.failed + summary.skipped + summary.errors;
  lines.push(`<testsuites name="attrmock contract${end.interrupted ? ' (interrupted)' : ''}" tests="${total}" failures="${summary.failed}" errors="${summary.errors}" skipped="${summary.skipped}" time="${seconds(results.reduce((t, s) => t + s.durationMs, 0))}">`);
  for (const suite of results) lines.push(...suiteXml(suite));
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}

function suiteXml(suite: SuiteResult): string[] {
  const steps = allSteps(suite);
  const count = (outcome: StepResult['outcome']): number => steps.filter((s) => s.outcome === outcome).length;
  const name = `${suite.name} (${targetLabel(suite.target)})`;
  const attributes = `name="${attr(name)}" tests="${steps.length + (suite.error ? 1 : 0)}" failures="${count('failed')}" errors="${suite.error ? 1 : 0}" skipped="${count('skipped')}" time="${seconds(suite.durationMs)}"`;
  const lines = [`  <testsuite ${attributes}>`, `    <properties><property name="target" value="${attr(suite.target.baseUrl)}"/><property name="file" value="${attr(suite.file)}"/></properties>`];
  if (suite.error) lines.push(`    <testcase classname="${attr(suite.name)}" name="start"><error message="${attr(suite.error)}"/></testcase>`);
  for (const scenario of suite.scenarios) {
    const classname = `${suite.name}.${scenario.name}`;
    for (const step of [...scenario.steps, ...scenario.cleanup]) lines.push(...caseXml(classname, step));
  }
  lines.push('  </testsuite>');
  return lines;
}

function caseXml(classname: string, step: StepResult): string[] {
  const open = `    <testcase classname="${attr(classname)}" name="${attr(step.name)}" time="${seconds(step.durationMs)}"`;
  if (step.outcome === 'passed') return [`${open}/>`];
  if (step.outcome === 'skipped') return [`${open}>`, `      <skipped message="${attr(step.reason ?? '')}"/>`, '    </testcase>'];
  const first = step.failures[0];
  const detail = step.failures.map((f) => `${f.check}: ${f.message}`).join('\n');
  const where = step.request ? `${step.request.method} ${step.request.url}\n` : '';
  return [
    `${open}>`,
    `      <failure message="${attr(first ? `${first.check}: ${first.message}` : 'failed')}" type="${attr(first?.check ?? 'failure')}">${text(where + detail)}</failure>`,
    '    </testcase>',
  ];
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** XML 1.0 forbids most control characters even when escaped: drop them, then escape markup. */
function clean(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

export function text(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
