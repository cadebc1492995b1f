import type { SuiteResult } from '../types.js';

/**
 * How reports name where a suite ran: its kind (`mock`, `prism`, `vendor`), or for a URL target the URL itself,
 * so that a run against a stand-in is never labelled as one against the real vendor.
 */
export function targetLabel(target: SuiteResult['target']): string {
  return target.kind === 'url' ? target.baseUrl : target.kind;
}
