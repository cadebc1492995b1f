import type { RunEnd, SuiteResult } from '../types.js';
import { summarize } from '../summarize.js';

/** The whole run as JSON: a summary (with `interrupted: true` after a Ctrl-C) and every suite, scenario and step. */
export function jsonReport(results: SuiteResult[], end: RunEnd = {}): string {
  return JSON.stringify({ summary: summarize(results, end), suites: results }, null, 2) + '\n';
}
