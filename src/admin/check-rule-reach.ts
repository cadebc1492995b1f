import { distance } from 'fastest-levenshtein';
import type { Operation } from '../engine/types.js';

/** What a fault rule may name about the requests it matches. */
export interface RuleTarget {
  vendor: string;
  operationId?: string;
  method?: string;
  path?: string;
}

const NEAR_MISSES = 3;

/**
 * Errors for a rule that no request could ever fire: a path no operation has, a method its path lacks, an
 * operationId elsewhere than the path. Each names the closest operations, as WireMock reports a near miss, e.g.
 * `no snag operation matches POST /snag/api/nope; closest: POST /snag/api/website_user_attributes (...)`.
 */
export function checkRuleReach(rule: RuleTarget, ops: Operation[]): string[] {
  if (rule.path === undefined && rule.method === undefined) return [];
  const reached = ops.filter((op) => (rule.path === undefined || pathMatches(rule.path, `/${rule.vendor}${op.pathTemplate}`))
    && (rule.method === undefined || op.method === rule.method)
    && (rule.operationId === undefined || op.operationId === rule.operationId));
  if (reached.length > 0) return [];
  const asked = [rule.method ?? '*', rule.path ?? '*'].join(' ') + (rule.operationId ? ` (${rule.operationId})` : '');
  return [`no ${rule.vendor} operation matches ${asked}, so the rule could never fire; closest: ${closest(rule, ops).join('; ')}`];
}

/** The path as a client sends it (`/snag/api/x/123`) or the template itself (`/snag/api/x/{id}`). */
function pathMatches(path: string, template: string): boolean {
  if (path === template) return true;
  const sent = path.split('/');
  const parts = template.split('/');
  return sent.length === parts.length && parts.every((part, i) => (part.includes('{') ? sent[i] !== '' : part === sent[i]));
}

function closest(rule: RuleTarget, ops: Operation[]): string[] {
  const wanted = `${rule.method ?? ''} ${rule.path ?? ''} ${rule.operationId ?? ''}`;
  return ops
    .map((op) => {
      const path = `/${rule.vendor}${op.pathTemplate}`;
      const score = distance(wanted, `${rule.method ? op.method : ''} ${rule.path ? path : ''} ${rule.operationId ? op.operationId : ''}`);
      return { score, text: `${op.method} ${path} (${op.operationId})` };
    })
    .sort((a, b) => a.score - b.score)
    .slice(0, NEAR_MISSES)
    .map((candidate) => candidate.text);
}
