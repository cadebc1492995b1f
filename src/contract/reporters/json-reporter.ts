import type { SuiteResult } from '../types.js';
import { summarize } from '../summarize.js';

/** The whole run as JSON: a summary and every suite, scenario and step with its failures. */
export function jsonReport(results: SuiteResult[]): string {
  return JSON.stringify({ summary: summarize(results), suites: results }, null, 2) + '\n';
}
